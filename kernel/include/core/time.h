/*
 * The kernel's time base and event timer.
 *
 * Time is nanoseconds since boot, read from the free-running cycle counter
 * (the TSC on x86) times a scale fixed at boot: a read is a counter read,
 * two 32x32 multiplies and a shift, with no port access and no state to
 * update, and it cannot lose time while interrupts are off.
 *
 * The event timer is one-shot: it is programmed for the next thing that
 * must happen (a window's end, the running partition's virtual timer) and
 * nothing else interrupts the CPU.  Its state is a struct per CPU
 * (cpu_timer, core/pcpu.h): each CPU arms its own.
 */
#ifndef CORE_TIME_H
#define CORE_TIME_H

#include <stdint.h>
#include <bulkhead/config.h>     /* BH_TIMER_INPUT_HZ */
#include "core/arch.h"      /* arch_cycles_now, inline */
#include "core/pcpu.h"      /* cpu_timer: this CPU's event timer */

/* The longest single programming of the timer; a later event is reached
 * by arming again when it fires (the timer's own reach may be shorter). */
#define TIME_MAX_ARM_NS 500000000u   /* 2^32 cycles of a counter up to 8.5 GHz */

/* A recent counter value and its time: the base reads count from. */
struct time_anchor {
	uint64_t cyc;
	uint64_t ns;
};

struct timebase {
	/* The base is anchor[cur]; a rebase writes the other one, then
	 * switches: a reader on another CPU that took the old one keeps a
	 * consistent pair, which is rewritten only a rebase later (2^31
	 * cycles), long after any read ends (issue 14). */
	struct time_anchor anchor[2];
	uint32_t cur;
	/* &anchor[cur], what readers load: one load, no index (one CPU's
	 * clock reads pay nothing more than main's fixed base). */
	const struct time_anchor *now;
	uint32_t ns_per_cyc_q28;   /* ns per counter cycle, 4.28 */
	uint64_t cyc0;             /* counter at time 0 */
	uint64_t cyc_hz;           /* the counter's rate, measured at boot */
	uint64_t ticks;            /* timer interrupts taken at or after their instant */
	int shared;                /* several CPUs read it: only cpu 0 rebases */
};


extern struct timebase timebase;

/* Boot: measure the counter, choose and start the timer (timer= on the
 * command line: want), a tick of hz until the schedule takes over. */
void time_init(const char *want, uint32_t hz);
uint64_t time_ticks_per_rtc_second(void);
/* Arm this CPU's timer for the instant at (ns); before the schedule
 * runs, at is the next boot tick.  A no-op in periodic mode.  Inline:
 * it is on every window switch. */
static inline void time_arm(uint64_t at);
/* The boot tick's next instant after now (the ktest image lives on it). */
uint64_t time_boot_next(uint64_t now);

/* Cycles to ns: d * q28 >> 28, as two 32x32 multiplies (exact: the high
 * word's part has no fraction). */
static inline uint64_t time_cycles_to_ns(uint64_t d, uint32_t q28)
{
	return (((uint64_t)(uint32_t)d * q28) >> 28) +
	       (((uint64_t)(uint32_t)(d >> 32) * q28) << 4);
}

static inline const struct time_anchor *time_anchor(void)
{
	return __atomic_load_n(&timebase.now, __ATOMIC_ACQUIRE);
}

uint64_t time_now_slow(const struct time_anchor *a, uint64_t d);

uint64_t time_age_slow(uint64_t d);

/* The age in ns of a counter difference d (now less a stamp; 0 if the
 * stamp is later: one from another clock read cannot make a huge age):
 * one 32x32 multiply while it is under 2^32 cycles, the rest out of line
 * so the common case keeps its registers.  The floor of the exact
 * product, as time_cycles_to_ns. */
static inline uint64_t time_age_ns(uint64_t d)
{
	uint32_t lo = (uint32_t)d, hi = (uint32_t)(d >> 32);

	if (__builtin_expect(!hi, 1))
		return ((uint64_t)lo * timebase.ns_per_cyc_q28) >> 28;
	return time_age_slow((int32_t)hi < 0 ? 0 : d);
}

/* The age of a counter stamp, now. */
static inline uint64_t time_stamp_age_ns(const uint64_t *stamp)
{
	return time_age_ns(arch_cycles_since(stamp));
}

/*
 * Now: the time at the base plus the cycles since, which are normally
 * fewer than 2^32 (every timer interrupt moves the base, and one comes at
 * least every TIME_MAX_ARM_NS): one 32x32 multiply.  Interrupts held off
 * for longer take the full product.  The base's time is computed from
 * cyc0 each time, never accumulated, so rebasing adds no drift; and the
 * floor of a sum is at least the sum of the floors, so it never goes back.
 */
static inline uint64_t time_now_ns(void)
{
	const struct time_anchor *a = time_anchor();
	uint64_t d = arch_cycles_since(&a->cyc);
	uint32_t lo = (uint32_t)d, hi = (uint32_t)(d >> 32);

	if (__builtin_expect(!hi, 1))
		return a->ns + (((uint64_t)lo * timebase.ns_per_cyc_q28) >> 28);
	return time_now_slow(a, d);
}

/* The base moves to now, which it returns. */
uint64_t time_rebase(void);
/* Several CPUs read the base from now on: only cpu 0 moves it. */
void time_share(void);

/* At each timer interrupt: now, the base moved once it is 2^31 cycles
 * old (well before the fast path's 2^32; one comes every TIME_MAX_ARM_NS). */
static inline uint64_t time_event_now(void)
{
	const struct time_anchor *a = time_anchor();
	uint64_t d = arch_cycles_now() - a->cyc;

	if (__builtin_expect(d >> 31, 0))
		return time_rebase();
	return a->ns + (((uint64_t)(uint32_t)d * timebase.ns_per_cyc_q28) >> 28);
}

/* time_arm on the running CPU's timer t, known to be one-shot. */
static inline void time_arm_oneshot(struct event_timer *t, uint64_t at)
{
	uint64_t now, d;

	t->next = at;
	/* The usual distance, ahead by less than 2^32 ns, is one word; the
	 * 64-bit comparison only decides the rest: past is now, else as far
	 * as the timer reaches (TIME_MAX_ARM_NS). */
	now = time_now_ns();
	d = at - now;
	if (__builtin_expect(!(uint32_t)(d >> 32), 1))
		arch_timer_arm((uint32_t)d > TIME_MAX_ARM_NS ? TIME_MAX_ARM_NS : (uint32_t)d);
	else
		arch_timer_arm(at <= now ? 0 : TIME_MAX_ARM_NS);
}

/*
 * The same with the distance taken from now, a clock read earlier on the
 * caller's path (sched_window_end's, the interrupt's): the timer comes
 * late by the path's own length since that read, never early, and since
 * at is an instant on the frame's grid the lateness does not accumulate.
 */
static inline void time_arm_oneshot_from(struct event_timer *t, uint64_t at, uint64_t now)
{
	uint64_t d = at - now;

	t->next = at;
	if (__builtin_expect(!(uint32_t)(d >> 32), 1))
		arch_timer_arm((uint32_t)d > TIME_MAX_ARM_NS ? TIME_MAX_ARM_NS : (uint32_t)d);
	else
		arch_timer_arm(at <= now ? 0 : TIME_MAX_ARM_NS);
}

static inline void time_arm(uint64_t at)
{
	struct event_timer *t = &cpu_timer;

	if (t->oneshot)
		time_arm_oneshot(t, at);
}

/* The 4.28 scale for a counter of hz (at least 62.5 MHz; 0 if slower). */
static inline uint32_t time_scale_q28(uint64_t hz)
{
	uint64_t q = hz ? (1000000000ull << 28) / hz : 0;

	return q >> 32 ? 0 : (uint32_t)q;
}

/* The timer divisor for a tick rate: the period is divisor / BH_TIMER_INPUT_HZ
 * seconds exactly.  Inline so that the configuration validator, on the
 * host too, reckons with the very period the kernel programs. */
static inline uint32_t time_divisor_for_hz(uint32_t hz)
{
	uint32_t d = (BH_TIMER_INPUT_HZ + hz / 2) / hz;

	return d < 1 ? 1 : d > 65535 ? 65535 : d;
}

#endif
