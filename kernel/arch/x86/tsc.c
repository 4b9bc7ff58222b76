/*
 * The time-stamp counter is the time base (core/time.c): it counts at a
 * constant rate whatever the interrupts do, and rdtsc is cheap.  Its rate
 * is measured once at boot against the 8254, whose input clock is exact
 * by definition (1.193182 MHz), with interrupts off.
 */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/pc.h"
#include "arch/timer.h"
#include "core/time.h"      /* time_divisor_for_hz: the validator's too */

#define CAL_COUNTS 11932u         /* ~10 ms of the 8254 per round */
#define CAL_ROUNDS 3

uint64_t arch_cycles(void)
{
	return rdtsc();
}

/* Spin until the counter changes: just after one of its edges. */
static uint32_t next_edge(uint32_t prev)
{
	uint32_t cur;

	while ((cur = pit_read_counter()) == prev)
		;
	return cur;
}

/*
 * Cycles per 2^16 counts, from one edge of the counter to another at
 * least CAL_COUNTS later (mode 2, divisor 65536: a rise is a wrap).  Both
 * ends are taken just after an edge, so the error is one loop turn at
 * each end, not the 838 ns of a count.
 */
static uint64_t measure(void)
{
	uint32_t prev = next_edge(pit_read_counter()), cur, counts = 0;
	uint64_t t0 = rdtsc(), t1;

	for (;;) {
		cur = next_edge(prev);
		t1 = rdtsc();
		counts += cur < prev ? prev - cur : prev + 0x10000 - cur;
		prev = cur;
		if (counts >= CAL_COUNTS)
			break;
	}
	return ((t1 - t0) << 16) / counts;
}

/* The smallest of a few rounds: a delay (an SMI, an emulator's thread
 * descheduled) can only make a round longer. */
uint64_t tsc_calibrate(void)
{
	uint64_t best = ~0ull, q;
	unsigned i;

	pit_periodic(0);                 /* 0 counts as 65536 */
	for (i = 0; i < CAL_ROUNDS; i++) {
		q = measure();
		if (q < best)
			best = q;
	}
	return (best * BH_TIMER_INPUT_HZ + 0x8000) >> 16;
}

static int wants(const char *want, const char *name)
{
	const char *a = want, *b = name;

	if (!want)
		return 0;
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * The time base and the event timer: the TSC measured against the 8254,
 * then the local APIC's timer, one-shot, if the CPU has one and the
 * command line did not ask otherwise; else the 8254 one-shot; or, on
 * request, the old periodic 8254 tick (for comparison).
 */
uint64_t tsc_hz;

int arch_timer_init(struct timer_setup *t)
{
	t->cycles_hz = tsc_hz = tsc_calibrate();
	t->period_counts = 0;
	t->oneshot = 1;
	if (wants(t->want, "periodic")) {
		t->period_counts = time_divisor_for_hz(t->hz);
		pit_periodic(t->period_counts);
		t->oneshot = 0;
		t->name = "8254 PIT, periodic";
		t->timer_hz = BH_TIMER_INPUT_HZ;
		return 0;
	}
	if (!wants(t->want, "pit") && lapic_present()) {
		t->timer_hz = lapic_timer_setup(t->cycles_hz);
		if (t->timer_hz) {
			arch_irq_mask(0);        /* the 8254 runs on, unheard */
			t->name = "local APIC, one-shot";
			return 0;
		}
	}
	t->name = "8254 PIT, one-shot";
	t->timer_hz = BH_TIMER_INPUT_HZ;
	pit_oneshot_arm(1000000);
	return 0;
}
