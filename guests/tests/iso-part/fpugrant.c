/*
 * The FPU grant (issue 9, configs/test/test-fpu.c).  "nofpu" runs without
 * BH_PART_F_FPU: each incarnation executes one x87, SSE, MMX or fxsave
 * instruction, which must fault (#NM) to its health monitor and restart
 * it, never run.  "fpuwatch" has the grant: a pattern in every FPU/SSE
 * register must survive all of nofpu's windows and faults, and the HM log
 * must hold one BH_HM_FPU_ERROR (vector 7) per attempt, at that very
 * instruction.
 */
#include "iso.h"

#define NOFPU_STEPS 4
#define P_NOFPU     1               /* partition id in configs/test/test-fpu.c */
#define T_NM        7

struct fpu_area fxbuf;      /* where a wrongly allowed fxsave would write */

/* Each is one instruction, labelled at_<name>: where the fault must be. */
#define TRY(name, insn)                                                   \
	static __attribute__((noinline)) void try_##name(void)            \
	{                                                                  \
		__asm__ volatile(".globl at_" #name "\nat_" #name ":\n\t" insn \
				 : : : "memory");                          \
	}
TRY(x87, "fld1")
TRY(sse, "xorps %%xmm0, %%xmm0")
/* Not emms: QEMU 7.2 runs it with CR0.TS set (real CPUs raise #NM).  It
 * only clears the tag word of registers that hold the clean initial
 * state (fpu_arch_switch), so it could leak or damage nothing. */
TRY(mmx, "pxor %%mm0, %%mm0")
TRY(fxsave, "fxsave fxbuf")
extern char at_x87[], at_sse[], at_mmx[], at_fxsave[];

static const struct {
	const char *name;
	void (*run)(void);
	const char *at;
} steps[NOFPU_STEPS] = {
	{ "x87", try_x87, at_x87 }, { "sse", try_sse, at_sse },
	{ "mmx", try_mmx, at_mmx }, { "fxsave", try_fxsave, at_fxsave },
};

void role_nofpu(void)
{
	struct bh_part_info info;

	bh_self(&info);
	if (info.restarts >= NOFPU_STEPS) {
		bh_puts("nofpu: every attempt faulted");
		bh_halt();
	}
	bh_printf("nofpu: trying %s\n", steps[info.restarts].name);
	bh_console_flush();
	steps[info.restarts].run();
	bh_printf("SURVIVED %s without the FPU grant\n", steps[info.restarts].name);
	bh_halt();
}

/* nofpu's FPU events in the log so far, checked against the steps. */
static unsigned check_log(struct verdict *v)
{
	static struct bh_hm_entry e[BH_HM_READ_MAX];
	int n = bh_hm_read(e, BH_HM_READ_MAX, 0), i;
	unsigned k = 0;

	for (i = 0; i < n; i++) {
		if (e[i].partition != P_NOFPU)
			continue;
		if (k >= NOFPU_STEPS || e[i].event != BH_HM_FPU_ERROR ||
		    e[i].vector != T_NM || e[i].eip != (uint32_t)steps[k].at)
			VFAIL(v, "nofpu record %u: event %u vector %u eip %08x; expected "
			      "FPU error, vector 7 at %08x (%s)", k, e[i].event, e[i].vector,
			      e[i].eip, k < NOFPU_STEPS ? (uint32_t)steps[k].at : 0,
			      k < NOFPU_STEPS ? steps[k].name : "none");
		k++;
	}
	return k;
}

void role_fpuwatch(void)
{
	static struct fpu_area ref, now;
	static struct verdict regs = { .name = "fpu-neighbour-intact" };
	static struct verdict log = { .name = "fpu-without-grant-faults" };
	unsigned windows = 0, seen = 0;
	const char *what;
	int off;

	fpu_load_pattern(0x5a);
	fpu_save(&ref);
	while (windows < 200 && (seen = check_log(&log)) < NOFPU_STEPS) {
		bh_yield();
		windows++;
		fpu_save(&now);
		off = fpu_diff(&ref, &now, &what);
		if (off >= 0 && !verdict_failed(&regs))
			VFAIL(&regs, "after window %u, byte %d (%s) changed: %02x, loaded %02x",
			      windows, off, what, now.b[off], ref.b[off]);
	}
	if (seen < NOFPU_STEPS)
		VFAIL(&log, "%u of %u FPU events of nofpu in the log after %u windows",
		      seen, NOFPU_STEPS, windows);
	verdict_report(&regs);
	verdict_report(&log);
	bh_tests_done();
	bh_shutdown(0);
}
