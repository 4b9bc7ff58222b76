/*
 * Interrupt lines and delivery through the layer: deferral while disabled,
 * delivery on enable and on flash (lesson 1: enable re-checks pending),
 * request/detach of the timer line, and the tick clock.
 */
#include "vtest.h"

#define TICK_US 5000u

/* A timer expiry made pending while disabled; returns 0 if none came. */
static int make_pending_timer(void)
{
	if (arm_oneshot_ms(2) < 0)
		return 0;
	return wait_pending(BH_VIRQ_TIMER);
}

BH_TEST(irq, enable_delivers_pending, "enable_delivers_pending")
{
	uint32_t before;

	_CPU_Virtual_Interrupts_close();
	before = CLOCK_ISRS;
	BH_EXPECT(make_pending_timer(), "the timer expiry never became pending");
	BH_EXPECT(CLOCK_ISRS == before, "delivered while disabled");
	_CPU_Virtual_Interrupts_enable(0);
	/* No other event in between: the enable itself must let it in. */
	BH_EXPECT(CLOCK_ISRS == before + 1,
		  "pending interrupt not delivered by enable (%u deliveries)",
		  (unsigned)(CLOCK_ISRS - before));
}

/* _ISR_Flash inside a section entered enabled lets a pending interrupt in;
 * inside one entered disabled it does not. */
BH_TEST(irq, flash_delivers_pending, "flash_delivers_pending")
{
	uint32_t before;
	int outer = 0, inner = 0;

	_CPU_Virtual_Interrupts_open();
	RTEMS_VIRT_ISR_DISABLE(outer);
	before = CLOCK_ISRS;
	BH_EXPECT(make_pending_timer(), "the timer expiry never became pending");
	RTEMS_VIRT_ISR_DISABLE(inner);
	RTEMS_VIRT_ISR_FLASH(inner);            /* found disabled: no window */
	BH_EXPECT(CLOCK_ISRS == before, "a flash of a disabled level let an interrupt in");
	RTEMS_VIRT_ISR_ENABLE(inner);
	RTEMS_VIRT_ISR_FLASH(outer);
	BH_EXPECT(CLOCK_ISRS == before + 1, "flash did not deliver the pending interrupt");
	BH_EXPECT(_CPU_Virtual_Interrupts_get_level(0) == 1, "flash must leave interrupts disabled");
	RTEMS_VIRT_ISR_ENABLE(outer);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 0);
}

/*
 * The BSP's vectors: 0 is its clock (bulkhead's timer line), 1..15 the
 * hardware lines; nothing above 15 is accepted, and C_dispatch_isr is
 * never handed a vector above 15.
 */
BH_TEST(irq, clock_is_vector_0, "clock_is_vector_0")
{
	uint32_t seen;
	uint64_t deadline;

	BH_EXPECT(_CPU_Virtual_Irq_request(-1) < 0, "vector -1 accepted");
	BH_EXPECT(_CPU_Virtual_Irq_request(RTEMS_VIRT_VECTORS) < 0, "vector 16 accepted");
	BH_EXPECT(_CPU_Virtual_Irq_request(BH_VIRQ_WINDOW) < 0, "vector 17 accepted");
	BH_EXPECT(_CPU_Virtual_Irq_request(4) < 0, "a line not granted accepted");
	max_vector_seen = -1;
	BH_EXPECT_EQ(_CPU_Virtual_Irq_request(RTEMS_VIRT_CLOCK_VECTOR), 0);
	BH_EXPECT(bh_vcpu->attached & (1u << BH_VIRQ_TIMER), "timer line not attached");
	_CPU_Virtual_Interrupts_open();
	seen = CLOCK_ISRS;
	deadline = bh_now_ns() + WAIT_LIMIT_NS;
	while (CLOCK_ISRS - seen < 2 && bh_now_ns() < deadline)
		;
	BH_EXPECT(CLOCK_ISRS - seen >= 2, "the clock did not reach C_dispatch_isr(0)");
	BH_EXPECT(max_vector_seen == 0, "C_dispatch_isr got vector %d", max_vector_seen);

	_CPU_Virtual_Irq_detach(RTEMS_VIRT_CLOCK_VECTOR);
	BH_EXPECT(!(bh_vcpu->attached & (1u << BH_VIRQ_TIMER)), "line still attached");
	seen = CLOCK_ISRS;
	spin_ns(6 * TICK_US * 1000ull);
	BH_EXPECT(CLOCK_ISRS == seen, "%u deliveries after detach", (unsigned)(CLOCK_ISRS - seen));
}

/* The tick length is the BSP's (virtualpok: pc386_microseconds_per_isr). */
BH_TEST(irq, clock_bsp_tick, "clock_honours_bsp_tick")
{
	uint64_t w0, w1;
	int c0, c1, expect;

	rtems_virt_set_tick_us(10000);
	pc386_microseconds_per_isr = 2000;      /* set by clockOn() before the request */
	BH_EXPECT_EQ(_CPU_Virtual_Irq_request(RTEMS_VIRT_CLOCK_VECTOR), 0);
	BH_EXPECT_EQ(rtems_virt_tick_us(), 2000);
	_CPU_Virtual_Interrupts_open();
	w0 = bh_now_ns();
	c0 = _BSP_Virtual_Clock_read();
	spin_ns(20 * 2000 * 1000ull);
	c1 = _BSP_Virtual_Clock_read();
	w1 = bh_now_ns();
	expect = (int)((w1 - w0) / (2000 * 1000ull));
	BH_EXPECT(c1 - c0 >= expect - 1 && c1 - c0 <= expect + 1,
		  "%d ticks in %llu us of the BSP's 2000 us ticks", c1 - c0,
		  (unsigned long long)((w1 - w0) / 1000));
}

BH_TEST(irq, clock_read_advances, "clock_read_advances")
{
	uint64_t w0, w1;
	int c0, c1, expect;
	uint32_t isrs;

	rtems_virt_set_tick_us(TICK_US);
	BH_EXPECT_EQ(rtems_virt_tick_us(), TICK_US);
	BH_EXPECT_EQ(_BSP_Virtual_Clock_init(), 0);
	_CPU_Virtual_Interrupts_open();
	isrs = CLOCK_ISRS;
	w0 = bh_now_ns();
	c0 = _BSP_Virtual_Clock_read();
	spin_ns(10 * TICK_US * 1000ull);
	c1 = _BSP_Virtual_Clock_read();
	w1 = bh_now_ns();
	expect = (int)((w1 - w0) / (TICK_US * 1000ull));
	BH_EXPECT(c1 > c0, "clock did not advance: %d then %d", c0, c1);
	BH_EXPECT(c1 - c0 >= expect - 1 && c1 - c0 <= expect + 1,
		  "%d ticks in %llu us of %u us ticks", c1 - c0,
		  (unsigned long long)((w1 - w0) / 1000), TICK_US);
	BH_EXPECT(CLOCK_ISRS > isrs, "no tick reached C_dispatch_isr");
}

/* Every expiry is accounted: delivered, or reported as missed (coalesced). */
BH_TEST(irq, clock_ticks_accounted, "clock_ticks_accounted")
{
	int ticks;
	uint32_t counted;

	rtems_virt_set_tick_us(TICK_US);
	clock_ticks_counted = 0;
	clock_counting = 1;
	BH_EXPECT_EQ(_BSP_Virtual_Clock_init(), 0);
	_CPU_Virtual_Interrupts_open();
	spin_ns(20 * TICK_US * 1000ull);
	_CPU_Virtual_Interrupts_close();
	ticks = _BSP_Virtual_Clock_read();
	counted = clock_ticks_counted;
	BH_EXPECT(ticks >= 10, "only %d ticks in 20 periods", ticks);
	/* An expiry may be in flight (pending, or raised a moment ago). */
	BH_EXPECT((int)counted >= ticks - 2 && (int)counted <= ticks + 1,
		  "%u ticks counted by the ISR, clock says %d", (unsigned)counted, ticks);
}
