/* Time base (portable: the counter is read through an arch hook). */
#include "core/time.h"
#include "core/arch.h"

struct timebase timebase;

void time_init(uint32_t period_counts)
{
	uint64_t ns = (uint64_t)period_counts * 1000000000ull;

	timebase.ticks = 0;
	timebase.tick_ns = 0;
	timebase.frac = 0;
	timebase.last_read = 0;
	timebase.period_counts = period_counts;
	timebase.period_ns = (uint32_t)(ns / TIMER_INPUT_HZ);
	timebase.period_rem = (uint32_t)(ns % TIMER_INPUT_HZ);
}

void time_tick(void)
{
	timebase.ticks++;
	timebase.tick_ns += timebase.period_ns;
	timebase.frac += timebase.period_rem;
	if (timebase.frac >= TIMER_INPUT_HZ) {
		timebase.frac -= TIMER_INPUT_HZ;
		timebase.tick_ns++;
	}
}

/* counts < 2^17 here: a 64-bit multiply and shift, no division. */
uint64_t time_counts_to_ns(uint32_t counts)
{
	/* 1e9 / 1193182 = 838.0953... ns per count, as 838.0953 * 2^12. */
	return ((uint64_t)counts * 3432838u) >> 12;
}

uint64_t time_now_ns(void)
{
	uint64_t now = timebase.tick_ns +
		       time_counts_to_ns(arch_timer_counts_since_tick());

	if (now < timebase.last_read)
		now = timebase.last_read;
	timebase.last_read = now;
	return now;
}
