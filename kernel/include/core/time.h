/*
 * The kernel time base: nanoseconds since boot, advanced by whole timer
 * periods (the period is kept as a fraction, so no drift), with sub-tick
 * resolution from the timer's counter.  How many periods a tick stands for
 * comes from a free-running counter (the TSC on x86), not from counting
 * tick interrupts: a tick held off for several periods by interrupts being
 * off still advances the clock by all of them, so the clock never loses
 * time.
 */
#ifndef CORE_TIME_H
#define CORE_TIME_H

#include <stdint.h>
#include <bulkhead/config.h>     /* BH_TIMER_INPUT_HZ */

/* More periods than this in one tick is taken for a broken counter. */
#define TIME_MAX_CATCH_UP (1u << 24)
/* Ticks accounted from the free-running counter alone between two reads
 * of the timer's own counter, which re-anchor the boundary (time_tick). */
#define TIME_ANCHOR_TICKS 16u

struct timebase {
	uint64_t ticks;            /* timer periods accounted (not interrupts) */
	uint64_t tick_ns;          /* ns at the last period boundary accounted */
	uint32_t period_counts;    /* timer counts per tick */
	uint32_t period_ns;        /* whole ns per tick ... */
	uint32_t period_rem;       /* ... plus period_rem / BH_TIMER_INPUT_HZ */
	uint32_t frac;             /* accumulated remainder */
	uint64_t last_read;        /* time_now_ns never goes backwards */
	uint64_t cyc_per_count_q16; /* free-running counter rate, 0 = none */
	uint64_t cyc_per_period;   /* 0: no usable counter, ticks counted */
	uint32_t ns_per_cyc_q28;   /* counter cycles to ns (time_now_ns), 0 = unused */
	uint32_t fast_lo, fast_span; /* one period: d - fast_lo < fast_span */
	uint64_t last_boundary;    /* counter value at the last period boundary seen */
	uint32_t anchor_left;      /* ticks the counter alone may still account */
	uint32_t now_limit;        /* time_now_ns's counter span: fast_lo + fast_span,
				    * 0 until a boundary is seen or without a counter */
	uint32_t last_n;           /* periods the previous tick stood for */
	uint64_t recovered;        /* periods whose tick was lost, recovered */
	uint32_t recovery_off;     /* the counter proved unusable: ticks counted */
};

extern struct timebase timebase;

void time_init(uint32_t period_counts);
void time_tick(void);
uint64_t time_now_ns(void);
uint64_t time_counts_to_ns(uint32_t counts);
uint64_t time_ticks_per_rtc_second(void);

/* The timer divisor for a tick rate: the period is divisor / BH_TIMER_INPUT_HZ
 * seconds exactly.  Inline so that the configuration validator, on the
 * host too, reckons with the very period the kernel programs. */
static inline uint32_t time_divisor_for_hz(uint32_t hz)
{
	uint32_t d = (BH_TIMER_INPUT_HZ + hz / 2) / hz;

	return d < 1 ? 1 : d > 65535 ? 65535 : d;
}

/* Periods a tick stands for: the boundary it was raised at (now minus
 * counts since it, in cycles) against the last one, rounded. */
uint64_t time_periods_between(uint64_t last_boundary, uint64_t boundary,
			      uint64_t cyc_per_period);

#endif
