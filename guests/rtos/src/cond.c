/*
 * Conditions: a wait queue and nothing else.  The objects built on them
 * (the APEX buffers, blackboards, semaphores, events and the blocking port
 * calls, guests/apex) keep their own state and test it with interrupts
 * disabled before waiting, which is what makes a lost wake-up impossible:
 * the level travels with the task through the switch.
 */
#include "score.h"

struct rtos_cond {
	struct rtos_object obj;
	struct rtos_wait_queue wq;
};

static struct rtos_cond conds[RTOS_MAX_CONDITIONS];

void cond_reset_table(void)
{
	unsigned i;

	for (i = 0; i < RTOS_MAX_CONDITIONS; i++)
		conds[i].obj.id = 0;
}

static struct rtos_cond *cond_get(rtos_id id)
{
	return (struct rtos_cond *)(void *)object_get(OBJECT_TABLE(conds), OBJ_COND, id);
}

rtos_status_code rtos_condition_create(rtos_name name, rtos_attribute attributes,
				       rtos_id *id)
{
	struct rtos_cond *c;
	unsigned level;

	if (!id)
		return RTOS_INVALID_ADDRESS;
	if (!name)
		return RTOS_INVALID_NAME;
	level = rtos_arch_isr_disable();
	c = (struct rtos_cond *)(void *)object_alloc(OBJECT_TABLE(conds), OBJ_COND, name);
	if (c) {
		waitq_init(&c->wq, attributes & RTOS_PRIORITY, 0);
		*id = c->obj.id;
	}
	rtos_arch_isr_restore(level);
	return c ? RTOS_SUCCESSFUL : RTOS_TOO_MANY;
}

rtos_status_code rtos_condition_delete(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_cond *c = cond_get(id);

	if (!c) {
		rtos_arch_isr_restore(level);
		return RTOS_INVALID_ID;
	}
	waitq_flush(&c->wq, RTOS_OBJECT_WAS_DELETED);
	object_free(&c->obj);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return RTOS_SUCCESSFUL;
}

rtos_status_code rtos_condition_wait(rtos_id id, rtos_interval timeout)
{
	unsigned level;
	struct rtos_cond *c;
	struct rtos_tcb *t;

	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	c = cond_get(id);
	if (!c) {
		rtos_arch_isr_restore(level);
		return RTOS_INVALID_ID;
	}
	t = rtos_sched.executing;
	thread_block(t, &c->wq, TS_WAIT_CONDITION, timeout);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return t->wait.status;
}

rtos_status_code rtos_condition_signal(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_cond *c = cond_get(id);
	struct rtos_tcb *t = c ? waitq_first(&c->wq) : NULL;

	if (t)
		thread_unblock(t, RTOS_SUCCESSFUL);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return !c ? RTOS_INVALID_ID : t ? RTOS_SUCCESSFUL : RTOS_UNSATISFIED;
}

rtos_status_code rtos_condition_broadcast(rtos_id id, uint32_t *count)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_cond *c = cond_get(id);
	struct rtos_tcb *t;
	uint32_t n = 0;

	while (c && (t = waitq_first(&c->wq)) != NULL) {
		thread_unblock(t, RTOS_SUCCESSFUL);
		n++;
	}
	if (count)
		*count = n;
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return c ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}

rtos_status_code rtos_condition_first(rtos_id id, rtos_id *task)
{
	unsigned level;
	struct rtos_cond *c;
	struct rtos_tcb *t;

	if (!task)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	c = cond_get(id);
	t = c ? waitq_first(&c->wq) : NULL;
	if (t)
		*task = t->obj.id;
	rtos_arch_isr_restore(level);
	return !c ? RTOS_INVALID_ID : t ? RTOS_SUCCESSFUL : RTOS_UNSATISFIED;
}

rtos_status_code rtos_condition_waiting(rtos_id id, uint32_t *count)
{
	unsigned level;
	struct rtos_cond *c;
	struct rtos_node *n;
	uint32_t k = 0;

	if (!count)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	c = cond_get(id);
	if (c)
		for (n = chain_first(&c->wq.waiters); n; n = chain_next(&c->wq.waiters, n))
			k++;
	*count = k;
	rtos_arch_isr_restore(level);
	return c ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}
