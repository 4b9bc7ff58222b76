/*
 * Fuzz the kernel's pure arithmetic, each against a property computed here
 * independently in wider (128-bit) arithmetic:
 *   - the time base (kernel/core/time.c): the tick divisor, tick-exact
 *     nanoseconds without drift whatever the cycle counter says, periods
 *     between counter boundaries, counts-to-ns, a clock that never goes back;
 *   - the timer advance (vtimer_advance in kernel/include/core/vlines.h):
 *     the next deadline is the first grid point after now, nothing wraps;
 *   - the guest range check (kernel/include/core/uaccess.h): a range is
 *     accepted iff it lies wholly inside one region, with no wrap-around.
 * The first byte chooses the subject; the rest are its operands.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "core/time.h"
#include "core/uaccess.h"
#include "core/vlines.h"

/* The 8254's input clock, stated here independently of the kernel. */
#define PIT_HZ 1193182u

typedef unsigned __int128 u128;

/* ------------------------------------------------------------ time base */

static uint32_t counts_since_tick;     /* what the fake timer counter reads */

uint32_t arch_timer_counts_since_tick(void);
uint32_t arch_timer_counts_since_tick(void)
{
	return counts_since_tick;
}

/* The tick's reading (no pending-tick adjustment): the same fake counter. */
uint32_t arch_timer_counts_since_boundary(void);
uint32_t arch_timer_counts_since_boundary(void)
{
	return counts_since_tick;
}

/*
 * The free-running cycle counter (the TSC on x86) from which the time base
 * counts the periods a tick stands for.  Rate 0 means "none": ticks are
 * counted.  Weak: harmless if a time base does without them.
 */
static uint64_t cycles, cycle_rate_q16;

__attribute__((weak)) uint64_t arch_cycles(void)
{
	return cycles;
}

__attribute__((weak)) uint64_t arch_cycles_per_count_q16(uint32_t divisor)
{
	return cycle_rate_q16;
}

/* What else time.c calls (the tick-rate check against the RTC), unused
 * here: weak, for the same reason. */
__attribute__((weak)) unsigned arch_rtc_seconds(void)
{
	return 0;
}

__attribute__((weak)) void arch_idle(void)
{
}

static void fuzz_divisor(struct reader *r)
{
	uint32_t hz = rd32(r);
	uint32_t d;

	if (!hz)
		return;                /* callers never ask for 0 Hz */
	d = time_divisor_for_hz(hz);
	check(d >= 1 && d <= 65535, "divisor %u for %u Hz", d, hz);
	/* Inside the range the PIT can do, the nearest divisor. */
	if (hz >= 19 && hz <= PIT_HZ) {
		u128 err = (u128)d * hz > PIT_HZ ? (u128)d * hz - PIT_HZ
							: PIT_HZ - (u128)d * hz;

		check(2 * err <= hz, "divisor %u for %u Hz is not the nearest", d, hz);
	}
}

static void fuzz_timebase(struct reader *r)
{
	uint32_t period = 1 + rd16(r);          /* a PIT divisor: 1..65536 */
	uint64_t last = 0;
	unsigned steps = rd8(r) % 32;

	/* 0, or 1/65536 .. 2^12 cycles per count (4.9 GHz at most). */
	cycles = rd32(r);
	cycle_rate_q16 = rd8(r) & 1 ? rd32(r) % (1u << 28) : 0;
	time_init(period);
	for (unsigned i = 0; i < steps; i++) {
		uint8_t op = rd8(r);
		uint64_t now, exact, before = timebase.ticks;

		if (op & 1) {
			/* Many ticks at once: a long run, cheaply.  The counter
			 * moves on by about a period each, or by any amount. */
			unsigned n = op & 0x80 ? rd16(r) : 1;
			uint64_t step = op & 2 ? rd32(r) : (cycle_rate_q16 * period) >> 16;

			while (n--) {
				cycles += step;
				time_tick();
			}
		}
		/* Within a tick the counter reads 0 .. period - 1. */
		counts_since_tick = rd32(r) % period;
		now = time_now_ns();
		exact = (uint64_t)((u128)timebase.ticks * period * 1000000000u / PIT_HZ);
		check(timebase.tick_ns == exact, "after %llu ticks of %u counts: tick_ns %llu,"
		      " exact %llu", (unsigned long long)timebase.ticks, period,
		      (unsigned long long)timebase.tick_ns, (unsigned long long)exact);
		check(timebase.frac < PIT_HZ, "fraction %u", timebase.frac);
		check(timebase.ticks >= before, "periods went back");
		check(now >= last, "clock went back from %llu to %llu",
		      (unsigned long long)last, (unsigned long long)now);
		last = now;
	}
}

/* Periods between two counter boundaries: rounded, capped, never negative. */
static void fuzz_periods(struct reader *r)
{
	uint64_t last = rd64(r), per = rd32(r), boundary, n;
	u128 want;

	if (!per)
		return;                /* the caller counts ticks without a rate */
	boundary = rd8(r) & 1 ? rd64(r) : last + per * rd16(r) + rd16(r) % per;
	/* Boundaries 2^63 cycles apart (a century at 3 GHz) are beyond any
	 * counter: there the rounding addition could wrap. */
	if (boundary > last && (boundary - last) >> 63)
		return;
	n = time_periods_between(last, boundary, per);
	want = boundary <= last ? 0 : ((u128)boundary - last + per / 2) / per;
	if (want > TIME_MAX_CATCH_UP)
		want = TIME_MAX_CATCH_UP;
	check(n == (uint64_t)want, "last %llu, boundary %llu, %llu per period: %llu "
	      "periods, expected %llu", (unsigned long long)last,
	      (unsigned long long)boundary, (unsigned long long)per,
	      (unsigned long long)n, (unsigned long long)want);
}

static void fuzz_counts(struct reader *r)
{
	uint32_t counts = rd32(r) % (1u << 17);   /* the documented domain */
	uint64_t ns = time_counts_to_ns(counts);
	u128 exact = (u128)counts * 1000000000u / PIT_HZ;

	/* Exact (floor): a reading late in a tick never passes the time the
	 * next tick stands for. */
	check(ns == exact,
	      "%u counts: %llu ns, exact %llu",
	      counts, (unsigned long long)ns, (unsigned long long)exact);
}

/* ---------------------------------------------------------- timer advance */

/*
 * vtimer_advance is called when a timer is due (deadline <= now, deadline
 * != 0).  Properties: a one-shot disarms; a periodic timer is no longer due
 * at now (or is disarmed, if its next expiry is beyond 2^64 ns); if armed,
 * its deadline is the first point of the grid old + k * period after now,
 * and the expiries it passed over are counted (saturating at 2^32 - 1).
 */
static void fuzz_vtimer(struct reader *r)
{
	static const uint64_t periods[] = {
		0, 50000, 1000000, 999999937, 1ull << 63, UINT64_MAX, UINT64_MAX - 49999,
	};
	uint8_t how = rd8(r);
	uint64_t period = (how & 1) ? rd64(r) : pick(r, periods);
	uint64_t old = (how & 2) ? rd64(r) : rd32(r);
	uint64_t now = (how & 4) ? rd64(r) : old + rd32(r);
	uint64_t deadline = old;
	uint32_t missed;
	u128 next, passed;

	/* Not due, a period vtimer_set refuses, or a clock past 2^63 ns (292
	 * years of uptime): outside what the kernel can meet. */
	if (!old || now < old || (period && period < 50000) || now >> 63)
		return;
	missed = vtimer_advance(&deadline, period, now);
	if (!period) {
		check(deadline == 0 && missed == 0, "one-shot: deadline %llu, missed %u",
		      (unsigned long long)deadline, missed);
		return;
	}
	passed = ((u128)now - old) / period;     /* grid points in (old, now] */
	next = (u128)old + (passed + 1) * period;
	check(deadline == 0 || deadline > now, "period %llu, deadline %llu -> %llu: "
	      "still due at now %llu (it would fire on every tick)",
	      (unsigned long long)period, (unsigned long long)old,
	      (unsigned long long)deadline, (unsigned long long)now);
	if (next > UINT64_MAX)
		return;                /* no expiry left in the 64-bit clock */
	check(deadline == (uint64_t)next, "period %llu, deadline %llu, now %llu: next "
	      "%llu, expected %llu", (unsigned long long)period,
	      (unsigned long long)old, (unsigned long long)now,
	      (unsigned long long)deadline, (unsigned long long)next);
	check(missed == (passed > UINT32_MAX ? UINT32_MAX : (uint32_t)passed),
	      "period %llu, deadline %llu, now %llu: %u missed, expected %llu",
	      (unsigned long long)period, (unsigned long long)old,
	      (unsigned long long)now, missed, (unsigned long long)passed);
}

/* ------------------------------------------------------------ user ranges */

static bool inside_one(uint32_t addr, uint32_t len, const struct uregion *rg, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t end = (uint64_t)addr + len;

		if (rg[i].start < rg[i].end && addr >= rg[i].start && addr < rg[i].end &&
		    end <= rg[i].end)
			return true;
	}
	return false;
}

static void fuzz_uaccess(struct reader *r)
{
	struct uregion rg[4];
	unsigned n = 1 + rd8(r) % 4;
	uint32_t addr, len;
	bool ok;

	for (unsigned i = 0; i < n; i++) {
		rg[i].start = rd32(r);
		rg[i].end = rd8(r) & 1 ? rd32(r) : rg[i].start + rd16(r);
	}
	addr = rd8(r) & 1 ? rd32(r) : rg[0].start + rd16(r);
	len = rd8(r) & 1 ? rd32(r) : rd16(r);
	ok = uaccess_range_ok(addr, len, rg, n);
	check(ok == inside_one(addr, len, rg, n), "0x%08x + 0x%x: %s by the kernel",
	      addr, len, ok ? "accepted" : "refused");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size };

	switch (rd8(&r) % 6) {
	case 5: fuzz_periods(&r); break;
	case 0: fuzz_divisor(&r); break;
	case 1: fuzz_timebase(&r); break;
	case 2: fuzz_counts(&r); break;
	case 3: fuzz_vtimer(&r); break;
	default: fuzz_uaccess(&r); break;
	}
	return 0;
}
