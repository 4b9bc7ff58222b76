/*
 * A device line: COM2's 16550 raises line 3 whenever its THR-empty
 * interrupt is enabled while the transmitter is empty (always, with
 * nothing sent), so every IER write 0 -> THRI is one device interrupt we
 * caused ourselves and can count.  The kernel masks the line and
 * acknowledges it at the PIC on each interrupt; the handler services the
 * UART and unmasks it (bh_irq_unmask).
 */
#include "virq.h"

#define IER  1
#define IIR  2
#define LCR  3
#define MCR  4
#define SCR  7
#define IER_THRI  0x02
#define MCR_OUT2  0x08          /* gates the UART's interrupt to the PIC on a PC */
#define FLOOD_N   1000u
#define SPIN_LIMIT 2000000u     /* loop turns to wait for one interrupt */

int thre_init(void)
{
	bh_outb(COM2_PORT + SCR, 0x5a);
	if (bh_inb(COM2_PORT + SCR) != 0x5a)
		return -BH_ENOENT;
	bh_outb(COM2_PORT + IER, 0);
	bh_outb(COM2_PORT + LCR, 0x03);         /* 8N1 */
	bh_outb(COM2_PORT + MCR, MCR_OUT2);
	(void)bh_inb(COM2_PORT + IIR);
	return 0;
}

/* IER 0 drops the UART's request, THRI raises it again: a fresh edge. */
void thre_raise(void)
{
	bh_outb(COM2_PORT + IER, 0);
	bh_outb(COM2_PORT + IER, IER_THRI);
}

/* Reading IIR clears the THR-empty cause; IER 0 keeps it from coming back. */
void thre_service(void)
{
	(void)bh_inb(COM2_PORT + IIR);
	bh_outb(COM2_PORT + IER, 0);
}

static volatile uint32_t dev_depth;

static void thre_handler(unsigned line, void *arg)
{
	thre_service();
	dev_depth = bh_vcpu->upcall_depth;
	hits[line]++;
	bh_irq_unmask(line);
}

/* Spin without hypercalls: only the interrupt itself can end the wait. */
static int spin_change(volatile uint32_t *counter, uint32_t from)
{
	uint32_t n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (*counter != from)
			return 1;
	return 0;
}

/* Enabled: each of N device interrupts reaches the handler exactly once. */
BH_TEST(device, flood_delivered, "flood-delivered")
{
	uint32_t r0 = bh_vcpu->raised[COM2_LINE], d0 = bh_vcpu->delivered[COM2_LINE];
	uint32_t h0 = hits[COM2_LINE], i;

	EXPECT_RC(bh_virq_register(COM2_LINE, thre_handler, 0), 0);
	bh_virq_enable();
	for (i = 0; i < FLOOD_N; i++) {
		thre_raise();
		BH_EXPECT(spin_change(&hits[COM2_LINE], h0 + i),
			  "interrupt %u of %u never delivered", (unsigned)i + 1, FLOOD_N);
	}
	bh_virq_disable();
	BH_EXPECT_EQ(hits[COM2_LINE] - h0, FLOOD_N);
	BH_EXPECT_EQ(bh_vcpu->raised[COM2_LINE] - r0, FLOOD_N);
	BH_EXPECT_EQ(bh_vcpu->delivered[COM2_LINE] - d0, FLOOD_N);
}

/*
 * Disabled, and unmasking the line after each interrupt without servicing
 * it: N interrupts reach the kernel while the line is already pending.
 * All N are counted (raised), one upcall delivers them (coalesced N - 1),
 * the moment we enable: delivered + coalesced = N.
 */
BH_TEST(device, flood_coalesced, "flood-coalesced")
{
	uint32_t r0 = bh_vcpu->raised[COM2_LINE], d0 = bh_vcpu->delivered[COM2_LINE];
	uint32_t h0 = hits[COM2_LINE], i, raised, delivered;

	EXPECT_RC(bh_virq_register(COM2_LINE, thre_handler, 0), 0);
	for (i = 0; i < FLOOD_N; i++) {
		thre_raise();
		BH_EXPECT(spin_change(&bh_vcpu->raised[COM2_LINE], r0 + i),
			  "interrupt %u of %u never reached the kernel", (unsigned)i + 1, FLOOD_N);
		EXPECT_RC(bh_irq_unmask(COM2_LINE), 0);
	}
	BH_EXPECT(hits[COM2_LINE] == h0, "delivered while disabled");
	BH_EXPECT(bh_vcpu->pending & (1u << COM2_LINE), "line 3 not pending");
	bh_virq_enable();
	raised = bh_vcpu->raised[COM2_LINE] - r0;
	delivered = bh_vcpu->delivered[COM2_LINE] - d0;
	bh_virq_disable();
	BH_EXPECT_EQ(hits[COM2_LINE] - h0, 1);
	BH_EXPECT_EQ(raised, FLOOD_N);
	BH_EXPECT(delivered == 1, "%u delivered of %u raised: expected 1 delivered, "
		  "%u coalesced", (unsigned)delivered, (unsigned)raised, FLOOD_N - 1);
}

/* Nesting: the order handlers finished (exit hook) and the depths seen. */
static volatile uint32_t exit_lines[4], n_exits;
static volatile uint32_t outer_depth_in, outer_depth_after, outer_done, nested_ok;

static struct bh_upcall_frame *record_exit(struct bh_upcall_frame *f)
{
	if (n_exits < ARRAY_LEN(exit_lines))
		exit_lines[n_exits] = f->line;
	n_exits++;
	return 0;
}

/* The timer's handler lets interrupts in and raises the device line. */
static void outer_handler(unsigned line, void *arg)
{
	uint32_t h = hits[COM2_LINE];

	outer_depth_in = bh_vcpu->upcall_depth;
	bh_virq_enable();
	thre_raise();
	nested_ok = spin_change(&hits[COM2_LINE], h);
	outer_depth_after = bh_vcpu->upcall_depth;
	bh_virq_disable();
	outer_done = 1;
}

BH_TEST(device, nested_delivery, "nested-delivery")
{
	uint32_t d3 = bh_vcpu->delivered[COM2_LINE];
	uint32_t d16 = bh_vcpu->delivered[BH_VIRQ_TIMER];

	outer_done = nested_ok = n_exits = 0;
	dev_depth = 0;
	EXPECT_RC(bh_virq_register(COM2_LINE, thre_handler, 0), 0);
	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, outer_handler, 0), 0);
	bh_virq_set_exit_hook(record_exit);
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0), 0);
	bh_virq_enable();
	BH_EXPECT(wait_change(&outer_done, 0, WAIT_NS), "timer handler never ran");
	bh_virq_disable();
	BH_EXPECT(nested_ok, "device interrupt not delivered inside the timer handler");
	BH_EXPECT(outer_depth_in == 1, "depth %u in the timer handler, expected 1",
		  (unsigned)outer_depth_in);
	BH_EXPECT(dev_depth == 2, "depth %u in the nested handler, expected 2",
		  (unsigned)dev_depth);
	BH_EXPECT(outer_depth_after == 1, "depth %u after the nested upcall returned, expected 1",
		  (unsigned)outer_depth_after);
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
	BH_EXPECT(n_exits == 2 && exit_lines[0] == COM2_LINE && exit_lines[1] == BH_VIRQ_TIMER,
		  "%u upcalls returned (lines %u, %u), expected line 3 then line 16",
		  (unsigned)n_exits, (unsigned)exit_lines[0], (unsigned)exit_lines[1]);
	BH_EXPECT_EQ(bh_vcpu->delivered[COM2_LINE] - d3, 1);
	BH_EXPECT_EQ(bh_vcpu->delivered[BH_VIRQ_TIMER] - d16, 1);
}

/*
 * A line that becomes pending while a handler runs (virtual interrupts
 * off) is delivered by the iret that turns them back on, before the
 * interrupted code runs another instruction: the iret's fast path
 * (entry.S) must hand that case to the full path.  The interrupted code
 * spins without hypercalls, so without delivery at the iret the line
 * would wait for the next tick, ~1 ms, and the check right after the
 * spin would not see it.
 */
static volatile uint32_t raiser_done, raiser_saw_pending;

static void raiser_handler(unsigned line, void *arg)
{
	uint32_t n;

	thre_raise();
	for (n = 0; n < SPIN_LIMIT && !(bh_vcpu->pending & (1u << COM2_LINE)); n++)
		;
	raiser_saw_pending = (bh_vcpu->pending >> COM2_LINE) & 1;
	raiser_done = 1;
}

BH_TEST(device, pending_delivered_at_iret, "pending-delivered-at-iret")
{
	uint32_t h = hits[COM2_LINE], after;

	raiser_done = raiser_saw_pending = 0;
	EXPECT_RC(bh_virq_register(COM2_LINE, thre_handler, 0), 0);
	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, raiser_handler, 0), 0);
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0), 0);
	bh_virq_enable();
	while (!raiser_done)
		;
	after = hits[COM2_LINE];                /* the first read after the iret */
	bh_virq_disable();
	BH_EXPECT(raiser_saw_pending, "the device line never became pending in the handler");
	BH_EXPECT(after == h + 1, "%u device deliveries by the iret, expected 1",
		  (unsigned)(after - h));
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
}

/*
 * A device line with an upcall stack registered and no upcall in
 * progress: the frame goes on that stack, 16-byte aligned below its top
 * (upcall_frame_place), with the interrupted context in it.  The routed
 * line's own path in entry.S (irqtraps) makes this choice itself.
 */
static uint8_t dev_stack[1024] __attribute__((aligned(16)));
static volatile uint32_t dev_frame_at, dev_frame_line, dev_frame_esp, dev_frame_seg_rpl;
static volatile uint32_t dev_frame_if;

static struct bh_upcall_frame *record_device_frame(struct bh_upcall_frame *f)
{
	if (f->line == COM2_LINE) {
		dev_frame_at = (uint32_t)f;
		dev_frame_line = f->line;
		dev_frame_esp = f->esp;
		dev_frame_seg_rpl = (f->cs & 3) << 2 | (f->ss & 3);
		dev_frame_if = f->eflags & BH_EFLAGS_IF;
	}
	return 0;
}

BH_TEST(device, delivered_on_upcall_stack, "device-on-upcall-stack")
{
	uint32_t top = (uint32_t)(dev_stack + sizeof(dev_stack) - 4);
	uint32_t want = (top - (uint32_t)sizeof(struct bh_upcall_frame)) & ~15u;
	uint32_t h = hits[COM2_LINE], d = bh_vcpu->delivered[COM2_LINE];

	dev_frame_at = 0;
	EXPECT_RC(bh_virq_register(COM2_LINE, thre_handler, 0), 0);
	EXPECT_RC(bh_virq_set_upcall_stack((void *)top), 0);
	bh_virq_set_exit_hook(record_device_frame);
	bh_virq_enable();
	thre_raise();
	BH_EXPECT(spin_change(&hits[COM2_LINE], h), "the device line was not delivered");
	bh_virq_disable();
	EXPECT_RC(bh_virq_set_upcall_stack(0), 0);
	BH_EXPECT(dev_frame_at == want, "frame at %08x, expected %08x (below the upcall "
		  "stack's top %08x)", (unsigned)dev_frame_at, (unsigned)want, (unsigned)top);
	BH_EXPECT_EQ(dev_frame_line, COM2_LINE);
	BH_EXPECT(dev_frame_esp < (uint32_t)dev_stack ||
		  dev_frame_esp >= (uint32_t)dev_stack + sizeof(dev_stack),
		  "the frame's esp %08x is on the upcall stack, not the interrupted one",
		  (unsigned)dev_frame_esp);
	BH_EXPECT(dev_frame_seg_rpl == 0xf, "the frame's cs/ss are not ring 3 (%x)",
		  (unsigned)dev_frame_seg_rpl);
	BH_EXPECT(dev_frame_if, "the frame's IF is clear: it resumes with interrupts off");
	BH_EXPECT_EQ(bh_vcpu->delivered[COM2_LINE] - d, 1);
	BH_EXPECT(!(bh_vcpu->pending & (1u << COM2_LINE)), "line 3 still pending");
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
}

int device_ready(void)
{
	if (thre_init() < 0) {
		bh_test_fail_named("device-lines", __FILE__, __LINE__,
				   "no UART at COM2 (the case must give QEMU a second -serial)");
		return 0;
	}
	return 1;
}
