/*
 * xsend (configs/bench/bench-smp.c, plan 0 on cpu 0).  What each row
 * covers is in docs/benchmarks.md.  At each of its window starts, inside
 * xrecv's window on cpu 1, it reads the counter (t0), sends xrecv a
 * message holding t0 (the notification raises xrecv's line on cpu 1: a
 * T_IPI), reads the counter again (t1) and gives up its window at once,
 * so that cpu 0 halts and QEMU's round-robin runs cpu 1 next, which takes
 * the IPI.  Then it prints t0 and t1 (BENCHXSEND; xrecv prints t0 and its
 * upcall entry's first reading, t2, and bench/run.py pairs them) and
 * sends 0: xrecv's cue that the printing is done.
 */
#include "libpart.h"
#include "../bench/gap.h"

#define N_SENDS 16

int main(void)
{
	static uint64_t t0[N_SENDS], t1[N_SENDS];
	int port = bh_port_open("xs-out", BH_PORT_QUEUING);
	uint64_t done = 0;
	unsigned i;

	bh_yield();                         /* start at a window's start */
	for (i = 0; i < N_SENDS; i++) {
		uint64_t a = bench_rdtsc();

		bh_queuing_send(port, &a, sizeof(a));
		t1[i] = bench_rdtsc();
		t0[i] = a;
		bh_yield();
	}
	for (i = 0; i < N_SENDS; i++)
		bh_printf("BENCHXSEND %llu %llu\n", (unsigned long long)t0[i],
			  (unsigned long long)t1[i]);
	bh_console_flush();
	bh_queuing_send(port, &done, sizeof(done));
	for (;;)
		bh_yield();
	return 0;
}
