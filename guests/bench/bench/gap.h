/*
 * The gap probe shared by the benchmark partitions: spin reading the
 * time-stamp counter; under QEMU -icount shift=0 it counts instructions, so
 * a jump between two reads is exactly what ran in between (an interrupt,
 * or other partitions' windows).
 */
#ifndef BENCH_GAP_H
#define BENCH_GAP_H

#include <stdint.h>

static inline uint64_t bench_rdtsc(void)
{
	uint64_t v;

	__asm__ volatile("rdtsc" : "=A"(v));
	return v;
}

/* One recorded gap: the last read before it and the first after it. */
struct gap {
	uint64_t before, after;
};

/*
 * Spin until n gaps longer than min_gap instructions have been seen, or
 * until `until` on the counter; returns the number recorded.
 */
static inline unsigned bench_collect_gaps(struct gap *g, unsigned n,
					  uint64_t min_gap, uint64_t until)
{
	uint64_t prev = bench_rdtsc(), now;
	unsigned k = 0;

	while (k < n) {
		now = bench_rdtsc();
		if (now - prev > min_gap) {
			g[k].before = prev;
			g[k].after = now;
			k++;
		}
		if (now >= until)
			break;
		prev = now;
	}
	return k;
}

#endif
