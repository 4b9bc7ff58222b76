/*
 * Time base and event timer (portable: the counter and the timer are
 * reached through arch hooks).  See core/time.h.
 */
#include "core/time.h"
#include "core/console.h"
#include "core/arch.h"

struct timebase timebase = { .now = &timebase.anchor[0] };
/* Each CPU's timer and schedule (core/pcpu.h); the tick does nothing
 * with the schedule before it starts (the boot tick). */
struct pcpu pcpus[BH_MAX_CPUS] = {
	[0 ... BH_MAX_CPUS - 1] = { .cut = ~0ull, .slot_end = ~0ull, .next_wall = ~0ull },
};

void time_init(const char *want, uint32_t hz)
{
	struct timer_setup t = { .want = want, .hz = hz };
	struct event_timer *c = &cpu_timer;

	arch_timer_init(&t);
	timebase.cyc_hz = t.cycles_hz;
	timebase.ns_per_cyc_q28 = time_scale_q28(t.cycles_hz);
	if (!timebase.ns_per_cyc_q28)
		panic("time base: counter at %llu Hz is too slow",
		      (unsigned long long)t.cycles_hz);
	timebase.cyc0 = arch_cycles();
	timebase.anchor[0].cyc = timebase.cyc0;
	timebase.anchor[0].ns = 0;
	timebase.cur = 0;
	timebase.now = &timebase.anchor[0];
	timebase.ticks = 0;
	c->name = t.name;
	c->oneshot = t.oneshot;
	c->timer_hz = t.oneshot ? t.timer_hz : BH_TIMER_INPUT_HZ;
	c->period_ns = 1000000000u / hz;
	c->next = 0;
	c->early = 0;
	kprintf("time base: TSC at %u.%03u MHz, measured against the 8254\n",
		(unsigned)(t.cycles_hz / 1000000), (unsigned)(t.cycles_hz / 1000 % 1000));
	if (t.oneshot)
		kprintf("timer: %s, %u.%03u MHz\n", t.name, (unsigned)(t.timer_hz / 1000000),
			(unsigned)(t.timer_hz / 1000 % 1000));
	else
		kprintf("timer: %s, %u Hz (divisor %u)\n", t.name, hz, t.period_counts);
	time_arm(time_boot_next(0));
}

uint64_t time_now_slow(const struct time_anchor *a, uint64_t d)
{
	return a->ns + time_cycles_to_ns(d, timebase.ns_per_cyc_q28);
}

uint64_t time_age_slow(uint64_t d)
{
	return time_cycles_to_ns(d, timebase.ns_per_cyc_q28);
}

void time_share(void)
{
	timebase.shared = 1;
}

/* Only one CPU writes the base (cpu 0, whose timer comes at least every
 * TIME_MAX_ARM_NS): the others, past 2^31 cycles, read the full product
 * until it moves. */
uint64_t time_rebase(void)
{
	const struct time_anchor *a = time_anchor();
	uint64_t c = arch_cycles();
	uint32_t next = timebase.cur ^ 1u;

	if (timebase.shared && arch_cpu_id())
		return time_now_slow(a, c - a->cyc);
	timebase.anchor[next].cyc = c;
	timebase.anchor[next].ns = time_cycles_to_ns(c - timebase.cyc0, timebase.ns_per_cyc_q28);
	timebase.cur = next;
	__atomic_store_n(&timebase.now, &timebase.anchor[next], __ATOMIC_RELEASE);
	return timebase.anchor[next].ns;
}

uint64_t time_boot_next(uint64_t now)
{
	uint64_t p = cpu_timer.period_ns;

	return (now / p + 1) * p;
}

/*
 * Timer interrupts counted over one second of an independent clock (the
 * RTC), from one seconds edge to the next: a check of the boot tick's rate.
 * Waits up to two seconds.
 */
uint64_t time_ticks_per_rtc_second(void)
{
	unsigned s = arch_rtc_seconds();
	uint64_t t0;

	while (arch_rtc_seconds() == s)
		arch_idle();
	s = arch_rtc_seconds();
	t0 = timebase.ticks;
	while (arch_rtc_seconds() == s)
		arch_idle();
	return timebase.ticks - t0;
}
