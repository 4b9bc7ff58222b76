/*
 * The portable core on the host: vcpu.c, sched.c, hm.c, hypercall.c and
 * the rest of kernel/core linked against a fake architecture
 * (tests/unit/fake_arch*), which the core/arch boundary makes possible.
 * Guest memory is a mapping below 4 GiB, so guest addresses are host
 * addresses as they are in the kernel.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>
#include <bulkhead/errno.h>
#include <bulkhead/hypercall.h>
#include "core/arch.h"
#include "core/partition.h"
#include "core/vcpu.h"
#include "core/ucopy.h"
#include "core/hypercall.h"
#include "core/sched.h"
#include "core/hm.h"
#include "core/time.h"
#include "core/boot.h"
#include "core/trace.h"
#include "core/console.h"
#include "core/port_hc.h"
#include "core/lock.h"
#include "fake_arch.h"

const struct bh_config bh_config;

#define GUEST_SIZE 0x10000u
#define RO_END     0x1000u          /* offsets in guest memory */
#define STACK_LO   0x8000u

static uint32_t guest;             /* guest memory, below 4 GiB */
static struct bh_config cfg;
/* Whole pages, as the kernel's: the HM area is past the vCPU info. */
static union {
	struct bh_vcpu_info info;
	uint8_t bytes[BH_PAGE_SIZE];
} shared[2];
static jmp_buf env;

static void setup_partition(unsigned id)
{
	struct partition *p = &partitions[id];

	memset(p, 0, sizeof(*p));
	p->id = id;
	p->cfg = &cfg.partitions[id];
	p->state = PART_RUNNABLE;
	p->vcpu.shared = &shared[id].info;
	p->regions[REGION_RO] = (struct uregion){ guest, guest + RO_END };
	p->regions[REGION_RW] = (struct uregion){ guest + RO_END, guest + STACK_LO - 0x1000 };
	p->regions[REGION_STACK] = (struct uregion){ guest + STACK_LO, guest + GUEST_SIZE };
	user_frame_spans(p);
	p->elf.n_segments = 1;
	p->elf.seg[0] = (struct elf_segment){ .vaddr = guest, .memsz = RO_END,
					      .flags = ELF_PF_X };
	vcpu_reset(p);
}

static int setup(void **state)
{
	if (!guest) {
		void *m = mmap(0, GUEST_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

		assert_true(m != MAP_FAILED);
		guest = (uint32_t)(uintptr_t)m;
	}
	memset((void *)(uintptr_t)guest, 0, GUEST_SIZE);
	memset(&cfg, 0, sizeof(cfg));
	cfg.n_partitions = 2;
	cfg.partitions[0].name = "p0";
	cfg.partitions[1].name = "p1";
	n_partitions = 2;
	setup_partition(0);
	setup_partition(1);
	fake_cpu = 0;
	pcpus[1].cur = 0;
	current = &partitions[0];
	fake_n_switches = 0;
	fake_escape = &env;
	fake_cycles = 0;
	time_init(0, 1000);
	(void)state;
	return 0;
}

/* A ring-3 frame of partition 0 about to return to pc with its stack at sp. */
static struct trap_frame ring3_frame(uint32_t pc, uint32_t sp)
{
	struct trap_frame tf;

	memset(&tf, 0, sizeof(tf));
	tf.pc = pc;
	tf.sp = sp;
	tf.ret = 0x5a5a;
	tf.vector = BH_HYPERCALL_VECTOR;
	return tf;
}

static int32_t hypercall(struct trap_frame *tf, uint32_t nr, uint32_t a0, uint32_t a1)
{
	tf->args.a0 = a0;
	tf->args.a1 = a1;
	return hypercall_dispatch(nr, hc_arch_args(tf));
}

static void enable_upcalls(struct partition *p, unsigned line)
{
	struct trap_frame tf = ring3_frame(0, 0);

	assert_int_equal(hypercall(&tf, BH_HC_VCPU_ENTRY, guest + 0x100, 0), 0);
	assert_int_equal(vcpu_attach(p, line), 0);
	p->vcpu.shared->irq_masked = 0;
}

/* Delivery pushes the frame through the arch hook on the guest stack and
 * enters the entry point; the iret hypercall takes it back. */
static void test_upcall_and_iret_round_trip(void **state)
{
	struct partition *p = &partitions[0];
	struct trap_frame tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);
	uint32_t frame;

	enable_upcalls(p, BH_VIRQ_TIMER);
	vcpu_raise(p, BH_VIRQ_TIMER);
	vcpu_exit_to_user(&tf);
	assert_int_equal(tf.pc, guest + 0x100);
	assert_int_equal(tf.ret, BH_VIRQ_TIMER);
	frame = tf.sp;
	assert_true(frame < guest + GUEST_SIZE - 64 && (frame & 15) == 0);
	assert_int_equal(p->vcpu.depth, 1);
	assert_int_equal(p->vcpu.shared->irq_masked, 1);
	assert_int_equal(p->vcpu.pending, 0);

	assert_int_equal(hypercall(&tf, BH_HC_IRET, frame, 0), 0x5a5a);
	assert_int_equal(tf.pc, guest + 0x40);
	assert_int_equal(tf.sp, guest + GUEST_SIZE - 64);
	assert_int_equal(p->vcpu.depth, 0);
	assert_int_equal(p->vcpu.shared->irq_masked, 0);
}

/* iret without an upcall, or with a frame outside the stack memory. */
static void test_iret_refused(void **state)
{
	struct trap_frame tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);

	assert_int_equal(hypercall(&tf, BH_HC_IRET, guest + STACK_LO, 0), -BH_ESTATE);
	partitions[0].vcpu.depth = 1;
	assert_int_equal(hypercall(&tf, BH_HC_IRET, guest, 0), -BH_EFAULT);
	assert_int_equal(tf.pc, guest + 0x40);       /* untouched */
	assert_int_equal(partitions[0].vcpu.depth, 1);
}

/* A frame that would land in code: the health monitor halts the
 * partition (default action) and the scheduler leaves it for idle. */
static void test_upcall_fault_halts(void **state)
{
	struct partition *p = &partitions[0];
	struct trap_frame tf = ring3_frame(guest + 0x40, guest + RO_END + 8);
	struct bh_hm_stats st, before;

	assert_int_equal(hm_stats(0, &before), 0);
	enable_upcalls(p, BH_VIRQ_TIMER);
	vcpu_raise(p, BH_VIRQ_TIMER);
	if (!setjmp(env))
		vcpu_exit_to_user(&tf);
	assert_int_equal(p->state, PART_HALTED);
	assert_int_equal(fake_n_switches, 1);
	assert_ptr_equal(fake_switches[0].prev, &p->arch);
	assert_null(fake_switches[0].next);
	assert_int_equal(hm_stats(0, &st), 0);
	assert_int_equal(st.events, before.events + 1);
	assert_int_equal(hm_stats(7, &st), -BH_ENOENT);
}

/*
 * The upcall stack a partition registers is checked by the rule delivery
 * applies: every stack BH_HC_VCPU_ENTRY accepts takes the first upcall
 * (no UPCALL_FAULT), and a stack whose frame would land in the vCPU page
 * (writable, but never a frame) is refused when registered — it used to
 * be accepted and then halt the partition at its first upcall.
 */
static void test_upcall_stack_one_rule(void **state)
{
	struct partition *p = &partitions[0];
	uint32_t vcpu_lo = guest + STACK_LO - 0x1000;
	volatile uint32_t sp;                /* kept across the longjmp */
	volatile unsigned accepted = 0;

	p->regions[REGION_VCPU] = (struct uregion){ vcpu_lo, guest + STACK_LO };
	enable_upcalls(p, BH_VIRQ_TIMER);
	for (sp = guest - 0x100; sp < guest + GUEST_SIZE + 0x100; sp += 4) {
		struct trap_frame tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);
		int32_t r = hypercall(&tf, BH_HC_VCPU_ENTRY, guest + 0x100, sp);

		if (sp > vcpu_lo && sp <= guest + STACK_LO && r == 0)
			fail_msg("stack %#x (frame in the vCPU page) accepted", sp - guest);
		if (r)
			continue;
		accepted++;
		vcpu_raise(p, BH_VIRQ_TIMER);
		if (!setjmp(env))
			vcpu_exit_to_user(&tf);
		if (p->state != PART_RUNNABLE || p->vcpu.depth != 1)
			fail_msg("stack %#x accepted, but the upcall failed (state %d, depth %u)",
				 sp - guest, p->state, p->vcpu.depth);
		assert_int_equal(tf.pc, guest + 0x100);
		assert_true(tf.sp < sp && tf.sp >= sp - 16 - sizeof(struct bh_upcall_frame));
		p->vcpu.depth = 0;
		p->vcpu.shared->upcall_depth = 0;
		p->vcpu.shared->irq_masked = 0;
	}
	assert_true(accepted > 1000);     /* the writable and stack memory */
}

/* Ignoring is honoured only for the events BH_HM_TRAPS calls traps. */
static void test_hm_ignore_only_resumable(void **state)
{
	struct partition *p = &partitions[1];
	struct hm_fault trap = { .ev = BH_HM_DEBUG_TRAP, .vector = 1, .eip = 0x10 };
	struct hm_fault fault = { .ev = BH_HM_GENERAL_PROTECTION, .vector = 13, .eip = 0x10 };

	cfg.partitions[1].hm_action[BH_HM_DEBUG_TRAP] = BH_HM_ACT_IGNORE;
	cfg.partitions[1].hm_action[BH_HM_GENERAL_PROTECTION] = BH_HM_ACT_IGNORE;
	hm_raise(p, &trap);
	assert_int_equal(p->state, PART_RUNNABLE);
	hm_raise(p, &fault);            /* not current: no switch */
	assert_int_equal(p->state, PART_HALTED);
	assert_int_equal(fake_n_switches, 0);
}

/* #BR is a fault: IGNORE (which the validator refuses) still halts. */
static void test_hm_overflow_is_a_fault(void **state)
{
	struct partition *p = &partitions[1];
	struct hm_fault bound = { .ev = BH_HM_OVERFLOW, .vector = 5, .eip = 0x10 };

	assert_false(BH_HM_TRAPS & 1u << BH_HM_OVERFLOW);
	assert_int_equal(BH_HM_TRAPS, 1u << BH_HM_DEBUG_TRAP | 1u << BH_HM_APPLICATION_ERROR);
	cfg.partitions[1].hm_action[BH_HM_OVERFLOW] = BH_HM_ACT_IGNORE;
	hm_raise(p, &bound);
	assert_int_equal(p->state, PART_HALTED);
}

#define HM_LINE 20

static struct bh_upcall_frame *user_frame_at(uint32_t at)
{
	return (struct bh_upcall_frame *)(uintptr_t)at;
}

static struct bh_error_status *hm_status(struct partition *p)
{
	return &((struct bh_hm_area *)((char *)p->vcpu.shared + BH_HM_AREA_OFFSET))->status;
}

/* Partition 0 with an error handler on HM_LINE, page faults delivered. */
static void handler_ready(struct partition *p, struct trap_frame *tf)
{
	cfg.partitions[0].hm_action[BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER;
	assert_int_equal(hypercall(tf, BH_HC_HM_HANDLER, HM_LINE, 0), 0);
	enable_upcalls(p, HM_LINE);      /* attachable without ports: the handler's */
}

static struct hm_fault page_fault(struct trap_frame *tf)
{
	return (struct hm_fault){ .ev = BH_HM_PAGE_FAULT, .vector = 14, .eip = tf->pc,
				  .addr = 0x10, .error = 4, .esp = tf->sp, .tf = tf };
}

/* Delivered: the status written, the handler entered with the error's
 * context as its frame; acknowledged only by its own seq. */
static void test_hm_deliver_to_handler(void **state)
{
	struct partition *p = &partitions[0];
	struct trap_frame tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);
	struct hm_fault f;
	struct bh_error_status *st = hm_status(p);

	handler_ready(p, &tf);
	((struct bh_hm_area *)((char *)p->vcpu.shared + BH_HM_AREA_OFFSET))->process_hint = 9;
	f = page_fault(&tf);
	assert_int_equal(hm_raise(p, &f), 1);
	assert_int_equal(p->state, PART_RUNNABLE);
	assert_int_equal(tf.pc, guest + 0x100);
	assert_int_equal(tf.ret, HM_LINE);
	assert_int_equal(user_frame_at(tf.sp)->eip, guest + 0x40);
	assert_int_equal(user_frame_at(tf.sp)->esp, guest + GUEST_SIZE - 64);
	assert_int_equal(st->seq, 1);
	assert_int_equal(st->unacked, 1);
	assert_int_equal(st->code, BH_ARINC_MEMORY_VIOLATION);
	assert_int_equal(st->event, BH_HM_PAGE_FAULT);
	assert_int_equal(st->eip, guest + 0x40);
	assert_int_equal(st->addr, 0x10);
	assert_int_equal(st->process, 9);
	assert_int_equal(p->vcpu.depth, 1);
	assert_int_equal(p->vcpu.shared->irq_masked, 1);
	assert_int_equal(hypercall(&tf, BH_HC_HM_ACK, 2, 0), -BH_EINVAL);
	assert_int_equal(hypercall(&tf, BH_HC_HM_ACK, 1, 0), 0);
	assert_int_equal(st->unacked, 0);
	assert_int_equal(hypercall(&tf, BH_HC_HM_ACK, 1, 0), -BH_ESTATE);
}

/* Each reason not to deliver escalates (hm_escalate, default halt). */
static void escalated(struct partition *p, struct trap_frame *tf)
{
	struct hm_fault f = page_fault(tf);
	volatile int r = -1;

	if (!setjmp(env))
		r = hm_raise(p, &f);
	assert_int_not_equal(r, 1);
	assert_int_equal(p->state, PART_HALTED);
	p->state = PART_RUNNABLE;
	current = p;
}

static void test_hm_undeliverable_escalates(void **state)
{
	struct partition *p = &partitions[0];
	struct trap_frame tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);
	struct hm_fault f;

	cfg.partitions[0].hm_action[BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER;
	escalated(p, &tf);                           /* no handler */
	handler_ready(p, &tf);
	p->vcpu.shared->irq_masked = 1;
	escalated(p, &tf);                           /* virtual interrupts off */
	handler_ready(p, &tf);
	f = page_fault(&tf);
	assert_int_equal(hm_raise(p, &f), 1);        /* delivered, not acked */
	tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);
	p->vcpu.shared->irq_masked = 0;
	escalated(p, &tf);                           /* the last unacknowledged */
	handler_ready(p, &tf);
	f = page_fault(&tf);
	assert_int_equal(hm_raise(p, &f), 1);
	assert_int_equal(hypercall(&tf, BH_HC_HM_ACK, hm_status(p)->seq, 0), 0);
	tf = ring3_frame(guest + 0x40, guest + GUEST_SIZE - 64);
	p->vcpu.shared->irq_masked = 0;
	escalated(p, &tf);                           /* the same fault, resumed unchanged */
	cfg.partitions[0].hm_escalate = BH_HM_ACT_IGNORE;    /* refused by the validator */
	escalated(p, &tf);                           /* ... and halts here */
}

static void test_hm_handler_args(void **state)
{
	struct trap_frame tf = ring3_frame(0, 0);

	assert_int_equal(hypercall(&tf, BH_HC_HM_HANDLER, BH_VIRQ_WINDOW, 0), -BH_EINVAL);
	assert_int_equal(hypercall(&tf, BH_HC_HM_HANDLER, BH_NR_VLINES, 0), -BH_EINVAL);
	assert_int_equal(hypercall(&tf, BH_HC_HM_HANDLER, 0xffffffffu, 0), -BH_EINVAL);
	assert_int_equal(hypercall(&tf, BH_HC_HM_HANDLER, 0, 0), 0);
	assert_int_equal(vcpu_attach(&partitions[0], HM_LINE), -BH_EINVAL);   /* no ports */
	assert_int_equal(hypercall(&tf, BH_HC_HM_ACK, 0, 0), -BH_ESTATE);
}

/* The module table: defaults log where safe and shut down where not;
 * LOG where not safe, or an unknown value, shuts down. */
static void test_module_actions(void **state)
{
	static const struct { enum bh_module_event m; uint8_t set; unsigned want; } t[] = {
		{ BH_MOD_NMI, BH_MODULE_ACT_DEFAULT, BH_MODULE_ACT_LOG },
		{ BH_MOD_BOOT_IMAGE, BH_MODULE_ACT_DEFAULT, BH_MODULE_ACT_LOG },
		{ BH_MOD_MACHINE_CHECK, BH_MODULE_ACT_DEFAULT, BH_MODULE_ACT_SHUTDOWN },
		{ BH_MOD_BOOT_CONFIG, BH_MODULE_ACT_DEFAULT, BH_MODULE_ACT_SHUTDOWN },
		{ BH_MOD_SELF_CHECK, BH_MODULE_ACT_DEFAULT, BH_MODULE_ACT_SHUTDOWN },
		{ BH_MOD_MACHINE_CHECK, BH_MODULE_ACT_LOG, BH_MODULE_ACT_SHUTDOWN },
		{ BH_MOD_SELF_CHECK, BH_MODULE_ACT_RESET, BH_MODULE_ACT_RESET },
		{ BH_MOD_NMI, BH_MODULE_ACT_SHUTDOWN, BH_MODULE_ACT_SHUTDOWN },
		{ BH_MOD_NMI, 9, BH_MODULE_ACT_SHUTDOWN },
	};

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(cfg.module_action, 0, sizeof(cfg.module_action));
		cfg.module_action[t[i].m] = t[i].set;
		if (hm_module_action(&cfg, t[i].m) != t[i].want)
			fail_msg("row %u: module event %d set %u gives %u, expected %u", i,
				 t[i].m, t[i].set, hm_module_action(&cfg, t[i].m), t[i].want);
	}
}

/* The ARINC 653 code of each event: what docs/abi.md promises. */
static void test_arinc_codes(void **state)
{
	static const struct { uint32_t ev, code; } t[] = {
		{ BH_HM_DIVIDE_ERROR, BH_ARINC_NUMERIC_ERROR },
		{ BH_HM_FPU_ERROR, BH_ARINC_NUMERIC_ERROR },
		{ BH_HM_INVALID_OPCODE, BH_ARINC_ILLEGAL_REQUEST },
		{ BH_HM_GENERAL_PROTECTION, BH_ARINC_ILLEGAL_REQUEST },
		{ BH_HM_PAGE_FAULT, BH_ARINC_MEMORY_VIOLATION },
		{ BH_HM_SEGMENT_FAULT, BH_ARINC_MEMORY_VIOLATION },
		{ BH_HM_STACK_FAULT, BH_ARINC_STACK_OVERFLOW },
		{ BH_HM_UPCALL_FAULT, BH_ARINC_STACK_OVERFLOW },
		{ BH_HM_APPLICATION_ERROR, BH_ARINC_APPLICATION_ERROR },
		{ BH_HM_NMI, BH_ARINC_HARDWARE_FAULT },
		{ BH_HM_MACHINE_CHECK, BH_ARINC_HARDWARE_FAULT },
		{ BH_HM_BOOT_CONFIG, BH_ARINC_ILLEGAL_REQUEST },
		{ 1000, BH_ARINC_HARDWARE_FAULT },       /* unknown: the machine's */
	};

	assert_int_equal(BH_ARINC_DEADLINE_MISSED, 0);        /* ARINC 653's order */
	assert_int_equal(BH_ARINC_POWER_FAIL, 7);
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (bh_hm_arinc_code(t[i].ev) != t[i].code)
			fail_msg("event %u: code %u, expected %u", t[i].ev,
				 bh_hm_arinc_code(t[i].ev), t[i].code);
	for (uint32_t e = 0; e < BH_HM_NR_EVENTS; e++)
		assert_true(bh_hm_arinc_code(e) < BH_ARINC_NR_ERRORS);
}

/* Bounds and permissions of the table. */
static void test_hypercall_table(void **state)
{
	struct trap_frame tf = ring3_frame(0, 0);
	uint64_t now;

	assert_int_equal(hypercall(&tf, BH_HC_ABI_VERSION, 0, 0), (int32_t)BH_ABI_VERSION);
	assert_int_equal(hypercall(&tf, BH_HC_COUNT, 0, 0), -BH_ENOSYS);
	assert_int_equal(hypercall(&tf, 0xffffffffu, 0, 0), -BH_ENOSYS);
	assert_int_equal(hypercall(&tf, BH_HC_PLAN_SWITCH, 0, 0), -BH_EPERM);
	cfg.partitions[0].flags = BH_PART_F_SYSTEM;
	assert_int_equal(hypercall(&tf, BH_HC_PLAN_SWITCH, 5, 0), -BH_EINVAL);
	assert_int_equal(hypercall(&tf, BH_HC_TIME, 9, guest + STACK_LO), -BH_EINVAL);
	assert_int_equal(hypercall(&tf, BH_HC_TIME, BH_CLOCK_WALL, guest), -BH_EFAULT);
	memset(&now, 0xff, sizeof(now));
	memcpy((void *)(uintptr_t)(guest + STACK_LO), &now, sizeof(now));
	assert_int_equal(hypercall(&tf, BH_HC_TIME, BH_CLOCK_WALL, guest + STACK_LO), 0);
	memcpy(&now, (void *)(uintptr_t)(guest + STACK_LO), sizeof(now));
	assert_true(now == 0);          /* the fake clock has not moved */
	assert_int_equal(hypercall(&tf, BH_HC_IRQ_ATTACH, BH_NR_VLINES, 0), -BH_EINVAL);
}

/*
 * BH_HC_TIME's place check (user_u64_writable) and the sampling read's
 * result check (user_result_ok), from spans computed with the regions,
 * answer as the general writable-range check for 8 bytes (16 aligned),
 * at every address around every region's edges, a vCPU page included.
 */
static void test_u64_spans_match_writable(void **state)
{
	struct partition *p = &partitions[0];
	uint32_t edges[8], i, a;

	p->regions[REGION_VCPU] = (struct uregion){ guest + GUEST_SIZE + 0x1000,
						    guest + GUEST_SIZE + 0x2000 };
	user_frame_spans(p);
	for (i = 0; i < 4; i++) {
		edges[2 * i] = p->regions[i].start;
		edges[2 * i + 1] = p->regions[i].end;
	}
	for (i = 0; i < 8; i++)
		for (a = edges[i] - 16; a != edges[i] + 16; a++) {
			int res = !(a & 3) && user_range_writable(p, a, 16);

			if (!user_u64_writable(p, a) != !user_range_writable(p, a, 8))
				fail_msg("at %#x: span says %d, range check %d", a - guest,
					 user_u64_writable(p, a), user_range_writable(p, a, 8));
			if (!user_result_ok(p, a) != !res)
				fail_msg("result at %#x: spans say %d, range check %d", a - guest,
					 user_result_ok(p, a), res);
		}
	assert_false(user_u64_writable(p, 0xfffffffcu));
	assert_false(user_result_ok(p, 0xfffffff8u));
}

/* The scheduler switches through the arch hook at window boundaries. */
static void test_sched_switches_windows(void **state)
{
	cfg.n_plans = 1;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_int_equal(fake_n_switches, 1);
	assert_null(fake_switches[0].prev);
	assert_ptr_equal(fake_switches[0].next, &partitions[0].arch);
	assert_ptr_equal(current, &partitions[0]);
	/* One-shot: armed for the first window's end, 10 ms from time 0,
	 * less the guard (another partition follows). */
	assert_int_equal(fake_armed_ns, 10000000 - SCHED_GUARD_NS);
	fake_cycles = 5000000;
	sched_event(5000000);           /* inside the first window: armed again */
	assert_int_equal(fake_n_switches, 1);
	assert_int_equal(fake_armed_ns, 5000000 - SCHED_GUARD_NS);
	fake_cycles = 10000000 - SCHED_GUARD_NS;
	sched_event(10000000 - SCHED_GUARD_NS);     /* the cut: idle to the end */
	assert_int_equal(fake_n_switches, 2);
	assert_ptr_equal(fake_switches[1].prev, &partitions[0].arch);
	assert_null(fake_switches[1].next);
	assert_int_equal(fake_armed_ns, SCHED_GUARD_NS);
	fake_cycles = 10000000;
	sched_event(10000000);
	assert_int_equal(fake_n_switches, 3);
	assert_null(fake_switches[2].prev);
	assert_ptr_equal(fake_switches[2].next, &partitions[1].arch);
	assert_int_equal(partitions[0].exec_ns, 10000000 - SCHED_GUARD_NS);
	/* the second window's end, less the guard */
	assert_int_equal(fake_armed_ns, 10000000 - SCHED_GUARD_NS);
	assert_int_equal(sched_plan_switch(1), -BH_EINVAL);
}

/*
 * Issue 13: the one-shot timer is armed for the running partition's own
 * virtual timer when it comes before the window's end (wall and
 * execution clocks), and for the window's end otherwise; a timer set in
 * the window arms it at once.
 */
static void test_sched_arms_partition_timer(void **state)
{
	cfg.n_plans = 1;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_ptr_equal(current, &partitions[0]);
	fake_cycles = 1000000;
	assert_int_equal(vtimer_set(current, BH_CLOCK_WALL, 3500000, 0), 0);
	assert_int_equal(fake_armed_ns, 2500000);    /* 3.5 ms, from 1 ms */
	assert_int_equal(vtimer_set(current, BH_CLOCK_WALL, 12000000, 0), 0);
	assert_int_equal(fake_armed_ns, 9000000 - SCHED_GUARD_NS);    /* the window's cut first */
	/* 1 ms run so far; due at 3 ms of its own time: 2 ms from now. */
	assert_int_equal(vtimer_set(current, BH_CLOCK_EXEC, 3000000, 0), 0);
	assert_int_equal(fake_armed_ns, 2000000);
	fake_cycles = 3000000;
	vtimer_check(3000000);          /* what the timer's interrupt does */
	sched_event(3000000);
	assert_int_equal(current->vcpu.shared->raised[BH_VIRQ_TIMER], 1);
	assert_int_equal(fake_armed_ns, 7000000 - SCHED_GUARD_NS);    /* one-shot spent */
}

/* The command line's timer= (issue 13): the word's value, cut to the
 * buffer; a word that merely starts alike is not it. */
static void test_boot_option_value(void **state)
{
	char v[8];

	snprintf(boot_info.cmdline, sizeof(boot_info.cmdline), "quiet timer=pit tickrate");
	assert_int_equal(boot_option("timer=", v, sizeof(v)), 1);
	assert_string_equal(v, "pit");
	assert_int_equal(boot_option("tick=", v, sizeof(v)), 0);
	snprintf(boot_info.cmdline, sizeof(boot_info.cmdline), "timer=periodically");
	assert_int_equal(boot_option("timer=", v, sizeof(v)), 1);
	assert_string_equal(v, "periodi");
	snprintf(boot_info.cmdline, sizeof(boot_info.cmdline), "xtimer=pit");
	assert_int_equal(boot_option("timer=", v, sizeof(v)), 0);
	boot_info.cmdline[0] = 0;
	assert_int_equal(boot_option("timer=", v, sizeof(v)), 0);
}

/* BH_HC_TRACE (op, a1, a2, a3) as partition 0. */
static int32_t trace_call(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct trap_frame tf = ring3_frame(0, 0);

	tf.args.a0 = op;
	tf.args.a1 = a1;
	tf.args.a2 = a2;
	tf.args.a3 = a3;
	return hypercall_dispatch(BH_HC_TRACE, hc_arch_args(&tf));
}

#define TRACE_BUF  (guest + STACK_LO)
#define TRACE_INFO (guest + STACK_LO + 0x1000)

static struct bh_trace_info trace_info(void)
{
	struct bh_trace_info info;

	memcpy(&info, (void *)(uintptr_t)TRACE_INFO, sizeof(info));
	return info;
}

/* The ring: FIFO, full means the oldest goes and is counted; a system
 * partition reads it oldest first; the schedule's windows are in it. */
static void test_trace_ring_and_read(void **state)
{
	struct bh_trace_event ev[BH_TRACE_READ_MAX];
	struct bh_trace_info info;

	cfg.trace = (struct bh_trace_config){ BH_TRACE_ALL & ~BH_TRACE_HCALL, 64 };
	trace_init(&cfg);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 8, TRACE_INFO), -BH_EPERM);
	cfg.partitions[0].flags = BH_PART_F_SYSTEM;
	for (uint32_t i = 0; i < 100; i++)
		trace_put(BH_TR_PORT_SEND, 1, 7, i);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 8, TRACE_INFO), 8);
	info = trace_info();
	assert_int_equal(info.size, 64);
	assert_int_equal(info.written, 100);
	assert_int_equal(info.overruns, 36);     /* 100 into 64: the first 36 went */
	assert_int_equal(info.unread, 56);
	memcpy(ev, (void *)(uintptr_t)TRACE_BUF, 8 * sizeof(ev[0]));
	for (unsigned i = 0; i < 8; i++) {
		assert_int_equal(ev[i].type, BH_TR_PORT_SEND);
		assert_int_equal(ev[i].part, 1);
		assert_int_equal(ev[i].a, 7);
		assert_int_equal(ev[i].b, 36 + i);  /* oldest kept first */
	}
	/* At most BH_TRACE_READ_MAX a call; then the ring is empty. */
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 1000, TRACE_INFO), 56);
	assert_int_equal(trace_info().unread, 0);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 8, 0), 0);
	/* A window start and end, with the configured start in b. */
	cfg.n_plans = 1;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	fake_cycles = 10000000;
	sched_event(10000000);
	current = &partitions[0];           /* the reader, a system partition */
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 64, TRACE_INFO), 5);
	memcpy(ev, (void *)(uintptr_t)TRACE_BUF, 5 * sizeof(ev[0]));
	assert_int_equal(ev[0].type, BH_TR_VIRQ_RAISE);    /* the window line */
	assert_int_equal(ev[1].type, BH_TR_WIN_START);
	assert_int_equal(ev[1].part, 0);
	assert_int_equal(ev[2].type, BH_TR_WIN_END);
	assert_int_equal(ev[2].part, 0);
	assert_int_equal(ev[4].type, BH_TR_WIN_START);
	assert_int_equal(ev[4].part, 1);
	assert_int_equal(ev[4].a, 1);                      /* window 1, plan 0 */
	assert_int_equal(ev[4].b, 10000000);               /* its configured start */
	assert_int_equal(ev[3].type, BH_TR_VIRQ_RAISE);
	assert_int_equal(ev[3].part, 1);
}

/* Arguments are checked; classes can be chosen, and 0 records nothing. */
static void test_trace_call_checked(void **state)
{
	cfg.trace = (struct bh_trace_config){ BH_TRACE_PORT, 0 };
	trace_init(&cfg);
	cfg.partitions[0].flags = BH_PART_F_SYSTEM;
	assert_int_equal(trace_call(7, 0, 0, 0), -BH_EINVAL);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, guest + 1, 1, 0), -BH_EFAULT);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, 0x1000, 1, 0), -BH_EFAULT);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 1, guest + 2), -BH_EFAULT);
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 1, guest), -BH_EFAULT); /* read-only */
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, BH_TRACE_ALL + 1, 0, 0), -BH_EINVAL);
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, 0, 0, 0), (int32_t)BH_TRACE_PORT);
	trace_put(BH_TR_PORT_SEND, 0, 0, 0);           /* direct: always recorded */
	trace_ev(BH_TR_PORT_SEND, 0, 0, 0);            /* the hook: class off */
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 8, TRACE_INFO), 1);
	assert_int_equal(trace_info().written, 1);
	assert_int_equal(trace_info().size, BH_TRACE_DEFAULT_EVENTS);
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, BH_TRACE_HCALL, 0, 0), 0);
	/* Entry and exit of this very call are recorded around it. */
	assert_int_equal(trace_call(BH_TRACE_OP_READ, TRACE_BUF, 8, TRACE_INFO), 1);
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, 0, 0, 0), (int32_t)BH_TRACE_HCALL);
}

/*
 * The timer interrupt's one-pass case (vtimer_own_tick): the running
 * partition's periodic wall timer due and nothing else — raised once, the
 * next period the earliest wall deadline, the timer armed for it or the
 * cut.  Every other case returns 0 having changed nothing, for
 * timer_event's general path: not yet due, early, a one-shot, missed
 * periods, an execution-clock timer, another partition's wall timer armed.
 */
static void test_own_tick_fast_and_general(void **state)
{
	struct partition *p;
	uint32_t r;

	cfg.n_plans = 1;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	p = current;
	assert_ptr_equal(p, &partitions[0]);
	r = p->vcpu.shared->raised[BH_VIRQ_TIMER];
	assert_int_equal(vtimer_set(p, BH_CLOCK_WALL, 2000000, 1000000), 0);
	cpu_timer.next = 2000000;
	assert_int_equal(vtimer_own_tick(1999999), 0);        /* not yet due */
	assert_int_equal(vtimer_own_tick(2000000 - 1), 0);
	cpu_timer.next = 2000001;
	assert_int_equal(vtimer_own_tick(2000000), 0);        /* early */
	assert_int_equal(p->vcpu.shared->raised[BH_VIRQ_TIMER], r);
	cpu_timer.next = 2000000;
	fake_cycles = 2000100;
	assert_int_equal(vtimer_own_tick(2000000), 1);
	assert_int_equal(p->vcpu.shared->raised[BH_VIRQ_TIMER], r + 1);
	assert_true(p->vcpu.timer.deadline == 3000000);
	assert_true(pcpus[0].next_wall == 3000000);
	assert_int_equal(fake_armed_ns, 3000000 - 2000100);   /* from the clock now */
	assert_true(p->vcpu.shared->wall_ns == 2000000);
	/* missed periods: the general path's division */
	cpu_timer.next = 0;
	assert_int_equal(vtimer_own_tick(4000000), 0);
	assert_true(p->vcpu.timer.deadline == 3000000);
	/* the next period past the cut: armed for the cut */
	assert_int_equal(vtimer_set(p, BH_CLOCK_WALL, 8000000, 5000000), 0);
	fake_cycles = 8000000;
	assert_int_equal(vtimer_own_tick(8000000), 1);
	assert_int_equal(fake_armed_ns, (uint32_t)(sched_cut - 8000000));
	/* a one-shot, an execution-clock timer */
	assert_int_equal(vtimer_set(p, BH_CLOCK_WALL, 8500000, 0), 0);
	assert_int_equal(vtimer_own_tick(8500000), 0);
	assert_int_equal(vtimer_set(p, BH_CLOCK_EXEC, 100, 1000000), 0);
	assert_int_equal(vtimer_own_tick(8500000), 0);
	/* another partition's wall timer armed too */
	assert_int_equal(vtimer_set(p, BH_CLOCK_WALL, 8600000, 1000000), 0);
	assert_int_equal(vtimer_set(&partitions[1], BH_CLOCK_WALL, 30000000, 1000000), 0);
	r = p->vcpu.shared->raised[BH_VIRQ_TIMER];
	assert_int_equal(vtimer_own_tick(8600000), 0);
	assert_int_equal(p->vcpu.shared->raised[BH_VIRQ_TIMER], r);
	assert_true(p->vcpu.timer.deadline == 8600000);
}

/*
 * vtimer_own_tick on another CPU (issue 14): that CPU's partition, wall
 * timers, timer and cut; the boot CPU's state untouched and the tick not
 * counted (the boot CPU's alone); and the boot CPU does not take the
 * other CPU's partition's timer for its own.
 */
static void test_own_tick_on_second_cpu(void **state)
{
	struct partition *q = &partitions[1];
	uint64_t ticks;
	uint32_t r;

	cfg.n_plans = 1;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_ptr_equal(current, &partitions[0]);
	pcpus[0].wall_armed = pcpus[1].wall_armed = 0;   /* earlier cases' timers */
	pcpus[0].next_wall = pcpus[1].next_wall = ~0ull;
	q->cpu = 1;
	pcpus[1].cur = q;
	pcpus[1].cut = 50000000;
	pcpus[1].timer = pcpus[0].timer;
	fake_cpu = 1;
	r = q->vcpu.shared->raised[BH_VIRQ_TIMER];
	assert_int_equal(vtimer_set(q, BH_CLOCK_WALL, 2000000, 1000000), 0);
	assert_true(pcpus[1].wall_armed == 1u << 1);
	assert_true(pcpus[0].wall_armed == 0);
	pcpus[1].timer.next = 2000000;
	pcpus[0].timer.next = 7;
	ticks = timebase.ticks;
	fake_cycles = 2000100;
	assert_int_equal(vtimer_own_tick(2000000), 1);
	assert_int_equal(q->vcpu.shared->raised[BH_VIRQ_TIMER], r + 1);
	assert_true(q->vcpu.timer.deadline == 3000000);
	assert_true(pcpus[1].next_wall == 3000000);
	assert_true(pcpus[0].next_wall == ~0ull);
	assert_true(pcpus[1].timer.next == 3000000);          /* its timer armed */
	assert_true(pcpus[0].timer.next == 7);
	assert_int_equal(fake_armed_ns, 3000000 - 2000100);
	assert_true(timebase.ticks == ticks);                 /* the boot CPU's count */
	/* the boot CPU: q's timer is not its own */
	fake_cpu = 0;
	pcpus[0].timer.next = 3000000;
	assert_int_equal(vtimer_own_tick(3000000), 0);
	assert_int_equal(q->vcpu.shared->raised[BH_VIRQ_TIMER], r + 1);
	pcpus[1].cur = 0;
}

/*
 * The window guard (issue 13): none before a window of the same
 * partition or before a gap at least as long; one at a frame's end where
 * a plan switch takes effect, even if asked for during that last window;
 * a late interrupt past the slot's end starts the next slot at once.
 */
static void test_sched_window_guard(void **state)
{
	cfg.n_plans = 2;
	/* p0 twice back to back, a 10 us gap, p0 again up to the frame's end */
	cfg.plans[0] = (struct bh_plan){ 20000, 3, { { 0, 0, 5000, 0 }, { 0, 5000, 5000, 0 },
						     { 0, 10010, 9990, 0 } } };
	cfg.plans[1] = (struct bh_plan){ 20000, 1, { { 1, 0, 20000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_int_equal(fake_armed_ns, 5000000);        /* p0 follows p0: no guard */
	fake_cycles = 5000000;
	sched_event(5000000);
	assert_ptr_equal(current, &partitions[0]);
	assert_int_equal(fake_armed_ns, 5000000);        /* a 10 us gap follows */
	fake_cycles = 10010000;
	sched_event(10010000);
	assert_ptr_equal(current, &partitions[0]);
	assert_int_equal(fake_armed_ns, 20000000 - 10010000);   /* wraps to p0 */
	/* plan 1 (p1) from the next frame, asked for in the last window:
	 * now guarded, re-armed at once */
	fake_cycles = 15000000;
	assert_int_equal(sched_plan_switch(1), 0);
	assert_int_equal(fake_armed_ns, 5000000 - SCHED_GUARD_NS);
	/* the cut comes late, past the slot's end: the next slot at once */
	fake_cycles = 20000100;
	sched_event(20000100);
	assert_ptr_equal(current, &partitions[1]);
	/* plan 1's only window, p1 after p1: all its time */
	assert_int_equal(fake_armed_ns, 40000000 - 20000100);
}

/*
 * Issue 14's review: a channel's count of bound destinations (and a
 * port's line and want_room) changes under the channel's lock, whichever
 * CPU binds or releases — a destination on another CPU, or a partition's
 * release on the CPU that restarts it.  "Another CPU" holds the lock here
 * (fake_relax plays it: it gives the lock after a few spins and sees the
 * count unchanged meanwhile).
 */
static struct tlock *held;
static unsigned spins, changed_while_held;
static uint32_t n_bound_before;

static void other_cpu_gives_lock(void)
{
	struct chan *c = kports[1].chan;

	if (c->n_bound != n_bound_before)
		changed_while_held++;
	if (++spins == 3) {
		unsigned me = fake_cpu;

		fake_cpu = 2;              /* the holder gives it */
		tlock_give(held);
		fake_cpu = me;
	}
}

static void hold(struct tlock *l)
{
	unsigned me = fake_cpu;

	fake_cpu = 2;
	tlock_take(l);
	fake_cpu = me;
	held = l;
	spins = changed_while_held = 0;
	fake_relax = other_cpu_gives_lock;
}

static void test_bind_under_channel_lock(void **state)
{
	struct trap_frame tf = ring3_frame(0, 0);
	const unsigned line = BH_VIRQ_PORT_FIRST;

	cfg.n_ports = 3;
	cfg.ports[0] = (struct bh_port_config){ "out", 0, BH_PORT_QUEUING, BH_PORT_SOURCE,
						0, 8, 4, 0 };
	cfg.ports[1] = (struct bh_port_config){ "in1", 1, BH_PORT_QUEUING,
						BH_PORT_DESTINATION, 0, 8, 4, 0 };
	cfg.ports[2] = (struct bh_port_config){ "in0", 0, BH_PORT_QUEUING,
						BH_PORT_DESTINATION, 0, 8, 4, 0 };
	cfg.n_channels = 1;
	cfg.channels[0] = (struct bh_channel){ 0, 2, { 1, 2 } };
	ports_init(&cfg);
	fake_cpu = 1;                       /* partition 1's CPU: locks are live */
	partitions[1].cpu = 1;
	pcpus[1].cur = &partitions[1];

	n_bound_before = 0;
	hold(&kports[1].chan->lock);
	assert_int_equal(hypercall(&tf, BH_HC_PORT_NOTIFY, 1, line), 0);
	assert_true(spins >= 3);            /* it waited for the lock */
	assert_int_equal(changed_while_held, 0);
	assert_int_equal(kports[1].chan->n_bound, 1);
	assert_int_equal(kports[1].line, line);

	kports[0].want_room = 1;
	n_bound_before = 1;
	hold(&kports[1].chan->lock);
	ports_release(&partitions[1]);      /* its restart, wherever it runs */
	assert_true(spins >= 3);
	assert_int_equal(changed_while_held, 0);
	assert_int_equal(kports[1].chan->n_bound, 0);
	assert_int_equal(kports[1].line, 0);
	assert_int_equal(kports[0].want_room, 1);   /* partition 0's, kept */

	fake_relax = 0;
	pcpus[1].cur = 0;
	fake_cpu = 0;
	cfg.n_ports = cfg.n_channels = 0;
	(void)state;
}

/*
 * A system partition on cpu 0 stopping a partition of cpu 1 that is
 * switched out there: cpu 0 never changes it itself (its vCPU, timer and
 * lines are cpu 1's, changed by cpu 1 without a lock); cpu 1 does, at its
 * T_IPI (fake_relax plays cpu 1 taking it), and the call returns once it
 * has, so a status read right after sees the halt.
 */
static unsigned state_at_wait = ~0u, waits;

static void cpu1_takes_ipi(void)
{
	if (!waits++)
		state_at_wait = partitions[1].state;
	fake_cpu = 1;
	partition_apply_posted(0);          /* from idle: not from ring 3 */
	fake_cpu = 0;
}

static void test_control_applied_on_target_cpu(void **state)
{
	struct trap_frame tf = ring3_frame(0, 0);
	struct partition *t = &partitions[1];

	cfg.partitions[0].flags = BH_PART_F_SYSTEM;
	t->cpu = 1;
	pcpus[1].cur = 0;                   /* switched out on cpu 1 */
	vcpu_smp = 1;
	waits = 0;
	fake_relax = cpu1_takes_ipi;
	assert_int_equal(hypercall(&tf, BH_HC_PART_CONTROL, 1, BH_MODE_IDLE), 0);
	assert_true(waits >= 1);            /* it waited for cpu 1 ... */
	assert_int_equal(state_at_wait, PART_RUNNABLE);   /* ... which changed t */
	assert_int_equal(t->state, PART_HALTED);
	assert_int_equal(t->remote_ctl, 0);
	assert_int_equal(ctl_posted, 0);

	fake_relax = 0;
	vcpu_smp = 0;
	cfg.partitions[0].flags = 0;
	(void)state;
}

/*
 * The same for a partition running on cpu 1 (the bug Bochs found: the
 * call returned at once, or once the mode was taken but before the
 * restart was counted, and a status read right after missed it).  The
 * T_IPI finds it inside a kernel entry of its own: not applied there;
 * its next tick from ring 3 applies it, and only then does the call
 * return.  A switched-out one's cold start is read at once as well.
 */
static unsigned restarts_at_ipi;

static void cpu1_ipi_in_kernel_then_tick(void)
{
	fake_cpu = 1;
	if (!waits++) {
		kernel_ipi(0);
		restarts_at_ipi = partitions[1].restarts;
	} else
		kernel_tick_done(1);
	fake_cpu = 0;
}

static void cpu1_in_kernel_for_ever(void)
{
	fake_cpu = 1;
	kernel_ipi(0);
	fake_cpu = 0;
	/* cpu 1's system partition controls the waiting caller meanwhile */
	if (++waits == 3)
		partition_post_ctl(&partitions[0], BH_MODE_WARM_START);
}

static void test_control_of_running_target(void **state)
{
	struct trap_frame tf = ring3_frame(0, 0);
	struct partition *t = &partitions[1];
	struct bh_part_status *st = (void *)(uintptr_t)(guest + RO_END);

	cfg.partitions[0].flags = BH_PART_F_SYSTEM;
	cfg.partitions[1].restart_limit = 10;
	t->cpu = 1;
	pcpus[1].cur = t;                   /* running on cpu 1 */
	vcpu_smp = 1;
	waits = 0;
	restarts_at_ipi = ~0u;
	fake_relax = cpu1_ipi_in_kernel_then_tick;
	assert_int_equal(hypercall(&tf, BH_HC_PART_CONTROL, 1, BH_MODE_WARM_START), 0);
	assert_int_equal(waits, 2);         /* not applied at the T_IPI in its kernel entry */
	assert_int_equal(restarts_at_ipi, 0);
	assert_int_equal(hypercall(&tf, BH_HC_PART_STATUS, 1, (uint32_t)(uintptr_t)st), 0);
	assert_int_equal(st->restarts, 1);  /* seen by the read right after */
	assert_int_equal(st->mode, BH_MODE_WARM_START);
	assert_int_equal(ctl_posted, 0);

	pcpus[1].cur = 0;                   /* switched out: a cold start, read at once */
	waits = 0;
	fake_relax = cpu1_takes_ipi;
	assert_int_equal(hypercall(&tf, BH_HC_PART_CONTROL, 1, BH_MODE_COLD_START), 0);
	assert_int_equal(hypercall(&tf, BH_HC_PART_STATUS, 1, (uint32_t)(uintptr_t)st), 0);
	assert_int_equal(st->restarts, 2);
	assert_int_equal(st->mode, BH_MODE_COLD_START);

	/* Two system partitions controlling each other from two CPUs, each
	 * inside its hypercall: the caller stops waiting once a mode is
	 * posted for it, and t's stays posted for cpu 1's next safe point. */
	pcpus[1].cur = t;
	t->state = PART_RUNNABLE;
	waits = 0;
	fake_relax = cpu1_in_kernel_for_ever;
	assert_int_equal(hypercall(&tf, BH_HC_PART_CONTROL, 1, BH_MODE_IDLE), 0);
	assert_int_equal(waits, 3);
	assert_int_not_equal(t->remote_ctl, 0);
	assert_int_not_equal(partitions[0].remote_ctl, 0);
	assert_int_equal(t->state, PART_RUNNABLE);
	fake_cpu = 1;
	if (!setjmp(env))
		kernel_tick_done(1);        /* cpu 1 back in ring 3: t halts, leaves */
	fake_cpu = 0;
	assert_int_equal(t->state, PART_HALTED);
	assert_int_equal(t->remote_ctl, 0);

	partitions[0].remote_ctl = 0;
	ctl_posted = 0;
	fake_relax = 0;
	pcpus[1].cur = 0;
	vcpu_smp = 0;
	cfg.partitions[0].flags = 0;
	(void)state;
}

/* The state a window's end changes, for comparing its two paths. */
struct end_state {
	struct pcpu c;
	struct partition p[2];
	uint8_t page[2][BH_PAGE_SIZE];
	uint64_t ticks;
	unsigned n_switches;
	uint32_t armed;
};

static void end_take(struct end_state *e)
{
	memset(e, 0, sizeof(*e));
	memcpy(&e->c, &pcpus[0], sizeof(e->c));
	memcpy(e->p, partitions, sizeof(e->p));
	memcpy(e->page, shared, sizeof(e->page));
	e->ticks = timebase.ticks;
	e->n_switches = fake_n_switches;
	e->armed = fake_armed_ns;
}

static void end_restore(const struct end_state *e)
{
	memcpy(&pcpus[0], &e->c, sizeof(e->c));
	memcpy(partitions, e->p, sizeof(e->p));
	memcpy(shared, e->page, sizeof(e->page));
	timebase.ticks = e->ticks;
	fake_n_switches = e->n_switches;
	fake_armed_ns = e->armed;
}

/* timer_event's general path past the cut (kernel/core/main.c). */
static void general_end(uint64_t now)
{
	timebase.ticks++;
	if (current)
		vcpu_tick(current, now);
	vtimer_check(now);
	console_tick();
	sched_event(now);
}

/*
 * At now, a window's end: sched_window_end takes it and leaves what the
 * general path leaves — the tick count, the scheduler's place and cut,
 * the timer armed (for the same instant), the partition that runs, both
 * partitions' clocks, the incoming one's page (its window, clocks and
 * line) and the switch asked of the arch — except the leaving
 * partition's page clocks, which its next window's start writes again.
 * Then the general path's state is kept.
 */
static void window_end_both(uint64_t now)
{
	struct end_state before, general;
	struct partition *prev = current;
	unsigned n;
	uint64_t d;

	fake_cycles = now + 300;            /* the general path reads it again to arm */
	/* queued output, the transmitter off, bytes sent since the last
	 * tick: both paths note them (console_tick's lock and test, or
	 * console_tick_one's copy) */
	console_async = 1;
	console_tx_on = 0;
	console_sent = console_sent_at_tick + 73;
	end_take(&before);
	general_end(now);
	end_take(&general);
	assert_true(console_sent_at_tick == console_sent);
	console_sent_at_tick = console_sent - 73;
	end_restore(&before);
	assert_int_equal(sched_window_end(now), 1);
	assert_true(console_sent_at_tick == console_sent);
	console_async = 0;
	n = fake_n_switches - 1;
	assert_int_equal(fake_n_switches, general.n_switches);
	assert_ptr_equal(fake_switches[n].prev, prev ? &prev->arch : 0);
	/* the same instant, its distance from now (the interrupt's clock
	 * read) rather than from the clock read again: 300 ns longer */
	d = general.c.timer.next <= now ? 0 : general.c.timer.next - now;
	assert_int_equal(fake_armed_ns, d > TIME_MAX_ARM_NS ? TIME_MAX_ARM_NS : d);
	assert_true(timebase.ticks == general.ticks);
	assert_ptr_equal(pcpus[0].cur, general.c.cur);
	assert_true(pcpus[0].cut == general.c.cut);
	assert_true(pcpus[0].slot_end == general.c.slot_end);
	assert_true(pcpus[0].frame_start == general.c.frame_start);
	assert_int_equal(pcpus[0].slot, general.c.slot);
	assert_ptr_equal(pcpus[0].slotp, general.c.slotp);
	assert_int_equal(pcpus[0].plan, general.c.plan);
	assert_int_equal(pcpus[0].switches, general.c.switches);
	assert_true(pcpus[0].timer.next == general.c.timer.next);
	for (unsigned i = 0; i < 2; i++) {
		assert_true(partitions[i].exec_ns == general.p[i].exec_ns);
		assert_true(partitions[i].ran_since == general.p[i].ran_since);
		assert_int_equal(partitions[i].vcpu.pending, general.p[i].vcpu.pending);
		if (&partitions[i] == prev) {
			shared[i].info.wall_ns = ((struct bh_vcpu_info *)general.page[i])->wall_ns;
			shared[i].info.exec_ns = ((struct bh_vcpu_info *)general.page[i])->exec_ns;
		}
		if (memcmp(&shared[i], general.page[i], BH_PAGE_SIZE))
			fail_msg("partition %u's page differs after the one-pass window end", i);
	}
	end_restore(&general);
}

/*
 * sched_window_end (the switch's one pass) against the general path, in
 * both directions and across the frame's end, the incoming partition
 * with its window line attached and a wall timer armed; and the cases it
 * leaves to the general path, untouched: the guard's cut (the idle to the
 * slot's end), an early interrupt, the leaving partition's
 * execution-clock timer, a wall timer due, the trace's window class, the
 * incoming partition halted (the general path idles), a plan switch at
 * the frame's end, the same partition next.
 */
static void test_window_end_one_pass(void **state)
{
	struct end_state before, after;
	uint32_t guard = sched_guard_ns;

	sched_guard_ns = 0;                /* as make bench: guard=0 */
	cfg.n_plans = 2;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	cfg.plans[1] = (struct bh_plan){ 20000, 1, { { 1, 0, 20000, 0 } } };
	current = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_ptr_equal(current, &partitions[0]);
	assert_int_equal(vcpu_attach(&partitions[1], BH_VIRQ_WINDOW), 0);
	assert_int_equal(vtimer_set(&partitions[1], BH_CLOCK_WALL, 13000000, 0), 0);
	fake_cycles = 9000000;
	sched_event(9000000);               /* inside: armed for the end */
	window_end_both(10000000);          /* p0 -> p1 */
	assert_ptr_equal(current, &partitions[1]);
	assert_int_equal(fake_armed_ns, 13000000 - 10000300);  /* p1's timer first */
	assert_true(partitions[1].vcpu.pending & 1u << BH_VIRQ_WINDOW);
	partitions[1].vcpu.timer.deadline = 0;
	pcpus[0].next_wall = ~0ull;
	window_end_both(20000050);          /* p1 -> p0, the next frame, late */
	assert_ptr_equal(current, &partitions[0]);
	assert_true(pcpus[0].frame_start == 20000000);
	window_end_both(30000000);          /* p0 -> p1 */

	/* declined, nothing changed */
	end_take(&before);
	assert_int_equal(sched_window_end(39999999), 0);        /* not the end */
	pcpus[0].timer.next = 40000001;
	assert_int_equal(sched_window_end(40000000), 0);        /* early */
	pcpus[0].timer.next = 40000000;
	partitions[1].vcpu.timer = (struct vtimer){ .deadline = 1, .clock = BH_CLOCK_EXEC };
	assert_int_equal(sched_window_end(40000000), 0);        /* p1's exec timer */
	partitions[1].vcpu.timer = before.p[1].vcpu.timer;
	pcpus[0].next_wall = 40000000;
	assert_int_equal(sched_window_end(40000000), 0);        /* a wall timer due */
	pcpus[0].next_wall = ~0ull;
	trace_set_classes(BH_TRACE_SCHED);
	assert_int_equal(sched_window_end(40000000), 0);        /* traced */
	trace_set_classes(BH_TRACE_VIRQ);
	assert_int_equal(sched_window_end(40000000), 0);        /* traced */
	trace_set_classes(0);
	partitions[0].state = PART_HALTED;
	assert_int_equal(sched_window_end(40000000), 0);        /* p0 halted: idle */
	partitions[0].state = PART_RUNNABLE;
	end_take(&after);
	after.c.timer.next = before.c.timer.next;
	if (memcmp(&before.c, &after.c, sizeof(before.c)))
		fail_msg("a declined window end changed the CPU's state");
	if (memcmp(before.p, after.p, sizeof(before.p)) ||
	    memcmp(before.page, after.page, sizeof(before.page)))
		fail_msg("a declined window end changed a partition");
	if (before.ticks != after.ticks || before.n_switches != after.n_switches ||
	    before.armed != after.armed)
		fail_msg("a declined window end counted a tick, switched or armed");
	assert_int_equal(sched_window_end(40000000), 1);        /* p1 -> p0 */
	assert_int_equal(sched_plan_switch(1), 0);              /* from 60 ms */
	assert_int_equal(sched_window_end(50000000), 0);        /* p0 -> p1: the last slot */
	general_end(50000000);
	assert_int_equal(sched_window_end(60000000), 0);        /* the plan changes */
	general_end(60000000);
	assert_int_equal(pcpus[0].plan, 1);
	assert_ptr_equal(current, &partitions[1]);
	assert_int_equal(sched_window_end(80000000), 0);        /* p1 after p1 */

	/* with the guard: the cut idles (general), the end is one pass */
	sched_guard_ns = SCHED_GUARD_NS;
	current = 0;
	fake_cycles = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	fake_cycles = 10000000 - SCHED_GUARD_NS;
	assert_int_equal(sched_window_end(10000000 - SCHED_GUARD_NS), 0);
	general_end(10000000 - SCHED_GUARD_NS);
	assert_null(current);
	window_end_both(10000000);          /* idle -> p1 */
	assert_ptr_equal(current, &partitions[1]);

	/* fixed at sched_start: the periodic timer, or the vCPUs' SMP rules,
	 * and never the one pass (the same end as above taken with neither) */
	sched_guard_ns = 0;
	for (volatile int k = 0; k < 3; k++) {
		pcpus[0].timer.oneshot = k != 1;
		vcpu_smp = k == 2;
		current = 0;
		fake_cycles = 0;
		sched_init(&cfg);
		if (!setjmp(env))
			sched_start();
		fake_cycles = 10000000;
		pcpus[0].timer.next = 10000000;
		assert_int_equal(sched_window_end(10000000), k == 0);
	}
	pcpus[0].timer.oneshot = 1;
	vcpu_smp = 0;
	sched_guard_ns = guard;
	pcpus[0].wall_armed = 0;            /* p1's timer: not the next cases' */
	pcpus[0].next_wall = ~0ull;
}

/*
 * one_pass_off, sched_window_end's seldom-changing refusals as one word,
 * kept right by each of its writers: sched_init (off until the start),
 * sched_start (the SMP rules, the timer's mode, the arch's entry, the
 * trace classes already on), and trace.c's every write of trace_mask —
 * trace_init, BH_HC_TRACE's classes, the trace's stop — for the window
 * and virtual-interrupt classes only.  The arch's own bit
 * (ONE_PASS_ENTRY) leaves the C path's one pass alone.
 */
static void test_one_pass_word_kept(void **state)
{
	uint32_t guard = sched_guard_ns;

	sched_guard_ns = 0;
	cfg.n_plans = 1;
	cfg.plans[0] = (struct bh_plan){ 20000, 2, { { 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 } } };
	cfg.partitions[0].flags = BH_PART_F_SYSTEM;     /* for BH_HC_TRACE */
	trace_init(&cfg);                              /* no classes, no stop */
	trace_set_classes(0);
	current = 0;
	sched_init(&cfg);
	assert_int_equal(one_pass_off, ONE_PASS_FIXED | ONE_PASS_ENTRY);
	if (!setjmp(env))
		sched_start();
	assert_int_equal(one_pass_off, 0);

	/* BH_HC_TRACE: the window and virtual-interrupt classes only */
	current = &partitions[0];
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, BH_TRACE_SCHED, 0, 0), 0);
	assert_int_equal(one_pass_off, BH_TRACE_SCHED);
	fake_cycles = 10000000;
	pcpus[0].timer.next = 10000000;
	assert_int_equal(sched_window_end(10000000), 0);
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, BH_TRACE_VIRQ | BH_TRACE_PORT, 0, 0),
			 (int32_t)BH_TRACE_SCHED);
	assert_int_equal(one_pass_off, BH_TRACE_VIRQ);
	assert_int_equal(sched_window_end(10000000), 0);
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, BH_TRACE_ALL & ~ONE_PASS_TRACED, 0, 0),
			 (int32_t)(BH_TRACE_VIRQ | BH_TRACE_PORT));
	assert_int_equal(one_pass_off, 0);
	assert_int_equal(trace_call(BH_TRACE_OP_CLASSES, 0, 0, 0),
			 (int32_t)(BH_TRACE_ALL & ~ONE_PASS_TRACED));
	assert_int_equal(sched_window_end(10000000), 1);        /* p0 -> p1 */

	/* trace_init, before the start: sched_init and sched_start keep it */
	cfg.trace = (struct bh_trace_config){ BH_TRACE_ALL, 0 };
	trace_init(&cfg);
	assert_int_equal(one_pass_off, ONE_PASS_TRACED);
	current = 0;
	fake_cycles = 0;
	sched_init(&cfg);
	assert_int_equal(one_pass_off, ONE_PASS_FIXED | ONE_PASS_ENTRY | ONE_PASS_TRACED);
	if (!setjmp(env))
		sched_start();
	assert_int_equal(one_pass_off, ONE_PASS_TRACED);

	/* the trace's stop (trace_stop=, 1 ms): every class off */
	snprintf(boot_info.cmdline, sizeof(boot_info.cmdline), "trace_stop=1");
	trace_init(&cfg);
	boot_info.cmdline[0] = 0;
	assert_int_equal(one_pass_off, ONE_PASS_TRACED);
	fake_cycles = 2000000;
	trace_put(BH_TR_PORT_SEND, 0, 0, 0);
	assert_int_equal(trace_mask, 0);
	assert_int_equal(one_pass_off, 0);

	/* the arch's entry unable (x86: the 8254 one-shot): the C path's
	 * one pass still runs; several CPUs' rules: never */
	fake_tick_one_pass = 0;
	current = 0;
	fake_cycles = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_int_equal(one_pass_off, ONE_PASS_ENTRY);
	fake_cycles = 10000000;
	pcpus[0].timer.next = 10000000;
	assert_int_equal(sched_window_end(10000000), 1);
	fake_tick_one_pass = 1;
	vcpu_smp = 1;
	current = 0;
	fake_cycles = 0;
	sched_init(&cfg);
	if (!setjmp(env))
		sched_start();
	assert_int_equal(one_pass_off, ONE_PASS_FIXED);
	vcpu_smp = 0;
	sched_guard_ns = guard;
	cfg.trace = (struct bh_trace_config){ 0, 0 };
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_upcall_and_iret_round_trip, setup),
		cmocka_unit_test_setup(test_iret_refused, setup),
		cmocka_unit_test_setup(test_upcall_fault_halts, setup),
		cmocka_unit_test_setup(test_upcall_stack_one_rule, setup),
		cmocka_unit_test_setup(test_hm_ignore_only_resumable, setup),
		cmocka_unit_test_setup(test_hm_overflow_is_a_fault, setup),
		cmocka_unit_test_setup(test_hypercall_table, setup),
		cmocka_unit_test_setup(test_u64_spans_match_writable, setup),
		cmocka_unit_test_setup(test_hm_deliver_to_handler, setup),
		cmocka_unit_test_setup(test_hm_undeliverable_escalates, setup),
		cmocka_unit_test_setup(test_hm_handler_args, setup),
		cmocka_unit_test_setup(test_module_actions, setup),
		cmocka_unit_test_setup(test_arinc_codes, setup),
		cmocka_unit_test_setup(test_sched_switches_windows, setup),
		cmocka_unit_test_setup(test_sched_arms_partition_timer, setup),
		cmocka_unit_test_setup(test_sched_window_guard, setup),
		cmocka_unit_test_setup(test_window_end_one_pass, setup),
		cmocka_unit_test_setup(test_one_pass_word_kept, setup),
		cmocka_unit_test_setup(test_own_tick_fast_and_general, setup),
		cmocka_unit_test_setup(test_own_tick_on_second_cpu, setup),
		cmocka_unit_test(test_boot_option_value),
		cmocka_unit_test_setup(test_trace_ring_and_read, setup),
		cmocka_unit_test_setup(test_trace_call_checked, setup),
		cmocka_unit_test_setup(test_bind_under_channel_lock, setup),
		cmocka_unit_test_setup(test_control_applied_on_target_cpu, setup),
		cmocka_unit_test_setup(test_control_of_running_target, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
