/*
 * The time stamp counter as the time base's free-running counter: it keeps
 * counting while interrupts are off, so the kernel can tell how many timer
 * periods passed between two ticks it handled (core/time.c).  Its rate is
 * measured against the 8254 once at boot, with interrupts off.
 */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "core/arch.h"

#define CAL_COUNTS 1000u          /* ~0.84 ms of the 8254's counts per round */
#define CAL_ROUNDS 8

uint64_t arch_cycles(void)
{
	return rdtsc();
}

/*
 * One measurement: cycles per count over at least CAL_COUNTS counts of
 * channel 0, running (mode 2) with the given divisor.  The cycles are
 * read before the first latch and after the last, so a delay anywhere
 * (an emulator's thread losing the host CPU) can only make the result
 * too large, never too small.
 */
static uint64_t measure(uint32_t divisor)
{
	uint64_t t0 = rdtsc();
	uint32_t prev = pit_read_counter(), cur, counts = 0;

	while (counts < CAL_COUNTS) {
		cur = pit_read_counter();
		/* Mode 2 counts divisor..1 and reloads: a rise is a wrap. */
		counts += cur <= prev ? prev - cur : prev + divisor - cur;
		prev = cur;
	}
	return ((rdtsc() - t0) << 16) / counts;
}

/*
 * The smallest of a few rounds: a round can only come out too large (see
 * above; and a wrap missed between two reads counts fewer counts than
 * passed), and a too-large rate makes the kernel count fewer lost periods,
 * never more (time.c also notices a rate so wrong that it would stop the
 * clock, and then counts ticks instead).
 */
uint64_t arch_cycles_per_count_q16(uint32_t divisor)
{
	uint64_t best = ~0ull, q;
	unsigned i;

	for (i = 0; i < CAL_ROUNDS; i++) {
		q = measure(divisor);
		if (q < best)
			best = q;
	}
	return best;
}
