/*
 * Rate-monotonic periods.  A period belongs to the task that created it.
 * Its watchdog marks the end of each period: if the owner is already
 * waiting in rtos_rate_monotonic_period, the next period starts right at
 * that instant (no drift) and the owner runs; otherwise the owner is late
 * -- a missed deadline, counted -- and its next period() call returns
 * RTOS_TIMEOUT and starts a fresh period from that moment.
 *
 * Ends that pass while the partition is out of its window are seen at the
 * catch-up announcement (clock.c), so an overrun is counted even if the
 * partition was not running when the deadline passed.
 */
#include "score.h"

enum { RM_INACTIVE, RM_ACTIVE, RM_EXPIRED };

struct rtos_period {
	struct rtos_object obj;
	struct rtos_tcb *owner;
	uint32_t state;
	rtos_interval length;        /* of the period now running */
	struct rtos_watchdog timer;
	struct rtos_period_statistics stats;
};

static struct rtos_period periods[RTOS_MAX_PERIODS];

void ratemon_reset_table(void)
{
	unsigned i;

	for (i = 0; i < RTOS_MAX_PERIODS; i++)
		periods[i].obj.id = 0;
}

static struct rtos_period *period_get(rtos_id id)
{
	return (struct rtos_period *)(void *)object_get(OBJECT_TABLE(periods), OBJ_PERIOD, id);
}

static int owner_waits_on(const struct rtos_period *p)
{
	return p->owner && (p->owner->state & TS_WAIT_PERIOD) &&
	       p->owner->wait.buffer == (const void *)p;
}

static void period_end(struct rtos_watchdog *wd)
{
	struct rtos_period *p = RTOS_CONTAINER_OF(wd, struct rtos_period, timer);

	if (owner_waits_on(p)) {
		p->stats.count++;
		watchdog_arm(&p->timer, p->timer.expire + p->length);
		thread_unblock(p->owner, RTOS_SUCCESSFUL);
	} else {
		p->state = RM_EXPIRED;
		p->stats.missed_count++;
	}
}

static void start_period(struct rtos_period *p, rtos_interval length)
{
	p->state = RM_ACTIVE;
	p->length = length;
	p->stats.count++;
	watchdog_arm(&p->timer, rtos_clock.ticks + length);
}

rtos_status_code rtos_rate_monotonic_create(rtos_name name, rtos_id *id)
{
	unsigned level;
	struct rtos_period *p;

	if (!id)
		return RTOS_INVALID_ADDRESS;
	if (!name)
		return RTOS_INVALID_NAME;
	level = rtos_arch_isr_disable();
	p = (struct rtos_period *)(void *)object_alloc(OBJECT_TABLE(periods), OBJ_PERIOD, name);
	if (p) {
		p->owner = rtos_sched.executing;
		p->state = RM_INACTIVE;
		p->length = 0;
		p->timer.node.next = p->timer.node.prev = NULL;
		p->timer.fire = period_end;
		p->stats = (struct rtos_period_statistics){ 0, 0 };
		*id = p->obj.id;
	}
	rtos_arch_isr_restore(level);
	return p ? RTOS_SUCCESSFUL : RTOS_TOO_MANY;
}

static void stop(struct rtos_period *p)
{
	watchdog_disarm(&p->timer);
	p->state = RM_INACTIVE;
	if (owner_waits_on(p))
		thread_unblock(p->owner, RTOS_OBJECT_WAS_DELETED);
}

rtos_status_code rtos_rate_monotonic_delete(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_period *p = period_get(id);

	if (p) {
		stop(p);
		object_free(&p->obj);
		rtos_dispatch();
	}
	rtos_arch_isr_restore(level);
	return p ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}

rtos_status_code rtos_rate_monotonic_cancel(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_period *p = period_get(id);
	rtos_status_code r = RTOS_SUCCESSFUL;

	if (!p)
		r = RTOS_INVALID_ID;
	else if (p->owner != rtos_sched.executing)
		r = RTOS_NOT_OWNER_OF_RESOURCE;
	else
		stop(p);
	rtos_arch_isr_restore(level);
	return r;
}

static rtos_status_code period_status(const struct rtos_period *p)
{
	if (p->state == RM_INACTIVE)
		return RTOS_NOT_DEFINED;
	return p->state == RM_EXPIRED ? RTOS_TIMEOUT : RTOS_SUCCESSFUL;
}

rtos_status_code rtos_rate_monotonic_period(rtos_id id, rtos_interval length)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_period *p = period_get(id);
	struct rtos_tcb *t = rtos_sched.executing;
	rtos_status_code r = RTOS_SUCCESSFUL;

	if (!p) {
		r = RTOS_INVALID_ID;
	} else if (p->owner != t || rtos_arch_in_isr()) {
		r = RTOS_NOT_OWNER_OF_RESOURCE;
	} else if (length == RTOS_PERIOD_STATUS) {
		r = period_status(p);
	} else if (p->state == RM_ACTIVE) {
		/* Wait for the end of this period; the next one gets this length. */
		p->length = length;
		t->wait.buffer = p;
		thread_block(t, NULL, TS_WAIT_PERIOD, 0);
		rtos_dispatch();
		rtos_arch_isr_restore(level);
		return t->wait.status;
	} else {
		r = p->state == RM_EXPIRED ? RTOS_TIMEOUT : RTOS_SUCCESSFUL;
		start_period(p, length);
	}
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_rate_monotonic_get_statistics(rtos_id id,
						    struct rtos_period_statistics *out)
{
	unsigned level;
	struct rtos_period *p;

	if (!out)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	p = period_get(id);
	if (p)
		*out = p->stats;
	rtos_arch_isr_restore(level);
	return p ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}

rtos_status_code rtos_rate_monotonic_ident(rtos_name name, rtos_id *id)
{
	return object_ident(OBJECT_TABLE(periods), name, id);
}

/* The owner is being deleted: its periods stop and can no longer be used. */
void ratemon_forget_owner(struct rtos_tcb *t)
{
	unsigned i;

	for (i = 0; i < RTOS_MAX_PERIODS; i++) {
		if (periods[i].obj.id && periods[i].owner == t) {
			watchdog_disarm(&periods[i].timer);
			periods[i].state = RM_INACTIVE;
			periods[i].owner = NULL;
		}
	}
}
