/*
 * xrecv (configs/bench/bench-smp.c, cpu 1; a system partition: it runs the
 * two-CPU benchmark and ends it).  What each row covers is in
 * docs/benchmarks.md.
 *
 * Plan 0: it spins on the counter (its window switches, BENCHGAP xrecv)
 * while xsend on cpu 0 sends it messages: the notification's upcall
 * records its entry's first counter reading (t2) beside the t0 the
 * message carries (BENCHXRECV t0 t2); a 0 says xsend has printed its
 * side, and it ends the run.
 */
#include "libpart.h"
#include "../bench/gap.h"

#define N_NOTES    16
#define N_SWITCHES 24
#define LINE_NOTE  BH_VIRQ_PORT_FIRST

volatile uint64_t bench_t_entry, bench_t_iret;   /* written by entry.S */
void bench_entry(void);
void bench_handler(struct bh_upcall_frame *f);

static uint64_t note_t0[N_NOTES], note_t2[N_NOTES];
static volatile unsigned n_notes, sender_done;
static int xs_in;

void bench_handler(struct bh_upcall_frame *f)
{
	uint64_t t2 = bench_t_entry, t0 = 0;

	if (f->line != LINE_NOTE)
		return;
	while (bh_queuing_receive(xs_in, &t0, sizeof(t0)) == (int)sizeof(t0))
		if (!t0)
			sender_done = 1;
		else if (n_notes < N_NOTES) {
			note_t0[n_notes] = t0;
			note_t2[n_notes++] = t2;
		}
}

int main(void)
{
	static struct gap g[N_SWITCHES];
	unsigned n, i;

	bh_set_mode(BH_MODE_NORMAL);
	bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)bench_entry, 0);
	xs_in = bh_port_open("xs-in", BH_PORT_QUEUING);
	bh_port_notify(xs_in, LINE_NOTE);
	bh_irq_attach(LINE_NOTE);
	bh_virq_enable();
	n = bench_collect_gaps(g, N_SWITCHES, 50000, ~0ull);
	while (!sender_done)
		;
	bh_virq_disable();
	for (i = 0; i < n; i++)
		bh_printf("BENCHGAP xrecv %llu %llu\n", (unsigned long long)g[i].before,
			  (unsigned long long)g[i].after);
	for (i = 0; i < n_notes; i++)
		bh_printf("BENCHXRECV %llu %llu\n", (unsigned long long)note_t0[i],
			  (unsigned long long)note_t2[i]);

	bh_puts("BENCH DONE");
	bh_shutdown(0);
	return 1;
}
