/*
 * Virtual timers: one per partition, on the wall clock or on the
 * partition's execution clock, one-shot or periodic, delivered as
 * BH_VIRQ_TIMER.  Raw ticks never reach a partition.  A wall timer that
 * expires outside the window stays pending and is delivered when the window
 * starts; the per-line raised[] counter records each missed period.
 */
#include "core/vcpu.h"
#include "core/vlines.h"
#include "core/partition.h"
#include "core/time.h"
#include "core/sched.h"
#include "core/console.h"
#include <bulkhead/errno.h>
#include <bulkhead/hypercall.h>

#define VTIMER_MIN_PERIOD 50000ull       /* 50 us: no interrupt storms */

/*
 * The partitions whose wall timer may be armed, per CPU (pcpu.wall_armed:
 * the partitions bound to it): the tick's pass visits only these (one,
 * typically), never every partition.  A bit may outlive its timer (a
 * reset disarms without looking here); the pass drops it.  A CPU's set
 * is written by that CPU only: by its partitions' own calls and its
 * timer's pass (a restart on another CPU's request runs on the
 * partition's CPU, issue 14 step 5).
 */
static void update_next_wall(struct pcpu *c)
{
	uint32_t armed = c->wall_armed;
	uint64_t next_wall_deadline = ~0ull;     /* ~0: none */

	while (armed) {
		const struct vtimer *t = &partitions[__builtin_ctz(armed)].vcpu.timer;

		armed &= armed - 1;
		if (t->deadline && t->clock == BH_CLOCK_WALL && t->deadline < next_wall_deadline)
			next_wall_deadline = t->deadline;
	}
	c->next_wall = next_wall_deadline;
}

int vtimer_set(struct partition *p, uint32_t flags, uint64_t first, uint64_t period)
{
	struct vtimer *t = &p->vcpu.timer;

	if (flags & ~BH_TIMER_CLOCK_MASK)
		return -BH_EINVAL;
	if (period && period < VTIMER_MIN_PERIOD)
		return -BH_EINVAL;
	t->clock = flags & BH_TIMER_CLOCK_MASK;
	t->period = period;
	t->deadline = first;
	if (first && t->clock == BH_CLOCK_WALL)
		pcpus[p->cpu].wall_armed |= 1u << (p - partitions);
	update_next_wall(&pcpus[p->cpu]);
	if (p == current)
		sched_rearm(time_now_ns());    /* it may be due before the window ends */
	return 0;
}

uint64_t vtimer_next_armed(const struct partition *p, uint64_t now)
{
	const struct vtimer *t = &p->vcpu.timer;
	uint64_t ran;

	if (t->clock == BH_CLOCK_WALL)
		return t->deadline;
	ran = partition_exec_ns(p, now);
	return t->deadline > ran ? now + (t->deadline - ran) : now;
}

/* A due expiry that is not simply the next period: a one-shot, missed
 * periods, a deadline that saturates.  Out of line, so that the common
 * case below keeps its registers. */
static __attribute__((noinline)) void advance_slow(struct vcpu *v, struct vtimer *t,
						   uint64_t now)
{
	uint32_t missed = vtimer_advance(&t->deadline, t->period, now);

	if (missed)
		v->shared->raised[BH_VIRQ_TIMER] += missed;
}

/* Fire t if due at clock value now.  The common case — the next period
 * is in the future and does not wrap (so the period is not 0) — is one
 * addition: what vtimer_advance computes then, without its division. */
static inline void fire(struct partition *p, struct vtimer *t, uint64_t now)
{
	struct vcpu *v = &p->vcpu;
	uint64_t due = t->deadline, next = due + t->period;

	if (!vtimer_due(due, now))
		return;
	vlines_raise(v->shared, &v->pending, &v->attached, BH_VIRQ_TIMER);
	if (next > due && next > now)
		t->deadline = next;
	else
		advance_slow(v, t, now);
}

void vtimer_fire_exec(struct partition *p, uint64_t now)
{
	fire(p, &p->vcpu.timer, partition_exec_ns(p, now));
}

/* Fire the due wall timers and find the next deadline in the same pass
 * (what update_next_wall would find after them), over the armed ones.
 * "None" is ~0, so the earliest is a plain minimum. */
void vtimer_fire_wall(uint64_t now)
{
	struct pcpu *c = pcpu_this();
	uint32_t armed = c->wall_armed, keep = 0;
	uint64_t next = ~0ull;

	while (armed) {
		unsigned i = (unsigned)__builtin_ctz(armed);
		struct partition *q = &partitions[i];
		struct vtimer *t = &q->vcpu.timer;

		armed &= armed - 1;
		if (!t->deadline || t->clock != BH_CLOCK_WALL)
			continue;
		if (q->state == PART_RUNNABLE)
			fire(q, t, now);
		if (!t->deadline)
			continue;
		keep |= 1u << i;
		if (t->deadline < next)
			next = t->deadline;
	}
	c->wall_armed = keep;
	c->next_wall = next;
}

/*
 * The common timer interrupt inside a window: the running partition's
 * own periodic wall timer is due and nothing else is — it is the only
 * wall timer armed, its next period is ahead and does not wrap, the
 * window's cut is later, the interrupt is not early (one-shot timer).
 * (timer_event tests the cut and the one-shot mode before it calls this.)
 * What timer_event, vtimer_fire_wall and sched_rearm would do then, in
 * one pass: the tick count, the vCPU's clocks, the line raised, the next
 * period (which is then the earliest wall deadline), the console's check
 * and the timer armed for the next period or the cut, whichever is
 * first.  0 (nothing done) in every other case: timer_event's general
 * path.  All of it this CPU's (issue 14): its partition, its wall timers
 * (pcpu), its timer; the tick count and the console's check the boot
 * CPU's only, as in timer_event.  On one CPU with the local APIC's timer
 * entry.S (ticktraps) does the same before any C, from ring 3: a change
 * here is a change there.
 */
int vtimer_own_tick(uint64_t now)
{
	struct pcpu *c = pcpu_this();
	struct partition *p = c->cur;
	struct vtimer *t;
	struct vcpu *v;
	uint64_t due, next;

	if (!p || c->wall_armed != 1u << p->id || now < c->timer.next)
		return 0;
	t = &p->vcpu.timer;
	due = t->deadline;
	next = due + t->period;
	if (t->clock != BH_CLOCK_WALL || !vtimer_due(due, now) || next <= due ||
	    next <= now || p->state != PART_RUNNABLE)
		return 0;
	v = &p->vcpu;
	if (c == pcpus)             /* the boot CPU's (a compare, no reload) */
		timebase.ticks++;
	vcpu_tick(p, now);
	vlines_raise(v->shared, &v->pending, &v->attached, BH_VIRQ_TIMER);
	t->deadline = next;
	c->next_wall = next;
	if (c == pcpus)
		console_tick();
	time_arm(next < c->cut ? next : c->cut);
	return 1;
}
