/*
 * iso-hostile: attacks on the x86 entry path, and the partitions that
 * watch them (configs/test/test-arch.c, configs/test/test-nmi.c).  The role is the
 * partition's configured name:
 *
 *   hostile    one attempt per incarnation (hostile.S): virtual-8086 mode
 *              by iret, NT and IOPL tricks, LDT selectors, task-gate and
 *              reserved vectors, the UMIP instructions.  The health
 *              monitor restarts it after each; the next incarnation checks
 *              the log entry the kernel wrote and prints that step's TEST.
 *   neighbour  keeps its windows on time meanwhile, is never touched, and
 *              ends the run once the hostile partition is done.
 *   spin       spins through its windows until the log shows an NMI (which
 *              the system test injects), and checks that nobody was blamed.
 */
#include "bh_test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define GP            BH_HM_GENERAL_PROTECTION
#define IDT_ERR(v)    ((v) << 3 | 2)     /* #GP error code: IDT entry v */
#define MS            1000000ull

#define STEP(n) void step_##n(void); extern char step_##n##_at[];
STEP(v86) STEP(v86_ucs) STEP(v86_iopl) STEP(v86_tf) STEP(v86_nt) STEP(nt)
STEP(iopl) STEP(ldt_ds) STEP(ldt_high) STEP(ldt_lcall) STEP(ldt_ljmp)
STEP(int2) STEP(int8) STEP(int18) STEP(int31) STEP(sgdt) STEP(sidt)
STEP(sldt) STEP(smsw) STEP(str) STEP(sysenter) STEP(syscall)

struct outcome {
	uint8_t event;            /* NONE: no such outcome */
	uint16_t vector;
	uint32_t eip;             /* 0: the step's _at label */
	uint32_t err;             /* ANY: not checked */
};

struct step {
	const char *name;
	void (*run)(void);
	struct outcome want;
	const char *at;
	struct outcome alt;       /* where a real CPU differs from QEMU */
};

#define NONE 0xff
#define ANY  0xffffffffu

/*
 * A virtual-8086 excursion is logged as a general-protection fault at the
 * ip it was at (the kernel never lets it run an instruction there).  A
 * real CPU (and Bochs) ignores VM in a ring-3 iret: the iret then faults
 * on cs 0, or with the user cs returns to ip in protected mode, where the
 * fetch faults: the alternative outcome.
 */
#define REAL_CPU_GP     { GP, 13, 0, 0 }
#define REAL_CPU_PF(ip) { BH_HM_PAGE_FAULT, 14, ip, ANY }
#define SAME            { NONE, 0, 0, 0 }
static const struct step steps[] = {
	{ "v86-iret", step_v86, { GP, 13, 0x1234, 0 }, step_v86_at,
	  REAL_CPU_GP },
	{ "v86-iret-user-cs", step_v86_ucs, { GP, 13, 0x2000, 0 }, step_v86_ucs_at,
	  REAL_CPU_PF(0x2000) },
	{ "v86-iret-iopl3", step_v86_iopl, { GP, 13, 0x3456, 0 }, step_v86_iopl_at,
	  REAL_CPU_GP },
	{ "v86-iret-tf", step_v86_tf, { GP, 13, 0x4566, 0 }, step_v86_tf_at,
	  REAL_CPU_GP },
	{ "v86-iret-nt-iopl3", step_v86_nt, { GP, 13, 0x5678, 0 }, step_v86_nt_at,
	  REAL_CPU_GP },
	{ "nt-iret-task-return", step_nt, { BH_HM_SEGMENT_FAULT, 10, 0, 0 }, step_nt_at,
	  SAME },
	{ "iret-iopl3-then-cli", step_iopl, { GP, 13, 0, 0 }, step_iopl_at,
	  SAME },
	{ "ldt-selector-ds", step_ldt_ds, { GP, 13, 0, 0x0004 }, step_ldt_ds_at,
	  SAME },
	{ "ldt-selector-high", step_ldt_high, { GP, 13, 0, 0xfff4 }, step_ldt_high_at,
	  SAME },
	{ "ldt-far-call", step_ldt_lcall, { GP, 13, 0, 0x000c }, step_ldt_lcall_at,
	  SAME },
	{ "ldt-far-jump", step_ldt_ljmp, { GP, 13, 0, 0x0084 }, step_ldt_ljmp_at,
	  SAME },
	{ "int-nmi-gate", step_int2, { GP, 13, 0, IDT_ERR(2) }, step_int2_at,
	  SAME },
	{ "int-double-fault-gate", step_int8, { GP, 13, 0, IDT_ERR(8) }, step_int8_at,
	  SAME },
	{ "int-machine-check", step_int18, { GP, 13, 0, IDT_ERR(18) }, step_int18_at,
	  SAME },
	{ "int-reserved-31", step_int31, { GP, 13, 0, IDT_ERR(31) }, step_int31_at,
	  SAME },
	{ "sysenter-unarmed", step_sysenter, { GP, 13, 0, 0 }, step_sysenter_at,
	  SAME },
	{ "syscall-unarmed", step_syscall, { BH_HM_INVALID_OPCODE, 6, 0, 0 },
	  step_syscall_at, SAME },
	{ "umip-sgdt", step_sgdt, { GP, 13, 0, 0 }, step_sgdt_at,
	  SAME },
	{ "umip-sidt", step_sidt, { GP, 13, 0, 0 }, step_sidt_at,
	  SAME },
	{ "umip-sldt", step_sldt, { GP, 13, 0, 0 }, step_sldt_at,
	  SAME },
	{ "umip-smsw", step_smsw, { GP, 13, 0, 0 }, step_smsw_at,
	  SAME },
	{ "umip-str", step_str, { GP, 13, 0, 0 }, step_str_at,
	  SAME },
};

/* restart_limit of "hostile" in configs/test/test-arch.c: one per step. */
#define LIMIT ARRAY_SIZE(steps)

static struct bh_part_info info;
static struct bh_hm_entry log[64];

/* The entries of partition id that are not ignored; the last in *last. */
static unsigned entries_of(uint32_t id, struct bh_hm_entry *last)
{
	int n = bh_hm_read(log, ARRAY_SIZE(log), 0), i;
	unsigned k = 0;

	for (i = 0; i < n; i++)
		if (log[i].partition == id && log[i].event != BH_HM_PARTITION_RESTART) {
			if (last)
				*last = log[i];
			k++;
		}
	return k;
}

static unsigned step_index;

static int matches(const struct outcome *o, const struct step *s,
		   const struct bh_hm_entry *e)
{
	uint32_t eip = o->eip ? o->eip : (uint32_t)(uintptr_t)s->at;

	return o->event != NONE && e->event == o->event && e->vector == o->vector &&
	       e->eip == eip && (o->err == ANY || e->error_code == o->err) &&
	       e->action == BH_HM_ACT_RESTART;
}

static void check_previous_step(void)
{
	const struct step *s = &steps[step_index];
	const struct outcome *w = &s->want;
	struct bh_hm_entry e = { 0 };
	unsigned n = entries_of(info.id, &e);

	BH_EXPECT(info.mode == BH_MODE_COLD_START, "mode %u after the restart", info.mode);
	BH_EXPECT(n == step_index + 1, "%u log entries for us, expected %u", n,
		  step_index + 1);
	BH_EXPECT(matches(w, s, &e) || matches(&s->alt, s, &e),
		  "logged event %u vector %u eip %08x error %x action %u; expected "
		  "event %u vector %u eip %08x error %x action restart",
		  e.event, e.vector, e.eip, e.error_code, e.action, w->event,
		  w->vector, w->eip ? w->eip : (uint32_t)(uintptr_t)s->at, w->err);
	if (matches(&s->alt, s, &e))
		bh_printf("%s: this CPU ignores VM in a ring-3 iret\n", s->name);
}

/* NT is the partition's to set, but no return from the kernel carries it
 * (nor VM, IOPL or RF): the entry path scrubs them (entry.S trapret). */
static void test_nt_not_returned(void)
{
	uint32_t f;

	__asm__ volatile("pushfl; orl $0x4000, (%%esp); popfl" : : : "cc");
	bh_abi_version();
	__asm__ volatile("pushfl; popl %0; pushfl; andl $~0x4000, (%%esp); popfl"
			 : "=r"(f) : : "cc");
	BH_EXPECT(!(f & 0x4000), "NT came back from a hypercall: eflags %08x", f);
}

static void role_hostile(void)
{
	if (info.restarts == 0)
		bh_test_run("nt-not-returned", test_nt_not_returned);
	if (info.restarts > 0 && info.restarts <= LIMIT) {
		step_index = info.restarts - 1;
		bh_test_run(steps[step_index].name, check_previous_step);
	}
	if (info.restarts >= LIMIT) {
		bh_tests_done();
		bh_halt();
	}
	bh_console_flush();
	steps[info.restarts].run();
	bh_test_fail_named(steps[info.restarts].name, __FILE__, __LINE__,
			   "the operation did not fault");
	bh_puts("SURVIVED an attempt");
	bh_tests_done();
	bh_halt();
}

/* --------------------------------------------------------- neighbour -- */

#define P_HOSTILE     1            /* configs/test/test-arch.c */
#define FRAME_NS      (10 * MS)
#define MAX_WINDOWS   400

/* Our windows come every major frame, within a tick, all along. */
static void role_neighbour(void)
{
	uint64_t prev = 0, start;
	unsigned w, late = 0, hostile = 0;

	for (w = 0; w < MAX_WINDOWS; w++) {
		start = bh_vcpu->window_start_ns;
		if (prev && (start - prev < FRAME_NS || start - prev > FRAME_NS + MS))
			late++;
		prev = start;
		hostile = entries_of(P_HOSTILE, 0);
		if (hostile >= LIMIT)
			break;
		bh_yield();
	}
	if (hostile >= LIMIT)
		bh_test_pass("hostile-finished");
	else
		bh_test_fail_named("hostile-finished", __FILE__, __LINE__,
				   "the hostile partition did not reach its last step");
	bh_self(&info);
	if (late || info.restarts || entries_of(info.id, 0))
		bh_test_fail_named("neighbour-undisturbed", __FILE__, __LINE__,
				   "windows off time, or restarted, or blamed");
	else
		bh_test_pass("neighbour-undisturbed");
	bh_tests_done();
	bh_shutdown(0);
}

/* -------------------------------------------------------------- spin -- */

#define WAIT_NS (30000 * MS)

static int module_nmi(struct bh_hm_entry *out)
{
	int n = bh_hm_read(log, ARRAY_SIZE(log), 0), i;

	for (i = 0; i < n; i++)
		if (log[i].partition == BH_HM_SOURCE_MODULE && log[i].event == BH_HM_NMI) {
			*out = log[i];
			return 1;
		}
	return 0;
}

/* Never yields: an NMI lands in this partition (or in the kernel). */
static void role_spin(void)
{
	struct bh_hm_entry e = { 0 };
	int seen;
	uint64_t end = bh_now_ns() + WAIT_NS;

	bh_puts("spinning until an NMI is logged");
	while (!(seen = module_nmi(&e)) && bh_now_ns() < end)
		;
	if (!seen) {
		bh_test_fail_named("nmi-logged", __FILE__, __LINE__, "no NMI in the log");
	} else if (e.action != BH_HM_ACT_IGNORE || e.vector != 2 || e.count < 1) {
		bh_test_fail_named("nmi-logged", __FILE__, __LINE__,
				   "module entry has the wrong action, vector or count");
	} else {
		bh_test_pass("nmi-logged");
	}
	bh_self(&info);
	if (info.restarts || entries_of(info.id, 0))
		bh_test_fail_named("nmi-blames-nobody", __FILE__, __LINE__,
				   "the running partition was blamed for the NMI");
	else
		bh_test_pass("nmi-blames-nobody");
	bh_tests_done();
	bh_shutdown(0);
}

int main(void)
{
	bh_self(&info);
	if (!strcmp(info.name, "hostile"))
		role_hostile();
	else if (!strcmp(info.name, "neighbour"))
		role_neighbour();
	else if (!strcmp(info.name, "spin"))
		role_spin();
	bh_test_fail_named("role", __FILE__, __LINE__, "no role for this partition name");
	bh_tests_done();
	bh_halt();
}
