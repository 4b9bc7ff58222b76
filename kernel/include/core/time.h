/*
 * The kernel time base: nanoseconds since boot, advanced exactly by each
 * timer tick (the tick period is kept as a fraction, so no drift), with
 * sub-tick resolution from the timer's counter.
 */
#ifndef CORE_TIME_H
#define CORE_TIME_H

#include <stdint.h>

#define TIMER_INPUT_HZ 1193182u     /* the 8254's input clock */

struct timebase {
	uint64_t ticks;
	uint64_t tick_ns;          /* ns at the last tick */
	uint32_t period_counts;    /* timer counts per tick */
	uint32_t period_ns;        /* whole ns per tick ... */
	uint32_t period_rem;       /* ... plus period_rem / TIMER_INPUT_HZ */
	uint32_t frac;             /* accumulated remainder */
	uint64_t last_read;        /* time_now_ns never goes backwards */
};

extern struct timebase timebase;

void time_init(uint32_t period_counts);
void time_tick(void);
uint64_t time_now_ns(void);
uint64_t time_counts_to_ns(uint32_t counts);

/* The timer divisor for a tick rate: the period is divisor / TIMER_INPUT_HZ
 * seconds exactly.  Inline so that the configuration validator, on the
 * host too, reckons with the very period the kernel programs. */
static inline uint32_t time_divisor_for_hz(uint32_t hz)
{
	uint32_t d = (TIMER_INPUT_HZ + hz / 2) / hz;

	return d < 1 ? 1 : d > 65535 ? 65535 : d;
}

#endif
