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
 * nothing else interrupts the CPU.  Its state is a struct per CPU (one
 * today), so that each CPU of issue 14 gets its own.
 */
#ifndef CORE_TIME_H
#define CORE_TIME_H

#include <stdint.h>
#include <bulkhead/config.h>     /* BH_TIMER_INPUT_HZ */

/* core/arch.h's counter, declared here too: the host validator includes
 * this header without any arch. */
uint64_t arch_cycles(void);

/* The longest single programming of the timer; a later event is reached
 * by arming again when it fires (the timer's own reach may be shorter). */
#define TIME_MAX_ARM_NS 1000000000u

struct timebase {
	uint64_t cyc0;             /* counter at time 0 */
	uint32_t ns_per_cyc_q28;   /* ns per counter cycle, 4.28 */
	uint64_t cyc_hz;           /* the counter's rate, measured at boot */
	uint64_t ticks;            /* timer interrupts taken at or after their instant */
};

/* One CPU's event timer: what core asked of it. */
struct cpu_timer {
	const char *name;          /* the arch's timer, for the boot report */
	int oneshot;               /* 0: the periodic tick, arming is a no-op */
	uint64_t timer_hz;
	uint64_t next;             /* the instant armed for, ns (one-shot) */
	uint64_t period_ns;        /* the boot tick, until the schedule runs */
	uint64_t early;            /* interrupts that found nothing due */
};

extern struct timebase timebase;
extern struct cpu_timer cpu_timer;

/* Boot: measure the counter, choose and start the timer (timer= on the
 * command line: want), a tick of hz until the schedule takes over. */
void time_init(const char *want, uint32_t hz);
uint64_t time_ticks_per_rtc_second(void);
/* Arm this CPU's timer for the instant at (ns); before the schedule
 * runs, at is the next boot tick.  A no-op in periodic mode. */
void time_arm(uint64_t at);
/* The boot tick's next instant after now (the ktest image lives on it). */
uint64_t time_boot_next(uint64_t now);

/* Cycles to ns: d * q28 >> 28, as two 32x32 multiplies (exact: the high
 * word's part has no fraction). */
static inline uint64_t time_cycles_to_ns(uint64_t d, uint32_t q28)
{
	return (((uint64_t)(uint32_t)d * q28) >> 28) +
	       (((uint64_t)(uint32_t)(d >> 32) * q28) << 4);
}

static inline uint64_t time_now_ns(void)
{
	return time_cycles_to_ns(arch_cycles() - timebase.cyc0, timebase.ns_per_cyc_q28);
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
