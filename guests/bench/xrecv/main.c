/*
 * xrecv (configs/bench/bench-smp.c, cpu 1; a system partition: it runs the
 * two-CPU benchmark and ends it).  What each row covers is in
 * docs/benchmarks.md.
 *
 * Plan 0: it spins on the counter (its window switches, BENCHGAP xrecv)
 * while xsend on cpu 0 sends it messages: the notification's upcall
 * records its entry's first counter reading (t2) beside the t0 the
 * message carries (BENCHXRECV t0 t2); a 0 says xsend has printed its
 * side.  Plan 1: its window starts on cpu 1 while time-flood hammers the
 * shared services on cpu 0, each one's delay from its configured instant
 * (BENCH xcpu_window_start_hammered).
 */
#include "libpart.h"
#include "../bench/gap.h"

#define N_NOTES    16
#define N_SWITCHES 24
#define N_STARTS   50          /* plan 1: one window a 2 ms frame */
#define LINE_NOTE  BH_VIRQ_PORT_FIRST

volatile uint64_t bench_t_entry, bench_t_iret;   /* written by entry.S */
void bench_entry(void);
void bench_handler(struct bh_upcall_frame *f);

static uint64_t note_t0[N_NOTES], note_t2[N_NOTES];
static volatile unsigned n_notes, sender_done;
static int xs_in;

void bench_handler(struct bh_upcall_frame *f)
{
	uint64_t t2 = bench_t_entry, t0;

	if (f->line != LINE_NOTE)
		return;
	while (bh_queuing_receive(xs_in, &t0, sizeof(t0)) > 0)
		if (!t0)
			sender_done = 1;
		else if (n_notes < N_NOTES) {
			note_t0[n_notes] = t0;
			note_t2[n_notes++] = t2;
		}
}

static void sort(uint64_t *v, unsigned n)
{
	unsigned i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

int main(void)
{
	static struct gap g[N_SWITCHES];
	static uint64_t late[N_STARTS];
	uint64_t t_end, last = 0;
	uint32_t lost = 0;
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

	/* Plan 1 (from a frame's end), then its window starts there. */
	bh_plan_switch(1);
	while (bh_vcpu->plan != 1)
		bh_yield();
	bh_yield();
	/* At most N_STARTS, over at most 2 * N_STARTS frames: under QEMU's
	 * round-robin windows are lost (docs/benchmarks.md); their count is
	 * printed too. */
	t_end = bh_now_ns() + 2 * N_STARTS * 2000000ull;
	for (i = 0; i < N_STARTS && bh_now_ns() < t_end; i++) {
		bh_yield();
		late[i] = bh_now_ns() - bh_vcpu->window_start_ns;
		if (i)
			lost += (uint32_t)((bh_vcpu->window_start_ns - last) / 2000000ull) - 1;
		last = bh_vcpu->window_start_ns;
	}
	n = i;
	sort(late, n);
	bh_printf("BENCH xcpu_window_start_hammered min=%llu median=%llu samples=%u max=%llu\n",
		  (unsigned long long)late[0], (unsigned long long)late[n / 2],
		  n, (unsigned long long)late[n - 1]);
	bh_printf("BENCH xcpu_windows_lost min=%u median=%u samples=%u\n",
		  (unsigned)lost, (unsigned)lost, n);
	bh_puts("BENCH DONE");
	bh_shutdown(0);
	return 1;
}
