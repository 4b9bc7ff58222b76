/* Time base (portable: the counters are read through arch hooks). */
#include "core/time.h"
#include "core/arch.h"

struct timebase timebase;

void time_init(uint32_t period_counts)
{
	uint64_t ns = (uint64_t)period_counts * 1000000000ull, q28;

	timebase.ticks = 0;
	timebase.tick_ns = 0;
	timebase.frac = 0;
	timebase.last_read = 0;
	timebase.period_counts = period_counts;
	timebase.period_ns = (uint32_t)(ns / BH_TIMER_INPUT_HZ);
	timebase.period_rem = (uint32_t)(ns % BH_TIMER_INPUT_HZ);
	timebase.cyc_per_count_q16 = arch_cycles_per_count_q16(period_counts);
	timebase.cyc_per_period = (timebase.cyc_per_count_q16 * period_counts) >> 16;
	/* The tick's fast path works in 32 bits: the counts-to-cycles factor
	 * must fit, and two periods. */
	if (timebase.cyc_per_count_q16 >> 32 || timebase.cyc_per_period >> 30)
		timebase.cyc_per_period = 0;
	/* ns per counter cycle, as a 4.28 fraction (1e9 / HZ ns per count
	 * over cyc_per_count_q16 / 2^16 cycles per count); a counter slower
	 * than 62.5 MHz does not fit, and time_now_ns reads the timer. */
	q28 = timebase.cyc_per_period ? (((1000000000ull << 28) / BH_TIMER_INPUT_HZ) << 16) /
					timebase.cyc_per_count_q16 : 0;
	timebase.ns_per_cyc_q28 = q28 >> 32 ? 0 : (uint32_t)q28;
	timebase.fast_lo = (uint32_t)(timebase.cyc_per_period - timebase.cyc_per_period / 2);
	timebase.fast_span = (uint32_t)timebase.cyc_per_period;
	timebase.last_boundary = 0;
	timebase.now_limit = 0;
	timebase.anchor_left = 0;
	timebase.last_n = 0;
	timebase.recovered = 0;
	timebase.recovery_off = 0;
}

uint64_t time_periods_between(uint64_t last_boundary, uint64_t boundary,
			      uint64_t cyc_per_period)
{
	uint64_t n;

	if (boundary <= last_boundary)
		return 0;          /* a tick still pending was accounted already */
	n = (boundary - last_boundary + cyc_per_period / 2) / cyc_per_period;
	return n > TIME_MAX_CATCH_UP ? TIME_MAX_CATCH_UP : n;
}

/*
 * The periods this tick stands for, normally 1.  The boundary it marks is
 * found from the free-running counter minus the counts the timer has run
 * since it, so interrupt latency does not matter, only the boundaries.
 * 0 is right once after a tick that found 2 or more: that one already saw
 * the boundary of the tick pending behind it.  Any other 0 means the
 * counter's rate is wrong (the clock would stop): recovery is turned off
 * and ticks are counted, one period each, as without a counter.
 */
static uint64_t periods_at(struct timebase *t, uint64_t boundary)
{
	uint64_t n;

	if (!t->last_boundary) {
		t->last_boundary = boundary;
		t->now_limit = t->ns_per_cyc_q28 ? t->fast_lo + t->fast_span : 0;
		t->last_n = 1;
		return 1;
	}
	n = time_periods_between(t->last_boundary, boundary, t->cyc_per_period);
	if (n == 0 && t->last_n < 2) {
		t->cyc_per_period = 0;
		t->fast_span = 0;
		t->ns_per_cyc_q28 = 0;
		t->now_limit = 0;
		t->anchor_left = 0;
		t->recovery_off = 1;
		return 1;
	}
	if (boundary > t->last_boundary)
		t->last_boundary = boundary;
	t->last_n = n;
	if (n > 1)
		t->recovered += n - 1;
	return n;
}

/* Out of line, or the compiler folds the fast path below into it. */
static __attribute__((noinline)) void advance(struct timebase *t, uint64_t n)
{
	uint64_t frac;

	t->ticks += n;
	t->tick_ns += n * t->period_ns;
	frac = t->frac + n * t->period_rem;
	t->tick_ns += frac / BH_TIMER_INPUT_HZ;
	t->frac = (uint32_t)(frac % BH_TIMER_INPUT_HZ);
}

/* One period accounted, its boundary at counter value boundary. */
static inline void one_period(struct timebase *t, uint64_t boundary)
{
	uint32_t f = t->frac + t->period_rem;

	t->last_boundary = boundary;
	t->last_n = 1;
	t->ticks++;
	t->tick_ns += t->period_ns;
	if (f >= BH_TIMER_INPUT_HZ) {
		f -= BH_TIMER_INPUT_HZ;
		t->tick_ns++;
	}
	t->frac = f;
}

/*
 * Every tick, so its common case — one period since the last boundary —
 * takes no division and no 64-bit multiply, and most ticks no port read:
 *
 * - Counter alone (up to TIME_ANCHOR_TICKS in a row): the next boundary
 *   is expected one period (P cycles) after the last; if the counter is
 *   now within the period that follows it, that boundary is this tick's.
 *   Its error is P's rounding (under a cycle) per tick, which the next
 *   anchored tick removes.
 * - Anchored: the boundary is the counter minus the timer's counts since
 *   it; its distance from the last one, if under 2^32 cycles, is one
 *   period when it lies in [P - P/2, 2P - P/2) (time_periods_between's
 *   rounding); everything else takes the general path above.
 */
void time_tick(void)
{
	struct timebase *t = &timebase;
	uint64_t boundary, d;
	uint32_t since;

	if (!t->cyc_per_period) {
		advance(t, 1);
		return;
	}
	if (t->anchor_left) {
		boundary = t->last_boundary + t->fast_span;
		d = arch_cycles() - boundary;
		if (!(d >> 32) && (uint32_t)d < t->fast_span) {
			t->anchor_left--;
			one_period(t, boundary);
			return;
		}
	}
	since = (uint32_t)(((uint64_t)arch_timer_counts_since_boundary() *
			    (uint32_t)t->cyc_per_count_q16) >> 16);   /* fits: time_init */
	boundary = arch_cycles() - since;
	d = boundary - t->last_boundary;
	if (!(d >> 32) && (uint32_t)d - t->fast_lo < t->fast_span && t->last_boundary) {
		t->anchor_left = TIME_ANCHOR_TICKS;
		one_period(t, boundary);
		return;
	}
	t->anchor_left = 0;
	advance(t, periods_at(t, boundary));
}

/*
 * 1e9 / 1193182 = 838.09511... ns per count, scaled by 2^32 (a constant
 * the compiler folds).  The scale is what makes the result exact: the
 * scaled rate is short of the true one by less than 1/2^32 ns a count,
 * so for counts < 2^17 (which also keeps the product below 2^64) the
 * result is floor(counts * 1e9 / 1193182) — never ahead of the true time.
 * (With a 2^12 scale, 3432838 rounded up and ran up to 7 ns ahead.)
 */
#define NS_PER_COUNT_Q32 ((1000000000ull << 32) / BH_TIMER_INPUT_HZ)

/* counts < 2^17 here: a 64-bit multiply and shift, no division. */
uint64_t time_counts_to_ns(uint32_t counts)
{
	return ((uint64_t)counts * NS_PER_COUNT_Q32) >> 32;
}

/*
 * Time since the last accounted boundary from the free-running counter (no
 * timer port reads: BH_HC_TIME is a hot path) — one check against
 * now_limit, a 32x32 multiply and a shift — up to one and a half periods:
 * beyond that the tick is late or the counter does not keep pace with the
 * timer (Bochs's TSC across a hlt), and the timer's own counter decides,
 * as it does before the first boundary and without a usable counter.
 */
uint64_t time_now_ns(void)
{
	struct timebase *t = &timebase;
	uint64_t d = arch_cycles() - t->last_boundary, now = t->tick_ns;

	if (!(d >> 32) && (uint32_t)d < t->now_limit)
		now += ((uint64_t)(uint32_t)d * t->ns_per_cyc_q28) >> 28;
	else
		now += time_counts_to_ns(arch_timer_counts_since_tick());
	if (now < t->last_read)
		now = t->last_read;
	t->last_read = now;
	return now;
}

/*
 * Timer ticks counted over one second of an independent clock (the RTC),
 * from one seconds edge to the next: a check of the tick rate.  Waits up
 * to two seconds.
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
