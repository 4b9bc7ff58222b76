/*
 * Window observations: does each window begin when the plan says, and is
 * it seen by the partition within one tick of that?  Boundaries are
 * checked against the previous window the partition saw, so a window the
 * kernel skipped, started early, or took from a plan too soon shows up as
 * a start time the plan does not allow.
 */
#include "iso.h"

void verdict_fail(struct verdict *v, const char *file, int line,
		  const char *fmt, ...)
{
	va_list ap;

	if (v->file)
		return;                 /* the first failure is the one to read */
	v->file = file;
	v->line = line;
	va_start(ap, fmt);
	bh_vsnprintf(v->why, sizeof(v->why), fmt, ap);
	va_end(ap);
}

void verdict_report(const struct verdict *v)
{
	/* A TEST line is cut at the kernel's 120-character console line:
	 * the whole reason goes on a line of its own first. */
	if (v->file)
		bh_printf("%s: %s\n", v->name, v->why);
	if (v->file)
		bh_test_fail_named(v->name, v->file, v->line, v->why);
	else
		bh_test_pass(v->name);
}

uint64_t read_u64(const volatile uint64_t *p)
{
	uint64_t a, b;

	do {
		a = *p;
		b = *p;
	} while (a != b);
	return a;
}

void win_init(struct win_check *w, const char *test, const struct win_plan *plans,
	      unsigned n_plans)
{
	memset(w, 0, sizeof(*w));
	w->plans = plans;
	w->n_plans = n_plans;
	w->v.name = test;
}

void win_snapshot(struct win_obs *o)
{
	o->plan = bh_vcpu->plan;
	o->window = bh_vcpu->window;
	o->start = read_u64(&bh_vcpu->window_start_ns);
	o->length = read_u64(&bh_vcpu->window_length_ns);
	o->now = bh_now_ns();
}

void win_baseline(struct win_check *w, const struct win_obs *o)
{
	w->prev = *o;
	w->have_prev = o->plan < w->n_plans;
	if (!w->have_prev)
		VFAIL(&w->v, "started in plan %u, which the test does not know", o->plan);
}

uint64_t win_frame_start(const struct win_check *w, const struct win_obs *o)
{
	return o->start - w->plans[o->plan].offset_us * US;
}

/* The start the plan gives the window after prev (one window per frame). */
static uint64_t next_start(const struct win_check *w, const struct win_obs *prev,
			   uint32_t plan)
{
	const struct win_plan *pp = &w->plans[prev->plan];

	return win_frame_start(w, prev) + pp->major_us * US + w->plans[plan].offset_us * US;
}

static int check_one(struct win_check *w, const struct win_obs *o)
{
	const struct win_plan *p;
	uint64_t want;

	if (o->plan >= w->n_plans) {
		VFAIL(&w->v, "a window of plan %u, which the test does not know", o->plan);
		return -1;
	}
	p = &w->plans[o->plan];
	if (o->window != p->window || o->length != p->length_us * US) {
		VFAIL(&w->v, "plan %u: window %u of %llu us, the plan says window %u of %u us",
		      o->plan, o->window, o->length / US, p->window, p->length_us);
		return -1;
	}
	if (o->now < o->start || o->now - o->start >= SEEN_WITHIN_NS) {
		VFAIL(&w->v, "window %u of plan %u starting at %llu ns was seen at %llu ns, "
		      "%lld ns late: not within one tick", o->window, o->plan, o->start,
		      o->now, (long long)(o->now - o->start));
		return -1;
	}
	if (!w->have_prev)
		return 0;
	want = next_start(w, &w->prev, o->plan);
	if (o->start != want) {
		VFAIL(&w->v, "window %u of plan %u began at %llu ns; after the window at "
		      "%llu ns (plan %u) the plan says %llu ns", o->window, o->plan,
		      o->start, w->prev.start, w->prev.plan, want);
		return -1;
	}
	return 0;
}

int win_observe(struct win_check *w, const struct win_obs *o)
{
	int r = check_one(w, o);

	if (o->now >= o->start && o->now - o->start > w->max_late)
		w->max_late = o->now - o->start;
	w->seen++;
	if (o->plan < ISO_ARRAY_SIZE(w->seen_in_plan))
		w->seen_in_plan[o->plan]++;
	w->prev = *o;
	w->have_prev = o->plan < w->n_plans;
	return r;
}

/*
 * Give up the rest of the window.  If our own work already ran past the
 * window we observed, the kernel rightly preempted us and the window we
 * are in now was not seen at its start: begin a new baseline instead of
 * reporting a skipped window.
 */
void win_yield(struct win_check *w)
{
	if (w->have_prev && read_u64(&bh_vcpu->window_start_ns) != w->prev.start) {
		w->have_prev = 0;
		w->rebased++;
	}
	bh_yield();
}
