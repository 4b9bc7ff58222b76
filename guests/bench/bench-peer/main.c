/*
 * bench-peer: the other side of the partition-switch measurement.  It
 * spins on the counter and reports its window switches; bench/run.py pairs
 * each of its resumptions with the bench partition's last instruction.
 */
#include "libpart.h"
#include "../bench/gap.h"

#define N_SWITCHES 128

int main(void)
{
	static struct gap g[N_SWITCHES];
	unsigned n = bench_collect_gaps(g, N_SWITCHES, 50000, ~0ull), i;

	for (i = 0; i < n; i++)
		bh_printf("BENCHGAP peer %llu %llu\n", (unsigned long long)g[i].before,
			  (unsigned long long)g[i].after);
	return 0;
}
