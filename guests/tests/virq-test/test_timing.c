/*
 * Virtual time against the schedule: a wall timer expiring outside our
 * window waits for the window; a periodic timer keeps its period (to one
 * kernel tick) without drift; the execution clock stops between windows.
 * Windows and ticks: see virq.h.
 */
#include "virq.h"

#define PERIOD_NS   (2 * MS)
#define N_PERIODS   100u
#define EXEC_NS     (8 * MS)     /* more than one window of execution */

/* What the handler saw at its upcall. */
static volatile uint64_t fired_ns, fired_ws, fired_exec;

static void stamp_handler(unsigned line, void *arg)
{
	fired_ns = bh_now_ns();
	fired_exec = bh_exec_ns();
	fired_ws = bh_vcpu->window_start_ns;
	hits[line]++;
}

/*
 * A wall timer due in virq-hostile's window stays pending and is delivered
 * at the start of our next window (within one tick of window_start_ns).
 */
BH_TEST(timing, deferred_to_window, "deferred-to-window")
{
	uint32_t h0 = hits[BH_VIRQ_TIMER];
	uint64_t ws, due;

	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, stamp_handler, 0), 0);
	ws = next_window();
	due = ws + WINDOW_NS + 2 * MS;
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, due, 0), 0);
	bh_virq_enable();
	BH_EXPECT(wait_change(&hits[BH_VIRQ_TIMER], h0, WAIT_NS), "never delivered");
	bh_virq_disable();
	BH_EXPECT(fired_ws == ws + MAJOR_NS,
		  "delivered in the window starting %llu us, expected the one at %llu us",
		  (unsigned long long)(fired_ws / US),
		  (unsigned long long)((ws + MAJOR_NS) / US));
	BH_EXPECT(fired_ns >= due && fired_ns >= fired_ws,
		  "delivered at %llu us: before it was due (%llu us) or its window",
		  (unsigned long long)(fired_ns / US), (unsigned long long)(due / US));
	BH_EXPECT(fired_ns - fired_ws <= LATENCY_NS,
		  "delivered %llu us into the window, more than one tick",
		  (unsigned long long)((fired_ns - fired_ws) / US));
}

/* One record per delivery of the periodic timer. */
struct stamp {
	uint64_t now, window_start;
	uint32_t expiries;           /* raised so far: the last one is due at
					first + (expiries - 1) * period */
};
static struct stamp stamps[N_PERIODS + 1];
static volatile uint32_t n_stamps;
static uint32_t raised0;

static void period_handler(unsigned line, void *arg)
{
	/* The count first: every expiry it includes is already past. */
	uint32_t n = bh_vcpu->raised[BH_VIRQ_TIMER] - raised0;

	if (n_stamps < ARRAY_LEN(stamps)) {
		stamps[n_stamps].expiries = n;
		stamps[n_stamps].now = bh_now_ns();
		stamps[n_stamps].window_start = bh_vcpu->window_start_ns;
	}
	n_stamps++;
}

/*
 * Check one delivery.  Due inside the window it was delivered in: at most
 * one tick late.  Due before that window began (while we were not
 * scheduled): at most one tick after the window began.
 */
static int stamp_ok(const struct stamp *s, uint32_t prev, uint64_t first, int *in_window,
		    uint64_t *late)
{
	uint64_t due = first + (uint64_t)(s->expiries - 1) * PERIOD_NS;
	uint32_t oldest = s->expiries > prev ? prev + 1 : s->expiries;

	/* Deferred if the oldest expiry it delivers came before the window
	 * (the newest may have come just after the window began). */
	*in_window = first + (uint64_t)(oldest - 1) * PERIOD_NS >= s->window_start;
	if (s->now < due)
		return 0;
	*late = *in_window ? s->now - due : s->now - s->window_start;
	return *late <= LATENCY_NS;
}

BH_TEST(timing, periodic_accuracy, "periodic-accuracy")
{
	uint32_t d0 = bh_vcpu->delivered[BH_VIRQ_TIMER], i, prev = 0, coalesced = 0;
	unsigned in_win = 0, deferred = 0;
	uint64_t first, late = 0, worst = 0;
	int in_window;

	n_stamps = 0;
	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, period_handler, 0), 0);
	next_window();
	raised0 = bh_vcpu->raised[BH_VIRQ_TIMER];
	first = bh_now_ns() + PERIOD_NS;
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, first, PERIOD_NS), 0);
	bh_virq_enable();
	while (bh_vcpu->raised[BH_VIRQ_TIMER] - raised0 < N_PERIODS &&
	       bh_now_ns() < first + N_PERIODS * PERIOD_NS + WAIT_NS)
		;
	bh_virq_disable();
	bh_timer_cancel(BH_CLOCK_WALL);
	BH_EXPECT(n_stamps <= ARRAY_LEN(stamps), "%u deliveries for %u periods",
		  (unsigned)n_stamps, N_PERIODS);
	for (i = 0; i < n_stamps; i++) {
		const struct stamp *s = &stamps[i];

		/* With exact (one-shot) timers an expiry can fall while the
		 * handler of the one before runs: that handler's read already
		 * counts it, and it is delivered once more just after (the
		 * equal count; its -1 below keeps the sum).  Never twice. */
		BH_EXPECT(s->expiries > prev || (i && s->expiries == prev &&
						 stamps[i - 1].expiries > (i > 1 ? stamps[i - 2].expiries : 0)),
			  "delivery %u without a new expiry", (unsigned)i);
		BH_EXPECT(stamp_ok(s, prev, first, &in_window, &late),
			  "delivery %u (expiry %u, due %llu us, %s) at %llu us, window from %llu us",
			  (unsigned)i, (unsigned)s->expiries,
			  (unsigned long long)((first + (s->expiries - 1) * PERIOD_NS) / US),
			  in_window ? "in window" : "out of window",
			  (unsigned long long)(s->now / US),
			  (unsigned long long)(s->window_start / US));
		worst = late > worst ? late : worst;
		in_win += in_window;
		deferred += !in_window;
		coalesced += s->expiries - prev - 1;
		prev = s->expiries;
	}
	bh_printf("periodic: %u deliveries (%u in window, %u at window start), "
		  "%u coalesced, worst %llu us late\n", (unsigned)n_stamps, in_win,
		  deferred, (unsigned)coalesced, (unsigned long long)(worst / US));
	BH_EXPECT(prev >= N_PERIODS, "only %u expiries", (unsigned)prev);
	BH_EXPECT_EQ(bh_vcpu->delivered[BH_VIRQ_TIMER] - d0, n_stamps);
	BH_EXPECT_EQ(n_stamps + coalesced, prev);
	/* Both paths must have been taken for the case to mean anything. */
	BH_EXPECT(in_win >= N_PERIODS / 2 && deferred >= N_PERIODS / 10 && coalesced > 0,
		  "%u in-window, %u deferred, %u coalesced: schedule not as configured?",
		  in_win, deferred, (unsigned)coalesced);
}

/*
 * An execution-clock timer counts only our own time: 8 ms of execution
 * take more than one 6 ms window, and the wall time it took exceeds the
 * execution time by exactly the time spent outside our windows.
 */
BH_TEST(timing, exec_clock_stops, "exec-clock-stops")
{
	uint32_t h0 = hits[BH_VIRQ_TIMER];
	uint64_t ws0, e0, w0, exec, wall, gaps, windows;

	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, stamp_handler, 0), 0);
	ws0 = next_window();
	e0 = bh_exec_ns();
	w0 = bh_now_ns();
	EXPECT_RC(bh_timer_set(BH_CLOCK_EXEC, e0 + EXEC_NS, 0), 0);
	bh_virq_enable();
	BH_EXPECT(wait_change(&hits[BH_VIRQ_TIMER], h0, WAIT_NS), "never delivered");
	bh_virq_disable();
	exec = fired_exec - e0;
	wall = fired_ns - w0;
	windows = (fired_ws - ws0) / MAJOR_NS;
	gaps = windows * (MAJOR_NS - WINDOW_NS);
	BH_EXPECT(exec >= EXEC_NS && exec - EXEC_NS <= LATENCY_NS,
		  "delivered after %llu us of execution, armed for %llu us",
		  (unsigned long long)(exec / US), (unsigned long long)(EXEC_NS / US));
	BH_EXPECT(windows >= 1, "delivered in the window it was armed in");
	BH_EXPECT(wall >= exec && (wall - exec > gaps ? wall - exec - gaps : gaps - (wall - exec))
		  <= LATENCY_NS,
		  "%llu us wall for %llu us execution across %llu windows: %llu us "
		  "outside, expected %llu us", (unsigned long long)(wall / US),
		  (unsigned long long)(exec / US), (unsigned long long)windows,
		  (unsigned long long)((wall - exec) / US), (unsigned long long)(gaps / US));
}
