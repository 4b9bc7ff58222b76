/*
 * Fuzz the kernel's pure arithmetic, each against a property computed here
 * independently in wider (128-bit) arithmetic:
 *   - the time base (kernel/include/core/time.h): the tick divisor, the
 *     cycles-to-ns conversion (exact, never ahead), a clock that never
 *     goes back;
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

/* time.h's inline time_now_ns names the counter; nothing here calls it. */
uint64_t arch_cycles(void);
uint64_t arch_cycles(void)
{
	return 0;
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

/* A counter rate the kernel accepts: 62.5 MHz (exclusive) .. ~8 GHz. */
static uint64_t rd_rate(struct reader *r)
{
	return 62500001u + rd32(r) * 2ull;
}

/*
 * Cycles to ns (issue 13's time base): exactly floor(d * scale / 2^28)
 * for any count below 2^62, and the scale for a rate is never above the
 * true ns per cycle, so the clock never runs ahead of the counter.
 */
static void fuzz_timebase(struct reader *r)
{
	uint64_t hz = rd_rate(r), d = rd64(r) >> 2;
	uint32_t q = time_scale_q28(hz);
	uint64_t ns = time_cycles_to_ns(d, q);
	u128 exact = ((u128)d * q) >> 28;

	check(q != 0, "no scale for %llu Hz", (unsigned long long)hz);
	check(ns == (uint64_t)exact, "%llu cycles at scale %u: %llu ns, exact %llu",
	      (unsigned long long)d, q, (unsigned long long)ns, (unsigned long long)exact);
	check((u128)q * hz <= (u128)1000000000u << 28, "scale %u for %llu Hz runs ahead",
	      q, (unsigned long long)hz);
	check(((u128)q + 1) * hz > (u128)1000000000u << 28, "scale %u for %llu Hz not the "
	      "largest below the rate", q, (unsigned long long)hz);
}

/* Monotonic: more cycles never read as less time. */
static void fuzz_periods(struct reader *r)
{
	uint32_t q = time_scale_q28(rd_rate(r));
	uint64_t a = rd64(r) >> 2, b = a + rd32(r);

	check(time_cycles_to_ns(a, q) <= time_cycles_to_ns(b, q),
	      "%llu cycles read later than %llu", (unsigned long long)a,
	      (unsigned long long)b);
}

/* The first boot tick and time_arm's reach fit the 32-bit arm. */
static void fuzz_counts(struct reader *r)
{
	uint32_t hz = rd32(r);

	check(TIME_MAX_ARM_NS <= UINT32_MAX, "the longest arm does not fit");
	if (hz)
		check(time_divisor_for_hz(hz) <= 65535, "divisor past the 8254");
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
