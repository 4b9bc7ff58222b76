/*
 * bench: measures the critical paths in instructions (QEMU -icount
 * shift=0, where the time-stamp counter counts instructions).  Each result
 * is printed as "BENCH <name> min=<n> median=<n> samples=<k>"; bench/run.py
 * makes the table.  What each interval covers is in docs/benchmarks.md.
 */
#include "libpart.h"
#include "gap.h"

#define COM2      0x2f8
#define COM2_LINE 3
#define N_CALLS   1000
#define N_IRQS    200
#define N_TICKS   64
#define N_SWITCHES 24

volatile uint64_t bench_t_entry, bench_t_iret;   /* written by entry.S */
void bench_entry(void);
void bench_handler(struct bh_upcall_frame *f);

static uint64_t samples[N_CALLS];
static uint64_t baseline;            /* two back-to-back counter reads */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void sort(uint64_t *v, unsigned n)
{
	unsigned i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cmp_u64(&v[j - 1], &v[j]) > 0; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void report(const char *name, uint64_t *v, unsigned n)
{
	if (!n) {
		bh_printf("BENCH %s none\n", name);
		return;
	}
	sort(v, n);
	bh_printf("BENCH %s min=%llu median=%llu samples=%u\n", name,
		  (unsigned long long)v[0], (unsigned long long)v[n / 2], n);
}

static void measure_baseline(void)
{
	unsigned i;

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc(), t1 = bench_rdtsc();

		samples[i] = t1 - t0;
	}
	sort(samples, N_CALLS);
	baseline = samples[0];
}

static void bench_null_hypercall(void)
{
	unsigned i;

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_hc0(BH_HC_ABI_VERSION);
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("null_hypercall", samples, N_CALLS);
}

/* The null hypercall again with its entry and exit traced: two events
 * each (bench/run.py: the cost of one event is half the difference). */
static void bench_traced_hypercall(void)
{
	unsigned i;
	int before = bh_trace_classes(BH_TRACE_HCALL);

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_hc0(BH_HC_ABI_VERSION);
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	bh_trace_classes(before < 0 ? 0 : (uint32_t)before);
	report(before < 0 ? "null_hypercall_traced_refused" : "null_hypercall_traced",
	       samples, N_CALLS);
}

/* A hypercall that does work: read the wall clock into guest memory. */
static void bench_time_hypercall(void)
{
	static uint64_t now;
	unsigned i;

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_hc2(BH_HC_TIME, BH_CLOCK_WALL, (uint32_t)&now);
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("time_hypercall", samples, N_CALLS);
}

static void bench_virq_pair(void)
{
	unsigned i;

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_virq_disable();
		bh_virq_enable();
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("virq_disable_enable", samples, N_CALLS);
}

/*
 * One 64-byte console line: the hypercall (filter, queue) and, since
 * QEMU's UART empties its FIFO at once, the four transmitter interrupts
 * that send it, which arrive before the second counter read.
 */
static void bench_console_line(void)
{
	static const char line[] =
		"console bench: a 64-byte line, filtered, queued and sent......\n";
	unsigned i;

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_console_write(line, sizeof(line) - 1);
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("console_line", samples, N_CALLS);
}

#define LINE_NOTE  BH_VIRQ_PORT_FIRST
#define N_NOTES    8
static uint64_t note_entry[N_NOTES];
static volatile unsigned n_notes;
static int pn_in;

/* The port notification: record when its upcall entered, drain. */
static void note_handler(void)
{
	char m[8];

	if (n_notes < N_NOTES)
		note_entry[n_notes++] = bench_t_entry;
	while (bh_queuing_receive(pn_in, m, sizeof(m)) > 0)
		;
}

/* Silence COM2's transmitter interrupt, then let the line in again. */
void bench_handler(struct bh_upcall_frame *f)
{
	if (f->line == LINE_NOTE) {
		note_handler();
		return;
	}
	bh_outb(COM2 + 1, 0x00);
	(void)bh_inb(COM2 + 2);
	bh_irq_unmask(COM2_LINE);
}

/*
 * Enabling the transmitter-empty interrupt with the transmitter idle
 * raises IRQ 3 at once: the interrupt is taken right after the outb, and
 * the iret resumes at the counter read that follows it.
 */
static void bench_routed_irq(void)
{
	static uint64_t to_entry[N_IRQS], iret[N_IRQS];
	unsigned i;

	bh_irq_attach(COM2_LINE);
	bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)bench_entry, 0);
	bh_virq_enable();
	for (i = 0; i < N_IRQS; i++) {
		uint64_t t0, t1;

		t0 = bench_rdtsc();
		bh_outb(COM2 + 1, 0x02);
		t1 = bench_rdtsc();
		to_entry[i] = bench_t_entry - t0 - baseline;   /* minus the outb */
		iret[i] = t1 - bench_t_iret - baseline;
	}
	bh_virq_disable();
	report("routed_irq_to_guest_entry", to_entry, N_IRQS);
	report("iret_to_interrupted_code", iret, N_IRQS);
}

/*
 * Port paths with 64-byte messages, bench to itself: the write and the
 * read of a sampling message, and a queuing send followed by a receive.
 */
static void bench_ports(void)
{
	static uint8_t msg[64], buf[64];
	struct bh_sampling_result r;
	int s_out = bh_port_open("bs-out", BH_PORT_SAMPLING);
	int s_in = bh_port_open("bs-in", BH_PORT_SAMPLING);
	int q_out = bh_port_open("bq-out", BH_PORT_QUEUING);
	int q_in = bh_port_open("bq-in", BH_PORT_QUEUING);
	unsigned i;

	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_sampling_write(s_out, msg, sizeof(msg));
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("sampling_write_64", samples, N_CALLS);
	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_sampling_read(s_in, buf, sizeof(buf), &r);
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("sampling_read_64", samples, N_CALLS);
	for (i = 0; i < N_CALLS; i++) {
		uint64_t t0 = bench_rdtsc();

		bh_queuing_send(q_out, msg, sizeof(msg));
		bh_queuing_receive(q_in, buf, sizeof(buf));
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("queuing_send_receive_64", samples, N_CALLS);
	for (i = 0; i < N_CALLS; i++) {       /* the floor: refused at the id */
		uint64_t t0 = bench_rdtsc();

		bh_sampling_read(1000, buf, sizeof(buf), &r);
		samples[i] = bench_rdtsc() - t0 - baseline;
	}
	report("port_call_refused", samples, N_CALLS);
}

/*
 * Port notification at window start: the peer sends at each of its window
 * starts; the upcall for it is the first thing bench runs in its next
 * window.  Its entry times are printed; bench/run.py pairs each with the
 * peer's last counter read before that switch.
 */
static void bench_notify(void)
{
	unsigned i;

	bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)bench_entry, 0);   /* reads the counter first */
	pn_in = bh_port_open("pn-in", BH_PORT_QUEUING);
	bh_port_notify(pn_in, LINE_NOTE);
	bh_irq_attach(LINE_NOTE);
	bh_port_clear(pn_in);      /* the peer filled it long ago: sends raise only when taken */
	bh_virq_enable();
	while (n_notes < N_NOTES)
		;
	bh_virq_disable();
	bh_port_notify(pn_in, 0);
	bh_irq_detach(LINE_NOTE);
	for (i = 0; i < N_NOTES; i++)
		bh_printf("BENCHNOTE %llu\n", (unsigned long long)note_entry[i]);
}

/* Timer ticks inside this window: the kernel's whole interrupt path. */
static void bench_kernel_irq(void)
{
	static struct gap g[N_TICKS];
	uint64_t loop, ticks[N_TICKS];
	unsigned i, n, k = 0;

	n = bench_collect_gaps(g, N_TICKS, 30, bench_rdtsc() + 200000000ull);
	/* The probe loop's own cost between two reads, as a per-instruction
	 * trace of it counts (QEMU -singlestep -d exec): 18 instructions. */
	loop = 18;
	for (i = 0; i < n; i++) {
		uint64_t d = g[i].after - g[i].before;

		if (d < 20000)                   /* not a window switch */
			ticks[k++] = d - loop;
	}
	report("kernel_timer_irq", ticks, k);
}

/*
 * The virtual timer's path to a guest's C handler, through libpart's
 * upcall entry and dispatch: spin reading the counter with virtual
 * interrupts on and a 1 ms periodic wall timer; the handler's first
 * statement reads the counter again.  The interval runs from the spin
 * loop's last read before the tick to that read.
 */
static volatile uint64_t spin_last, timer_at;
static volatile unsigned timer_seen;

static void bench_timer_handler(unsigned line, void *arg)
{
	timer_at = bench_rdtsc();             /* the handler's first statement */
	timer_seen++;
}

static void bench_timer_to_handler(void)
{
	static uint64_t v[N_TICKS];
	unsigned k = 0, seen;

	bh_virq_set_upcall_stack(0);          /* libpart's entry again */
	bh_virq_register(BH_VIRQ_TIMER, bench_timer_handler, 0);
	bh_timer_periodic(1000000);
	bh_virq_enable();
	while (k < N_TICKS) {
		seen = timer_seen;
		do
			spin_last = bench_rdtsc();
		while (timer_seen == seen);
		if (timer_at - spin_last < 20000)     /* not across a window switch */
			v[k++] = timer_at - spin_last;
	}
	bh_virq_disable();
	bh_timer_cancel(BH_CLOCK_WALL);
	bh_virq_unregister(BH_VIRQ_TIMER);
	report("timer_to_c_handler", v, k);
}

/*
 * Issue 13, in ns of the time base (= instructions under -icount):
 * window start error — give up the window (bh_yield returns at the next
 * one's first instruction) and read the clock at once, minus the window's
 * configured instant; the read's own entry (~40 instructions) included.
 */
#define N_STARTS 24
static void bench_window_start(void)
{
	static uint64_t v[N_STARTS];
	unsigned i;

	for (i = 0; i < N_STARTS; i++) {
		bh_yield();
		v[i] = bh_now_ns() - bh_vcpu->window_start_ns;
	}
	report("window_start_error", v, N_STARTS);
}

/* Timer expiry error: a 137 us periodic wall timer, waited for spinning
 * (bench runs -icount without sleep=off: a halted CPU waits in host time);
 * the C handler's first statement reads the clock, minus the expiry. */
#define N_EXPIRIES 60               /* 8.2 ms: inside one 10 ms window */
static uint64_t exp_first, exp_v[N_EXPIRIES];
static volatile unsigned exp_n;
static uint32_t exp_raised0;

/* Against the latest expiry raised (the periodic tick coalesces them). */
static void expiry_handler(unsigned line, void *arg)
{
	uint64_t now = bh_now_ns();
	uint32_t k = bh_vcpu->raised[BH_VIRQ_TIMER] - exp_raised0;

	if (exp_n < N_EXPIRIES)
		exp_v[exp_n] = now - (exp_first + (k - 1) * 137000ull);
	exp_n++;
}

static void bench_timer_expiry(void)
{
	bh_virq_set_upcall_stack(0);          /* libpart's entry again */
	bh_yield();                          /* a window's start: room for all */
	bh_virq_register(BH_VIRQ_TIMER, expiry_handler, 0);
	exp_n = 0;
	exp_raised0 = bh_vcpu->raised[BH_VIRQ_TIMER];
	exp_first = bh_now_ns() + 137000;
	bh_timer_set(BH_CLOCK_WALL, exp_first, 137000);
	bh_virq_enable();
	while (exp_n < N_EXPIRIES)
		;
	bh_virq_disable();
	bh_timer_cancel(BH_CLOCK_WALL);
	bh_virq_unregister(BH_VIRQ_TIMER);
	report("timer_expiry_error", exp_v, N_EXPIRIES);
}

/*
 * The kernel's instructions per second while nothing is armed: spin on
 * the counter for 100 ms, sum what ran in gaps inside this window (an
 * interrupt; not a window switch), over the time spent in the window.
 * Window boundaries are added by bench/run.py from the switch row.
 */
#define N_GAPS 400
static void bench_idle_kernel(void)
{
	static struct gap g[N_GAPS];
	static uint64_t rate[1];
	uint64_t t0 = bench_rdtsc(), span = 100000000ull, stolen = 0, away = 0;
	unsigned n, i;

	n = bench_collect_gaps(g, N_GAPS, 30, t0 + span);
	for (i = 0; i < n; i++) {
		uint64_t d = g[i].after - g[i].before;

		if (d < 20000)
			stolen += d - 18;            /* the probe loop's own 18 */
		else
			away += d;
	}
	rate[0] = stolen * 1000000000ull / (bench_rdtsc() - t0 - away);
	report("idle_kernel_ips", rate, 1);
}

/* Window switches seen from here; bench/run.py pairs them with the peer's. */
static void print_switch_gaps(const char *who)
{
	static struct gap g[N_SWITCHES];
	unsigned n = bench_collect_gaps(g, N_SWITCHES, 50000, ~0ull), i;

	for (i = 0; i < n; i++)
		bh_printf("BENCHGAP %s %llu %llu\n", who,
			  (unsigned long long)g[i].before,
			  (unsigned long long)g[i].after);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	measure_baseline();
	bh_printf("BENCH baseline %llu\n", (unsigned long long)baseline);
	bench_null_hypercall();
	bench_traced_hypercall();
	bench_time_hypercall();
	bench_virq_pair();
	bench_console_line();
	bench_routed_irq();
	bench_kernel_irq();
	bench_timer_to_handler();
	bench_ports();
	bench_notify();
	bench_window_start();
	bench_timer_expiry();
	bench_idle_kernel();
	print_switch_gaps("bench");
	bh_puts("BENCH DONE");
	bh_shutdown(0);
	return 1;
}
