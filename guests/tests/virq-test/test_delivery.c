/*
 * Delivery while enabled, the interrupted context kept intact, deferral
 * while disabled, and the attach/detach/unmask rules.
 */
#include "virq.h"

/* What a handler saw of its own upcall. */
static volatile uint32_t probe_line, probe_depth, probe_masked;
static volatile uint64_t probe_ns;

static void probe_handler(unsigned line, void *arg)
{
	probe_ns = bh_now_ns();
	probe_line = line;
	probe_depth = bh_vcpu->upcall_depth;
	probe_masked = bh_vcpu->irq_masked;
	hits[line]++;
}

/* A one-shot wall timer reaches the registered handler, once, on its line. */
BH_TEST(delivery, oneshot_delivered, "oneshot-delivered")
{
	uint32_t h0 = hits[BH_VIRQ_TIMER];
	uint32_t r0 = bh_vcpu->raised[BH_VIRQ_TIMER];
	uint32_t d0 = bh_vcpu->delivered[BH_VIRQ_TIMER];
	uint64_t due;

	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, probe_handler, 0), 0);
	due = bh_now_ns() + 2 * MS;
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, due, 0), 0);
	bh_virq_enable();
	BH_EXPECT(wait_change(&hits[BH_VIRQ_TIMER], h0, WAIT_NS),
		  "no delivery within %llu ms", WAIT_NS / MS);
	spin_ns(5 * MS);                        /* a one-shot fires once */
	bh_virq_disable();
	BH_EXPECT_EQ(hits[BH_VIRQ_TIMER] - h0, 1);
	BH_EXPECT_EQ(probe_line, BH_VIRQ_TIMER);
	BH_EXPECT(probe_ns >= due, "delivered %llu ns before it was due",
		  (unsigned long long)(due - probe_ns));
	BH_EXPECT(probe_depth == 1, "upcall_depth %u in the handler, expected 1",
		  (unsigned)probe_depth);
	BH_EXPECT(probe_masked, "handler entered with virtual interrupts enabled");
	BH_EXPECT_EQ(bh_vcpu->raised[BH_VIRQ_TIMER] - r0, 1);
	BH_EXPECT_EQ(bh_vcpu->delivered[BH_VIRQ_TIMER] - d0, 1);
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
}

/* Where each upcall interrupted the loop (from the exit hook). */
#define MAX_LANDINGS 64
static uint32_t landed_eip[MAX_LANDINGS];
static volatile uint32_t n_landed;
#define LOOP_DELIVERIES 40

static struct bh_upcall_frame *record_landing(struct bh_upcall_frame *f)
{
	if (n_landed < MAX_LANDINGS)
		landed_eip[n_landed] = f->eip;
	n_landed++;
	return 0;
}

static void stop_loop_handler(unsigned line, void *arg)
{
	if (++hits[line] >= LOOP_DELIVERIES)
		virq_loop_stop = 1;
}

/*
 * Upcalls landing anywhere in an asm loop (virq_regloop) leave every
 * general register, DF and the arithmetic flags as they were.
 */
BH_TEST(delivery, registers_preserved, "registers-preserved")
{
	static const char *const what[] = { "", "eax", "flags (add)", "flags (sub)",
		"ebx", "esi", "edi", "ebp", "ecx/edx", "time-out" };
	uint32_t i, lo = (uint32_t)virq_regloop_body, hi = (uint32_t)virq_regloop_end;
	int r;

	hits[BH_VIRQ_TIMER] = 0;
	n_landed = 0;
	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, stop_loop_handler, 0), 0);
	bh_virq_set_exit_hook(record_landing);
	EXPECT_RC(bh_timer_periodic(1 * MS), 0);
	bh_virq_enable();
	r = virq_regloop(20000000u);
	bh_virq_disable();
	BH_EXPECT(r == 0, "check %d (%s) failed after %u upcalls", r,
		  r > 0 && r < (int)ARRAY_LEN(what) ? what[r] : "?",
		  (unsigned)hits[BH_VIRQ_TIMER]);
	BH_EXPECT(n_landed >= LOOP_DELIVERIES, "only %u upcalls", (unsigned)n_landed);
	/* Otherwise the loop was never interrupted and proved nothing. */
	for (i = 0; i < n_landed && i < MAX_LANDINGS; i++)
		BH_EXPECT(landed_eip[i] >= lo && landed_eip[i] <= hi,
			  "upcall %u interrupted eip %08x, outside the loop %08x..%08x",
			  (unsigned)i, (unsigned)landed_eip[i], (unsigned)lo, (unsigned)hi);
}

/*
 * Disabled: an expiry stays pending (upcall_pending set, nothing run);
 * enabling delivers it before the next instruction.
 */
BH_TEST(delivery, deferred_while_disabled, "deferred-while-disabled")
{
	uint32_t h0 = hits[BH_VIRQ_TIMER], r0 = bh_vcpu->raised[BH_VIRQ_TIMER];
	uint32_t after_enable;

	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, count_handler, 0), 0);
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0), 0);
	BH_EXPECT(wait_change(&bh_vcpu->raised[BH_VIRQ_TIMER], r0, WAIT_NS),
		  "the timer never expired");
	spin_ns(2 * MS);                        /* ticks and hypercalls pass */
	BH_EXPECT(hits[BH_VIRQ_TIMER] == h0, "delivered while disabled");
	BH_EXPECT(bh_vcpu->upcall_pending, "upcall_pending not set");
	BH_EXPECT(bh_vcpu->pending & (1u << BH_VIRQ_TIMER),
		  "pending word %08x lacks the timer line", (unsigned)bh_vcpu->pending);
	bh_virq_enable();
	after_enable = hits[BH_VIRQ_TIMER];     /* the very next read */
	BH_EXPECT(after_enable == h0 + 1,
		  "%u deliveries by the time bh_virq_enable returned, expected 1",
		  (unsigned)(after_enable - h0));
	BH_EXPECT(!bh_vcpu->upcall_pending, "upcall_pending still set after delivery");
}

/* A detached line is still counted (raised) but never delivered. */
BH_TEST(delivery, detach_stops_delivery, "detach-stops-delivery")
{
	uint32_t h, d, r;

	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, count_handler, 0), 0);
	EXPECT_RC(bh_timer_periodic(1 * MS), 0);
	bh_virq_enable();
	h = hits[BH_VIRQ_TIMER];
	BH_EXPECT(wait_change(&hits[BH_VIRQ_TIMER], h, WAIT_NS), "periodic timer not delivered");
	EXPECT_RC(bh_virq_unregister(BH_VIRQ_TIMER), 0);
	BH_EXPECT(!(bh_vcpu->attached & (1u << BH_VIRQ_TIMER)), "still attached");
	h = hits[BH_VIRQ_TIMER];
	d = bh_vcpu->delivered[BH_VIRQ_TIMER];
	r = bh_vcpu->raised[BH_VIRQ_TIMER];
	spin_ns(5 * MS);
	BH_EXPECT(hits[BH_VIRQ_TIMER] == h, "%u deliveries after detach",
		  (unsigned)(hits[BH_VIRQ_TIMER] - h));
	BH_EXPECT_EQ(bh_vcpu->delivered[BH_VIRQ_TIMER], d);
	BH_EXPECT(bh_vcpu->raised[BH_VIRQ_TIMER] - r >= 3,
		  "expiries not counted while detached (%u)",
		  (unsigned)(bh_vcpu->raised[BH_VIRQ_TIMER] - r));
	BH_EXPECT(!(bh_vcpu->pending & (1u << BH_VIRQ_TIMER)), "detached line pending");
}

/* The kernel's answers to lines it must refuse. */
BH_TEST(delivery, attach_rules, "attach-rules")
{
	EXPECT_RC(bh_irq_attach(5), -BH_EPERM);        /* not granted */
	EXPECT_RC(bh_irq_attach(0), -BH_EPERM);        /* kernel's clock */
	EXPECT_RC(bh_irq_attach(18), -BH_EINVAL);      /* reserved */
	EXPECT_RC(bh_irq_attach(BH_NR_VLINES), -BH_EINVAL);
	EXPECT_RC(bh_irq_attach(0xffffffffu), -BH_EINVAL);
	EXPECT_RC(bh_irq_attach(BH_VIRQ_TIMER), 0);
	EXPECT_RC(bh_irq_attach(BH_VIRQ_TIMER), -BH_EBUSY);
	EXPECT_RC(bh_irq_attach(COM2_LINE), 0);
	EXPECT_RC(bh_irq_attach(COM2_LINE), -BH_EBUSY);
	BH_EXPECT_EQ(bh_vcpu->attached, (1u << BH_VIRQ_TIMER) | (1u << COM2_LINE));
	EXPECT_RC(bh_irq_detach(COM2_LINE), 0);
	EXPECT_RC(bh_irq_detach(COM2_LINE), -BH_ENOENT);
	EXPECT_RC(bh_irq_detach(BH_VIRQ_TIMER), 0);
	EXPECT_RC(bh_irq_detach(BH_NR_VLINES), -BH_EINVAL);
	/* Unmask: hardware lines we hold only. */
	EXPECT_RC(bh_irq_unmask(COM2_LINE), -BH_EPERM);  /* not attached */
	EXPECT_RC(bh_irq_unmask(5), -BH_EPERM);          /* not granted */
	EXPECT_RC(bh_irq_unmask(BH_VIRQ_TIMER), -BH_EINVAL);
	BH_EXPECT_EQ(bh_vcpu->attached, 0);
}

/*
 * BH_HC_IRET refuses a frame that is bad in any way the kernel checks
 * (entry.S has a fast path for it, which must make the same checks and
 * leave every register but eax as it was when it refuses), from inside a
 * real upcall: misaligned, in code, straddling the end of the writable
 * memory or of the stack, in the guard page, in the vCPU page, wrapping.
 */
#define N_BAD_FRAMES 9
static volatile int bad_frame_rc[N_BAD_FRAMES], bad_frame_regs[N_BAD_FRAMES];
static volatile uint32_t bad_frame_depth, bad_frame_masked, bad_frames_done;

/* iret to frame; 1 if ebx ecx edx esi edi came back as they went in. */
static int iret_keeps_registers(uint32_t frame, int *rc)
{
	uint32_t a = BH_HC_IRET, b = frame, c = 0x11111111u, d = 0x22222222u;
	uint32_t si = 0x33333333u, di = 0x44444444u;

	__asm__ volatile("int %[vec]"
			 : "+a"(a), "+b"(b), "+c"(c), "+d"(d), "+S"(si), "+D"(di)
			 : [vec] "i"(BH_HYPERCALL_VECTOR) : "memory", "cc");
	*rc = (int)a;
	return b == frame && c == 0x11111111u && d == 0x22222222u &&
	       si == 0x33333333u && di == 0x44444444u;
}

static void bad_frames_handler(unsigned line, void *arg)
{
	struct bh_part_info info;
	uint32_t top, stack_lo, guard, real;
	uint32_t frames[N_BAD_FRAMES];
	unsigned i;

	bh_self(&info);
	top = BH_PART_BASE + info.mem_size;
	stack_lo = top - info.stack_size;
	guard = stack_lo - BH_PAGE_SIZE;
	real = (uint32_t)&info & ~15u;          /* on our stack: a good place */
	frames[0] = real + 1;
	frames[1] = real + 2;
	frames[2] = (uint32_t)bh_virq_register & ~3u;   /* code */
	frames[3] = guard - 48;                 /* past the writable memory's end */
	frames[4] = stack_lo - 4;               /* in the guard page */
	frames[5] = top - 48;                   /* past the stack's top */
	frames[6] = BH_VCPU_PAGE;
	frames[7] = 0xfffffffcu;                /* wraps */
	frames[8] = 0;
	for (i = 0; i < N_BAD_FRAMES; i++) {
		int rc;

		bad_frame_regs[i] = iret_keeps_registers(frames[i], &rc);
		bad_frame_rc[i] = rc;
	}
	bad_frame_depth = bh_vcpu->upcall_depth;
	bad_frame_masked = bh_vcpu->irq_masked;
	bad_frames_done = 1;
}

BH_TEST(delivery, iret_bad_frames, "iret-bad-frames-refused")
{
	unsigned i;

	bad_frames_done = 0;
	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, bad_frames_handler, 0), 0);
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0), 0);
	bh_virq_enable();
	BH_EXPECT(wait_change(&bad_frames_done, 0, WAIT_NS), "the handler never ran");
	bh_virq_disable();
	for (i = 0; i < N_BAD_FRAMES; i++) {
		BH_EXPECT(bad_frame_rc[i] == -BH_EFAULT, "bad frame %u: iret returned %d, expected %d",
			  i, bad_frame_rc[i], -BH_EFAULT);
		BH_EXPECT(bad_frame_regs[i], "bad frame %u: a register changed across the refusal", i);
	}
	BH_EXPECT(bad_frame_depth == 1, "depth %u after the refusals, expected 1",
		  (unsigned)bad_frame_depth);
	BH_EXPECT(bad_frame_masked, "virtual interrupts enabled by a refused iret");
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
}
