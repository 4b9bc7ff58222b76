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
	before = isr_count[BH_VIRQ_TIMER];
	BH_EXPECT(make_pending_timer(), "the timer expiry never became pending");
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] == before, "delivered while disabled");
	_CPU_Virtual_Interrupts_enable(0);
	/* No other event in between: the enable itself must let it in. */
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] == before + 1,
		  "pending interrupt not delivered by enable (%u deliveries)",
		  (unsigned)(isr_count[BH_VIRQ_TIMER] - before));
}

BH_TEST(irq, flash_delivers_pending, "flash_delivers_pending")
{
	uint32_t before;
	int level;

	_CPU_Virtual_Interrupts_close();
	before = isr_count[BH_VIRQ_TIMER];
	BH_EXPECT(make_pending_timer(), "the timer expiry never became pending");
	_CPU_Virtual_Interrupts_flash(1);       /* level "disabled": no window */
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] == before, "flash(1) let an interrupt in");
	_CPU_Virtual_Interrupts_flash(0);
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] == before + 1,
		  "flash(0) did not deliver the pending interrupt");
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 1, "flash must leave interrupts disabled, level %d", level);
}

BH_TEST(irq, irq_request_detach, "irq_request_detach")
{
	uint32_t seen;
	uint64_t deadline;

	BH_EXPECT(_CPU_Virtual_Irq_request(-1) < 0, "vector -1 accepted");
	BH_EXPECT(_CPU_Virtual_Irq_request(BH_NR_VLINES) < 0, "vector 32 accepted");
	BH_EXPECT_EQ(_CPU_Virtual_Irq_request(BH_VIRQ_TIMER), 0);
	BH_EXPECT(bh_vcpu->attached & (1u << BH_VIRQ_TIMER), "timer line not attached");
	BH_EXPECT_EQ(bh_timer_periodic(TICK_US * 1000ull), 0);
	_CPU_Virtual_Interrupts_open();
	seen = isr_count[BH_VIRQ_TIMER];
	deadline = bh_now_ns() + WAIT_LIMIT_NS;
	while (isr_count[BH_VIRQ_TIMER] - seen < 2 && bh_now_ns() < deadline)
		;
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] - seen >= 2, "periodic timer not delivered");

	_CPU_Virtual_Irq_detach(BH_VIRQ_TIMER);
	BH_EXPECT(!(bh_vcpu->attached & (1u << BH_VIRQ_TIMER)), "line still attached");
	seen = isr_count[BH_VIRQ_TIMER];
	spin_ns(6 * TICK_US * 1000ull);
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] == seen,
		  "%u deliveries after detach", (unsigned)(isr_count[BH_VIRQ_TIMER] - seen));
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
	isrs = isr_count[BH_VIRQ_TIMER];
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
	BH_EXPECT(isr_count[BH_VIRQ_TIMER] > isrs, "no tick reached C_dispatch_isr");
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
