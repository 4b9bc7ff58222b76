/*
 * xpeer (configs/bench/bench-smp.c, plan 0 on cpu 1, after xrecv): spins
 * on the counter and prints each window switch it sees, like bench-peer;
 * bench/run.py pairs its resumptions with xrecv's last read before them
 * (the per-CPU switch at 2 ms, taken while cpu 0 idles).
 */
#include "libpart.h"
#include "../bench/gap.h"

int main(void)
{
	struct gap g;

	for (;;)
		if (bench_collect_gaps(&g, 1, 50000, ~0ull))
			bh_printf("BENCHGAP xpeer %llu %llu\n", (unsigned long long)g.before,
				  (unsigned long long)g.after);
	return 0;
}
