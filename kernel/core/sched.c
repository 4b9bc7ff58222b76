/*
 * The cyclic scheduler.  Each plan is turned at boot into a timeline of
 * slots covering the whole major frame (windows, and idle gaps between
 * them).  Slot boundaries are computed from the start of the major frame in
 * nanoseconds, so they never drift.  The one-shot timer is armed for the
 * slot's end (or the running partition's timer, if sooner), so a boundary
 * is acted on when it comes, not at the next tick; with the periodic tick
 * (timer=periodic) at the first tick at or after it.
 */
#include "core/sched.h"
#include "core/partition.h"
#include "core/vcpu.h"
#include "core/time.h"
#include "core/console.h"
#include "core/lib.h"
#include <bulkhead/errno.h>
#include "core/arch.h"
#include "core/trace.h"

#define MAX_SLOTS (2 * BH_MAX_WINDOWS + 1)
#define IDLE_SLOT 0xffffffffu

struct slot {
	uint32_t partition;        /* IDLE_SLOT for a gap */
	uint32_t window;           /* index in the configured plan */
	uint64_t start_ns, end_ns; /* from the start of the major frame */
	uint32_t guard_ns;         /* cut this early: another partition follows */
};

struct timeline {
	uint64_t major_ns;
	unsigned n_slots;
	struct slot slots[MAX_SLOTS];
};

static struct timeline timelines[BH_MAX_PLANS];
static unsigned n_plans, plan, next_plan, slot;
static uint64_t frame_start;
static uint32_t switches;          /* partition switches, for sched_wait */
static uint64_t slot_end = ~0ull;  /* the tick does nothing before the schedule starts */
uint64_t sched_cut = ~0ull;        /* slot_end, less the guard while a partition runs */
uint32_t sched_guard_ns = SCHED_GUARD_NS;

static void add_slot(struct timeline *t, uint32_t part, uint32_t win,
		     uint64_t start, uint64_t end)
{
	struct slot *s = &t->slots[t->n_slots++];

	s->partition = part;
	s->window = win;
	s->start_ns = start;
	s->end_ns = end;
}

/*
 * A window needs the guard (sched.h) only where another partition's
 * window could follow within it: not before a window of the same
 * partition, nor before a gap at least as long as the guard.  A window
 * shorter than twice the guard keeps all its time (the validator warns
 * of none such in one-shot plans: they exist only in tests).
 */
static void set_guards(struct timeline *t)
{
	unsigned i;

	for (i = 0; i < t->n_slots; i++) {
		struct slot *s = &t->slots[i];
		const struct slot *nx = &t->slots[(i + 1) % t->n_slots];

		s->guard_ns = 0;
		if (s->partition == IDLE_SLOT || nx->partition == s->partition ||
		    s->end_ns - s->start_ns < 2 * (uint64_t)sched_guard_ns)
			continue;
		if (nx->partition == IDLE_SLOT && nx->end_ns - nx->start_ns >= sched_guard_ns)
			continue;
		s->guard_ns = sched_guard_ns;
	}
}

/* Windows in offset order, with idle slots filling the gaps (validated
 * configurations have no overlaps). */
static void build_timeline(struct timeline *t, const struct bh_plan *p)
{
	uint64_t at = 0;
	unsigned done = 0;

	t->major_ns = (uint64_t)p->major_frame_us * 1000;
	t->n_slots = 0;
	while (done < p->n_windows) {
		unsigned i, best = 0;
		uint32_t best_off = 0xffffffffu;

		for (i = 0; i < p->n_windows; i++)
			if ((uint64_t)p->windows[i].offset_us * 1000 >= at &&
			    p->windows[i].offset_us < best_off) {
				best = i;
				best_off = p->windows[i].offset_us;
			}
		if ((uint64_t)best_off * 1000 > at)
			add_slot(t, IDLE_SLOT, 0, at, (uint64_t)best_off * 1000);
		at = (uint64_t)(best_off + p->windows[best].duration_us) * 1000;
		add_slot(t, p->windows[best].partition, best,
			 (uint64_t)best_off * 1000, at);
		done++;
	}
	if (at < t->major_ns)
		add_slot(t, IDLE_SLOT, 0, at, t->major_ns);
	set_guards(t);
}

void sched_init(const struct bh_config *cfg)
{
	unsigned i;

	n_plans = cfg->n_plans;
	for (i = 0; i < n_plans; i++)
		build_timeline(&timelines[i], &cfg->plans[i]);
	plan = next_plan = cfg->initial_plan;
	slot_end = sched_cut = ~0ull;
}

static struct partition *slot_partition(const struct slot *s)
{
	struct partition *p;

	if (s->partition == IDLE_SLOT)
		return 0;
	p = &partitions[s->partition];
	return partition_scheduled(p) ? p : 0;
}

/* Switch the processor to next (NULL = idle), from whatever runs now. */
static void switch_to(struct partition *next, uint64_t now)
{
	struct partition *prev = current;

	if (prev == next)
		return;
	switches++;
	if (prev)
		prev->exec_ns += now - prev->ran_since;
	current = next;
	if (next)
		next->ran_since = now;
	sched_arch_switch(prev ? &prev->arch : 0, next ? &next->arch : 0);
}

/* The next moment the timer must mark with p running: the slot's end or
 * p's virtual timer; before the schedule runs, the boot tick. */
static uint64_t next_event(const struct partition *p, uint64_t now)
{
	uint64_t at = sched_cut, t;

	if (at == ~0ull)
		return time_boot_next(now);
	if (p) {
		t = vtimer_next(p, now);
		if (t < at)
			at = t;
	}
	return at;
}

/* After an interrupt that ended nothing, or a timer set: arm again. */
void sched_rearm(uint64_t now)
{
	if (cpu_timer.oneshot)
		time_arm(next_event(current, now));
}

/* The slot's guard now: any at the frame's end when the plan changes
 * there, since the next plan's first window may be anybody's. */
static uint32_t guard_of(const struct slot *s)
{
	if (!cpu_timer.oneshot || s->partition == IDLE_SLOT ||
	    s->end_ns - s->start_ns < 2 * (uint64_t)sched_guard_ns)
		return 0;
	if (next_plan != plan && slot == timelines[plan].n_slots - 1)
		return sched_guard_ns;
	return s->guard_ns;
}

static void enter_slot(uint64_t now)
{
	const struct timeline *t = &timelines[plan];
	const struct slot *s = &t->slots[slot];
	struct partition *p = slot_partition(s);

	slot_end = frame_start + s->end_ns;
	sched_cut = slot_end - guard_of(s);
	if (p)
		vcpu_window_start(p, frame_start + s->start_ns,
				  s->end_ns - s->start_ns, plan, s->window);
	if (cpu_timer.oneshot)
		time_arm(next_event(p, now));
	switch_to(p, now);
}

/*
 * After a long gap (the clock caught up on periods whose ticks were lost)
 * whole frames of the same plan are skipped at once, so the walk below
 * stays short; the frame grid is kept.
 */
static void skip_frames(uint64_t now)
{
	uint64_t major = timelines[plan].major_ns, behind;

	if (next_plan != plan || now - frame_start < 2 * major)
		return;
	behind = (now - frame_start) / major - 1;
	frame_start += behind * major;
}

/* Advance past every boundary that has passed: after a long gap, and at
 * the frame boundary where a plan switch takes effect. */
static void advance_slow(uint64_t now)
{
	skip_frames(now);
	do {
		if (++slot == timelines[plan].n_slots) {
			frame_start += timelines[plan].major_ns;
			slot = 0;
			if (next_plan != plan) {
				plan = next_plan;
				kprintf("schedule: plan %u from %llu us\n", plan,
					frame_start / 1000);
			}
		}
	} while (frame_start + timelines[plan].slots[slot].end_ns <= now);
	enter_slot(now);
}

/*
 * At a slot's end: normally the next slot (of the same frame, or the
 * first of the next frame of the same plan) is the one that runs now, and
 * only its end needs checking; everything else takes advance_slow.
 */
/* The slot that ends, for the trace: out of line, so that the switch
 * path keeps its registers when the class is off. */
static void __attribute__((noinline, cold)) trace_slot_end(void)
{
	const struct slot *s = &timelines[plan].slots[slot];

	trace_put(BH_TR_WIN_END, s->partition == IDLE_SLOT ? BH_TRACE_NO_PART
		  : s->partition, s->window | plan << 8, 0);
}

void sched_advance(uint64_t now)
{
	const struct timeline *t;
	unsigned next;
	uint64_t start;

	if (trace_on(BH_TRACE_SCHED))
		trace_slot_end();
	t = &timelines[plan];
	next = slot + 1;
	start = frame_start;

	if (next == t->n_slots) {
		if (next_plan != plan) {
			advance_slow(now);
			return;
		}
		next = 0;
		start += t->major_ns;
	}
	if (now >= start + t->slots[next].end_ns) {
		advance_slow(now);
		return;
	}
	slot = next;
	frame_start = start;
	enter_slot(now);
}

/*
 * The running partition's time is up (its window's guard, see sched.h):
 * the processor idles until the slot's exact end, armed for it.  At the
 * end itself (or past it, interrupts having been off), the next slot.
 */
void sched_cut_reached(uint64_t now)
{
	if (now >= slot_end) {
		sched_advance(now);
		return;
	}
	sched_cut = slot_end;
	time_arm(slot_end);
	switch_to(0, now);
}

/* The current partition gives up the rest of its window. */
void sched_yield(void)
{
	switch_to(0, time_now_ns());
}

/*
 * BH_HC_IDLE: halt, in p's own window, until one of its lines is pending
 * or the window is over (then it returns when p next runs, at its next
 * window's start).  Interrupts are on while halted: the timer's
 * interrupt switches away at the window's end from here as from ring 3.
 * Its execution clock runs meanwhile: the window is its time.
 */
void sched_wait(struct partition *p)
{
	uint32_t n = switches;

	while (!p->vcpu.pending && switches == n)
		arch_idle();
}

/* The current partition was halted: never come back to its stack. */
void sched_leave(void)
{
	switch_to(0, time_now_ns());
	panic("a halted partition was resumed");
}

int sched_plan_switch(uint32_t p)
{
	if (p >= n_plans)
		return -BH_EINVAL;
	next_plan = p;
	if (sched_cut != ~0ull && sched_cut == slot_end) {    /* the last slot's guard, now due */
		sched_cut = slot_end - guard_of(&timelines[plan].slots[slot]);
		sched_rearm(time_now_ns());
	}
	return 0;
}

/* Boot ends here: this stack becomes the idle context. */
void sched_start(void)
{
	frame_start = time_now_ns();
	slot = 0;
	kprintf("schedule: plan %u, major frame %llu us, %u slots\n", plan,
		timelines[plan].major_ns / 1000, timelines[plan].n_slots);
	enter_slot(frame_start);
	for (;;)
		arch_idle();
}
