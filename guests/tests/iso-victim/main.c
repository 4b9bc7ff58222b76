/*
 * victim (configs/test/test-hm.c): commits one fault per incarnation.  The
 * health monitor restarts it after each (hm_action RESTART), so its
 * restart count says which step it is at; each incarnation first checks
 * the previous step — the log entry the kernel wrote (event, vector, eip,
 * address, error code) and that the restart was a clean cold start — and
 * prints that step's TEST line.  At restart_limit it prints TESTS DONE and
 * faults once more: the kernel must then halt it (the observer checks).
 *
 * A system partition, only so that it can read the log (bh_hm_read).
 */
#include <bulkhead/config.h>   /* BH_PORT_*: ports the kernel keeps */
#include "bh_test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define COM2_SCRATCH  0x2ff       /* granted: COM2 0x2f8..0x2ff */

/* faults.S */
#define FAULT(n) void fault_##n(uint32_t arg); extern char fault_##n##_at[];
FAULT(divide) FAULT(ud2) FAULT(cli) FAULT(sti) FAULT(hlt) FAULT(cr3)
FAULT(in) FAULT(inw) FAULT(out) FAULT(int20) FAULT(int21) FAULT(int80)
FAULT(int3) FAULT(into) FAULT(bound) FAULT(read) FAULT(write) FAULT(call)
FAULT(stack) FAULT(upcall)
void single_step(void);
extern char single_step_first[];
struct fpu_area { uint8_t b[512]; } __attribute__((aligned(16)));
void fpu_dirty(void);
void fpu_save(struct fpu_area *a);

static void self_cold(uint32_t arg) { bh_set_mode(BH_MODE_COLD_START); }
static void self_warm(uint32_t arg) { bh_set_mode(BH_MODE_WARM_START); }
static void self_restart(uint32_t arg) { bh_part_restart(bh_partition_id); }

/* Addresses known only at run time (they depend on mem_size). */
#define GUARD_TOP   0xdead0001u   /* arg: the bottom of the stack */
#define GUARD_LAST  0xdead0002u   /* addr: the last word of the guard page */
#define MEM_END     0xdead0003u   /* arg/addr: first byte past our memory */
#define SELF        0xffu         /* event: a restart we asked for, no entry */
#define GP          BH_HM_GENERAL_PROTECTION
#define PF          BH_HM_PAGE_FAULT
#define IDT_ERR(v)  ((v) << 3 | 2)   /* #GP error code: IDT entry v */

struct step {
	const char *name;
	void (*run)(uint32_t arg);
	uint32_t arg;
	uint8_t event;
	uint16_t vector;
	const char *eip;          /* NULL: eip == addr (a jump) */
	uint32_t addr, err;
};

static const struct step steps[] = {
	{ "fault-divide", fault_divide, 0, BH_HM_DIVIDE_ERROR, 0, fault_divide_at, 0, 0 },
	{ "fault-ud2", fault_ud2, 0, BH_HM_INVALID_OPCODE, 6, fault_ud2_at, 0, 0 },
	{ "gp-cli", fault_cli, 0, GP, 13, fault_cli_at, 0, 0 },
	{ "gp-sti", fault_sti, 0, GP, 13, fault_sti_at, 0, 0 },
	{ "gp-hlt", fault_hlt, 0, GP, 13, fault_hlt_at, 0, 0 },
	{ "gp-mov-cr3", fault_cr3, 0, GP, 13, fault_cr3_at, 0, 0 },
	{ "gp-in-pic", fault_in, BH_PORT_PIC1 + 1, GP, 13, fault_in_at, 0, 0 },
	{ "gp-out-debug-exit", fault_out, BH_PORT_QEMU_EXIT, GP, 13, fault_out_at, 0, 0 },
	{ "gp-in-below-grant", fault_in, 0x2f7, GP, 13, fault_in_at, 0, 0 },
	{ "gp-inw-past-grant", fault_inw, 0x2ff, GP, 13, fault_inw_at, 0, 0 },
	{ "gp-int-0x20", fault_int20, 0, GP, 13, fault_int20_at, 0, IDT_ERR(0x20) },
	{ "gp-int-0x21", fault_int21, 0, GP, 13, fault_int21_at, 0, IDT_ERR(0x21) },
	{ "gp-int-0x80", fault_int80, 0, GP, 13, fault_int80_at, 0, IDT_ERR(0x80) },
	{ "gp-int3", fault_int3, 0, GP, 13, fault_int3_at, 0, IDT_ERR(3) },
	{ "gp-into", fault_into, 0, GP, 13, fault_into_at, 0, IDT_ERR(4) },
	{ "fault-bound", fault_bound, 0, BH_HM_OVERFLOW, 5, fault_bound_at, 0, 0 },
	{ "pf-read-kernel", fault_read, 0x00100000, PF, 14, fault_read_at, 0x00100000, 5 },
	/* 8 MiB: the identity map's 4 MiB pages, where other partitions'
	 * memory lies on a larger machine; below 4 MiB it uses 4 KiB pages. */
	{ "pf-read-identity-8m", fault_read, 0x00800000, PF, 14, fault_read_at,
	  0x00800000, 5 },
	{ "pf-read-page0", fault_read, 0, PF, 14, fault_read_at, 0, 4 },
	{ "pf-write-kernel", fault_write, 0x00100000, PF, 14, fault_write_at, 0x00100000, 7 },
	{ "pf-write-own-code", fault_write, BH_PART_BASE, PF, 14, fault_write_at,
	  BH_PART_BASE, 7 },
	{ "pf-read-tss", fault_read, 0x3fffb000, PF, 14, fault_read_at, 0x3fffb000, 5 },
	{ "pf-write-iobitmap", fault_write, 0x3fffc000, PF, 14, fault_write_at, 0x3fffc000, 7 },
	{ "pf-read-past-end", fault_read, MEM_END, PF, 14, fault_read_at, MEM_END, 4 },
	{ "pf-read-high", fault_read, 0xc0000000, PF, 14, fault_read_at, 0xc0000000, 4 },
	{ "pf-jump-kernel", fault_call, 0x00100000, PF, 14, 0, 0x00100000, 5 },
	{ "pf-stack-overflow", fault_stack, 0, PF, 14, fault_stack_at, GUARD_LAST, 6 },
	{ "upcall-no-stack", fault_upcall, GUARD_TOP, BH_HM_UPCALL_FAULT, 0xffff,
	  fault_upcall_at, GUARD_TOP, 0 },
	{ "self-set-mode-cold", self_cold, 0, SELF, 0, 0, 0, 0 },
	{ "self-set-mode-warm", self_warm, 0, SELF, 0, 0, 0, 0 },
	{ "self-part-restart", self_restart, 0, SELF, 0, 0, 0, 0 },
};

/* restart_limit in configs/test/test-hm.c: one restart per step. */
#define LIMIT ARRAY_SIZE(steps)

static struct bh_part_info info;
static uint32_t guard;                  /* the stack guard page */
static uint32_t touched = 7;            /* .data: a reload restores it */
static uint32_t touched_bss;            /* .bss: a reload zeroes it */
static struct bh_hm_entry log[64];

static uint32_t resolve(uint32_t v)
{
	switch (v) {
	case GUARD_TOP: return guard + BH_PAGE_SIZE;
	case GUARD_LAST: return guard + BH_PAGE_SIZE - 4;
	case MEM_END: return BH_PART_BASE + info.mem_size;
	}
	return v;
}

/*
 * Our fault entries in the log, not the ignored traps nor a note of a
 * restart we asked for (the kernel may log those or not); returns the
 * count and the last one in *last.
 */
static unsigned own_entries(struct bh_hm_entry *last)
{
	int n = bh_hm_read(log, ARRAY_SIZE(log), 0), i;
	unsigned k = 0;

	for (i = 0; i < n; i++)
		if (log[i].partition == info.id && log[i].action != BH_HM_ACT_IGNORE &&
		    log[i].event != BH_HM_PARTITION_RESTART) {
			*last = log[i];
			k++;
		}
	return k;
}

static unsigned faults_before(unsigned k)
{
	unsigned i, n = 0;

	for (i = 0; i < k; i++)
		n += steps[i].event != SELF;
	return n;
}

/* A cold start: pristine image, zeroed bss, a reset FPU, mode COLD_START;
 * a warm one (asked for by self_warm) the same but .data kept as it was. */
static void check_clean_start(int warm)
{
	struct fpu_area f;
	unsigned i;

	BH_EXPECT(info.mode == (warm ? BH_MODE_WARM_START : BH_MODE_COLD_START),
		  "mode %u after the restart", info.mode);
	BH_EXPECT(touched == (warm ? 8u : 7u) && touched_bss == 0, ".data %u / .bss %u "
		  "after the %s restart", touched, touched_bss, warm ? "warm" : "cold");
	fpu_save(&f);
	BH_EXPECT(f.b[0] == 0x7f && f.b[1] == 0x03 && f.b[4] == 0,
		  "x87 control %02x%02x, tags %02x: not reset", f.b[1], f.b[0], f.b[4]);
	BH_EXPECT(f.b[24] == 0x80 && f.b[25] == 0x1f, "MXCSR %02x%02x: not reset",
		  f.b[25], f.b[24]);
	for (i = 160; i < 288; i++)
		BH_EXPECT(f.b[i] == 0, "xmm byte %u is %02x after the restart", i - 160, f.b[i]);
}

static unsigned step_index;

/* The previous step (step_index) ended in the restart we are in. */
static void check_previous_step(void)
{
	const struct step *s = &steps[step_index];
	struct bh_hm_entry e = { 0 };
	unsigned n = own_entries(&e), want = faults_before(step_index + 1);
	uint32_t addr = resolve(s->addr), eip = s->eip ? (uint32_t)s->eip : addr;

	check_clean_start(s->run == self_warm);
	BH_EXPECT_EQ(info.start_condition, s->event == SELF ? BH_START_PARTITION_RESTART
		     : BH_START_HM_RESTART);
	BH_EXPECT(n == want, "%u log entries for us, expected %u", n, want);
	if (s->event == SELF)
		return;
	BH_EXPECT(e.event == s->event && e.vector == s->vector && e.eip == eip &&
		  e.addr == addr && e.error_code == s->err && e.action == BH_HM_ACT_RESTART,
		  "logged event %u vector %u eip %08x addr %08x error %x action %u; expected "
		  "event %u vector %u eip %08x addr %08x error %x action restart",
		  e.event, e.vector, e.eip, e.addr, e.error_code, e.action,
		  s->event, s->vector, eip, addr, s->err);
}

/* ------------------------------------------------- first incarnation -- */

static void test_io_granted(void)
{
	bh_outb(COM2_SCRATCH, 0x5a);
	BH_EXPECT(bh_inb(COM2_SCRATCH) == 0x5a, "scratch register reads %02x",
		  bh_inb(COM2_SCRATCH));
	bh_outb(COM2_SCRATCH, 0xa5);
	BH_EXPECT(bh_inb(COM2_SCRATCH) == 0xa5, "scratch register reads %02x",
		  bh_inb(COM2_SCRATCH));
}

/* #DB is a trap: with hm_action IGNORE we go on after each. */
static void test_single_step(void)
{
	int n, i, k = 0;

	single_step();
	n = bh_hm_read(log, ARRAY_SIZE(log), 0);
	for (i = 0; i < n; i++) {
		if (log[i].partition != info.id)
			continue;
		BH_EXPECT(log[i].event == BH_HM_DEBUG_TRAP && log[i].vector == 1 &&
			  log[i].action == BH_HM_ACT_IGNORE, "entry %u: event %u vector %u "
			  "action %u", log[i].seq, log[i].event, log[i].vector, log[i].action);
		BH_EXPECT(k++ || log[i].eip == (uint32_t)single_step_first,
			  "first trap at %08x, expected %08x", log[i].eip,
			  (uint32_t)single_step_first);
	}
	BH_EXPECT(k > 0, "no debug trap logged");
}

static void test_start(void)
{
	BH_EXPECT(info.restarts == 0, "restarts %u", info.restarts);
	BH_EXPECT(info.mode == BH_MODE_COLD_START, "mode %u", info.mode);
}

static void on_window(unsigned line, void *arg)
{
}

int main(void)
{
	const struct step *s;

	bh_self(&info);
	guard = BH_PART_BASE + info.mem_size - info.stack_size - BH_PAGE_SIZE;
	if (info.restarts == 0) {
		bh_test_run("victim-start", test_start);
		bh_test_run("io-granted-scratch", test_io_granted);
		bh_test_run("single-step-ignored", test_single_step);
	} else if (info.restarts <= LIMIT) {
		step_index = info.restarts - 1;
		bh_test_run(steps[step_index].name, check_previous_step);
	}
	if (info.restarts > LIMIT) {
		/* The fault at the limit should have halted us. */
		bh_test_fail_named("restart-limit", __FILE__, __LINE__,
				   "restarted past restart_limit");
		bh_tests_done();
		bh_halt();
	}
	if (info.restarts == LIMIT) {
		bh_printf("restart limit %u reached: the next fault must halt us\n",
			  (unsigned)LIMIT);
		bh_tests_done();
		fault_ud2(0);
		bh_puts("SURVIVED the fault past the restart limit");
		bh_halt();
	}
	s = &steps[info.restarts];
	touched = 8;
	touched_bss = 1;
	fpu_dirty();
	if (s->run == fault_upcall)
		bh_virq_register(BH_VIRQ_WINDOW, on_window, 0);
	bh_console_flush();
	s->run(resolve(s->arg));
	bh_test_fail_named(s->name, __FILE__, __LINE__, "the operation did not fault");
	bh_puts("SURVIVED a fault");
	bh_tests_done();
	bh_halt();
}
