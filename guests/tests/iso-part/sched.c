/*
 * Temporal isolation (configs/test/test-sched.c): three partitions under two
 * plans.  "ctl" (system) yields at once in each window and switches plans;
 * "spin" never yields and polls with virtual interrupts off; "yield" takes
 * the window interrupt and yields.  Each checks every window it gets
 * against the plan, and each keeps its own x87/SSE pattern loaded.
 */
#include "iso.h"

#define SLACK_NS      (50 * US)  /* kernel entry and exit around a boundary */
#define SWITCH_TO_1   20         /* ctl asks for plan 1 in its 20th window */
#define SWITCH_TO_0   40         /* ... and back to plan 0 in its 40th */
#define CTL_WINDOWS   55         /* then shuts down, after the others finish */
#define PART_WINDOWS  50         /* windows spin and yield check */

/* Must match configs/test/test-sched.c: { major, offset, length, window index }. */
static const struct win_plan ctl_plans[2] = {
	{ 10000, 0, 2000, 0 }, { 12000, 0, 2000, 1 },
};
static const struct win_plan spin_plans[2] = {
	{ 10000, 2000, 3000, 1 }, { 12000, 4000, 6000, 0 },
};
static const struct win_plan yield_plans[2] = {
	{ 10000, 5000, 3000, 2 }, { 12000, 2000, 2000, 2 },
};

static struct fpu_area fpu_ref, fpu_now;

/* Our pattern still in the registers?  Checked after every switch. */
static void fpu_check(struct verdict *v, unsigned window)
{
	const char *what;
	int off;

	fpu_save(&fpu_now);
	off = fpu_diff(&fpu_ref, &fpu_now, &what);
	if (off >= 0)
		VFAIL(v, "in window %u, byte %d of the fxsave area (%s) changed: "
		      "%02x, loaded %02x", window, off, what, fpu_now.b[off], fpu_ref.b[off]);
}

static void fpu_start(unsigned seed)
{
	fpu_load_pattern(seed);
	fpu_save(&fpu_ref);
}

/* ------------------------------------------------------------------ ctl -- */

struct plan_switch {
	struct verdict v;
	uint32_t to;
	uint64_t boundary;       /* 0 = not requested yet */
	int checked;
};

static void request_switch(struct plan_switch *s, struct win_check *w,
			   const struct win_obs *o)
{
	int r = bh_plan_switch(s->to);

	if (r != 0)
		VFAIL(&s->v, "bh_plan_switch(%u) = %d", s->to, r);
	/* The end of the frame we are in; nothing changes before it. */
	s->boundary = win_frame_start(w, o) + w->plans[o->plan].major_us * US;
}

static void check_switch(struct plan_switch *s, const struct win_check *w,
			 const struct win_obs *o)
{
	if (!s->boundary || s->checked)
		return;
	s->checked = 1;
	if (o->plan != s->to || win_frame_start(w, o) != s->boundary)
		VFAIL(&s->v, "first window after asking for plan %u: plan %u, frame start "
		      "%llu ns; expected plan %u from the frame boundary %llu ns",
		      s->to, o->plan, win_frame_start(w, o), s->to, s->boundary);
}

static void test_bad_plan_ids(void)
{
	BH_EXPECT_EQ(bh_plan_switch(2), -BH_EINVAL);
	BH_EXPECT_EQ(bh_plan_switch(0xffffffffu), -BH_EINVAL);
	BH_EXPECT_EQ(bh_plan_switch(0), 0);      /* the running plan: a no-op */
	BH_EXPECT_EQ(bh_vcpu->plan, 0);
}

void role_ctl(void)
{
	static struct win_check w;
	static struct plan_switch to1 = { .v.name = "plan-switch-at-frame-end", .to = 1 };
	static struct plan_switch to0 = { .v.name = "plan-switch-back", .to = 0 };
	struct verdict fpu = { .name = "fpu-ctl" };
	struct win_obs o;

	win_init(&w, "ctl-windows", ctl_plans, 2);
	fpu_start(1);
	win_snapshot(&o);
	win_baseline(&w, &o);
	bh_test_run("plan-switch-bad-id", test_bad_plan_ids);
	while (w.seen < CTL_WINDOWS) {
		win_yield(&w);
		win_snapshot(&o);
		win_observe(&w, &o);
		fpu_check(&fpu, w.seen);
		check_switch(&to1, &w, &o);
		check_switch(&to0, &w, &o);
		if (w.seen == SWITCH_TO_1)
			request_switch(&to1, &w, &o);
		if (w.seen == SWITCH_TO_0)
			request_switch(&to0, &w, &o);
	}
	if (!to1.checked || !to0.checked)
		VFAIL(&to1.v, "the plan switches were not both observed");
	if (w.seen_in_plan[1] != SWITCH_TO_0 - SWITCH_TO_1)
		VFAIL(&w.v, "%u windows in plan 1, expected %u", w.seen_in_plan[1],
		      SWITCH_TO_0 - SWITCH_TO_1);
	bh_printf("ctl: %u windows (%u in plan 1), latest seen %llu us after its start, "
		  "%u overrun by our own work\n", w.seen, w.seen_in_plan[1],
		  w.max_late / US, w.rebased);
	verdict_report(&w.v);
	verdict_report(&to1.v);
	verdict_report(&to0.v);
	fpu_check(&fpu, w.seen);
	verdict_report(&fpu);
	bh_tests_done();
	bh_shutdown(0);
}

/* ----------------------------------------------------------------- spin -- */

struct spin_state {
	struct win_check w;
	struct verdict overrun, exec, fpu;
	uint64_t last_exec, ran, want;
};

/* Spin inside the current window until a new one begins; fail if the wall
 * clock the kernel publishes at each tick ever passes the window's end. */
static void spin_until_next(struct spin_state *s)
{
	uint64_t start = s->w.prev.start, end = start + s->w.prev.length;

	while (read_u64(&bh_vcpu->window_start_ns) == start) {
		uint64_t wall = read_u64(&bh_vcpu->wall_ns);

		if (wall >= end && read_u64(&bh_vcpu->window_start_ns) == start) {
			VFAIL(&s->overrun, "still running at %llu ns, the window ended at "
			      "%llu ns", wall, end);
			return;
		}
	}
}

/* Execution time from one window's start to the next: one window's length. */
static void check_exec(struct spin_state *s, const struct win_obs *prev)
{
	uint64_t exec = bh_exec_ns(), ran = exec - s->last_exec;
	uint64_t want = prev->length;
	uint64_t diff = ran > want ? ran - want : want - ran;

	if (s->last_exec) {
		if (diff > TICK_NS + SLACK_NS)
			VFAIL(&s->exec, "ran %llu ns between two window starts, the window "
			      "is %llu ns", ran, want);
		s->ran += ran;
		s->want += want;
	}
	s->last_exec = exec;
}

void role_spin(void)
{
	static struct spin_state s = {
		.overrun = { .name = "spin-no-overrun" },
		.exec = { .name = "spin-exec-clock" },
		.fpu = { .name = "fpu-spin" },
	};
	struct win_obs o, prev;
	uint64_t diff;

	win_init(&s.w, "spin-windows", spin_plans, 2);
	bh_virq_disable();              /* as it started: the kernel must preempt */
	fpu_start(2);
	win_snapshot(&o);
	win_baseline(&s.w, &o);
	while (s.w.seen < PART_WINDOWS) {
		spin_until_next(&s);
		prev = s.w.prev;
		win_snapshot(&o);
		win_observe(&s.w, &o);
		if (s.w.seen > 1)       /* the first interval began mid-window */
			check_exec(&s, &prev);
		else
			s.last_exec = bh_exec_ns();
		fpu_check(&s.fpu, s.w.seen);
	}
	diff = s.ran > s.want ? s.ran - s.want : s.want - s.ran;
	if (diff > 2 * TICK_NS)
		VFAIL(&s.exec, "ran %llu ns in total over windows of %llu ns", s.ran, s.want);
	bh_printf("spin: %u windows, executed %llu us in windows of %llu us, latest "
		  "seen %llu us after its start\n", s.w.seen, s.ran / US, s.want / US,
		  s.w.max_late / US);
	verdict_report(&s.w.v);
	verdict_report(&s.overrun);
	verdict_report(&s.exec);
	verdict_report(&s.fpu);
}

/* ---------------------------------------------------------------- yield -- */

static struct win_obs ring[8];
static volatile unsigned ring_head;

/* Upcall at each window start: note what the kernel published, and when. */
static void on_window(unsigned line, void *arg)
{
	win_snapshot(&ring[ring_head % ISO_ARRAY_SIZE(ring)]);
	ring_head++;
}

void role_yield(void)
{
	static struct win_check w;
	struct verdict fpu = { .name = "fpu-yield" };
	struct verdict upcalls = { .name = "yield-window-upcalls" };
	unsigned tail = 0, level;
	int r;

	win_init(&w, "yield-windows", yield_plans, 2);
	fpu_start(3);
	r = bh_virq_register(BH_VIRQ_WINDOW, on_window, 0);
	if (r < 0)
		VFAIL(&upcalls, "bh_virq_register(BH_VIRQ_WINDOW) = %d", r);
	bh_virq_enable();
	while (!r && w.seen < PART_WINDOWS) {
		bh_yield();
		level = bh_virq_disable();
		if (ring_head - tail != 1)
			VFAIL(&upcalls, "%u window upcalls arrived during one yield (after "
			      "%u windows)", ring_head - tail, w.seen);
		while (tail != ring_head) {
			struct win_obs o = ring[tail++ % ISO_ARRAY_SIZE(ring)];

			win_observe(&w, &o);
		}
		bh_virq_restore(level);
		fpu_check(&fpu, w.seen);
	}
	bh_printf("yield: %u windows, latest seen %llu us after its start\n", w.seen,
		  w.max_late / US);
	verdict_report(&w.v);
	verdict_report(&upcalls);
	verdict_report(&fpu);
}
