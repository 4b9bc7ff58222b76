/*
 * bench-peer: the other side of the partition-switch measurement.  It
 * spins on the counter and reports its window switches; bench/run.py pairs
 * each of its resumptions with the bench partition's last instruction.
 * At each of its window starts it also sends bench a message on "pn-out",
 * whose notification bench takes at its own next window start.
 */
#include "libpart.h"
#include "../bench/gap.h"

/* Each switch is printed at once, at the start of the window it opens
 * (long before the window's end, whose last read is what counts), so the
 * readings keep coming for as long as the bench partition runs. */
int main(void)
{
	int port = bh_port_open("pn-out", BH_PORT_QUEUING);
	struct gap g;

	for (;;)
		if (bench_collect_gaps(&g, 1, 50000, ~0ull)) {
			bh_queuing_send(port, "note", 4);   /* full is fine */
			bh_printf("BENCHGAP peer %llu %llu\n", (unsigned long long)g.before,
				  (unsigned long long)g.after);
		}
	return 0;
}
