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
#include <bulkhead/errno.h>
#include <bulkhead/hypercall.h>

#define VTIMER_MIN_PERIOD 50000ull       /* 50 us: no interrupt storms */

uint64_t next_wall_deadline;             /* earliest armed wall timer, 0 = none */

static void update_next_wall(void)
{
	unsigned i;

	next_wall_deadline = 0;
	for (i = 0; i < n_partitions; i++) {
		const struct vtimer *t = &partitions[i].vcpu.timer;

		if (t->deadline && t->clock == BH_CLOCK_WALL &&
		    (!next_wall_deadline || t->deadline < next_wall_deadline))
			next_wall_deadline = t->deadline;
	}
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
	update_next_wall();
	return 0;
}

/* Fire t if due at clock value now; returns 1 if it fired. */
static int fire(struct partition *p, struct vtimer *t, uint64_t now)
{
	uint32_t missed;

	if (!vtimer_due(t->deadline, now))
		return 0;
	vcpu_raise(p, BH_VIRQ_TIMER);
	missed = vtimer_advance(&t->deadline, t->period, now);
	if (missed)
		p->vcpu.shared->raised[BH_VIRQ_TIMER] += missed;
	return 1;
}

void vtimer_fire_exec(struct partition *p, uint64_t now)
{
	fire(p, &p->vcpu.timer, partition_exec_ns(p, now));
}

/* Fire the due wall timers and find the next deadline in the same pass
 * (what update_next_wall would find after them). */
void vtimer_fire_wall(uint64_t now)
{
	uint64_t next = 0;
	unsigned i;

	for (i = 0; i < n_partitions; i++) {
		struct partition *q = &partitions[i];
		struct vtimer *t = &q->vcpu.timer;

		if (!t->deadline || t->clock != BH_CLOCK_WALL)
			continue;
		if (q->state == PART_RUNNABLE)
			fire(q, t, now);
		if (t->deadline && (!next || t->deadline < next))
			next = t->deadline;
	}
	next_wall_deadline = next;
}
