/*
 * Semaphores.
 *   counting       a count; release with waiters hands the unit to the first
 *   simple binary  0 or 1, no owner (signalling, e.g. from an ISR)
 *   binary         a mutex: an owner, nested obtains by the owner, release
 *                  only by the owner; with RTOS_INHERIT_PRIORITY the owner
 *                  runs at the best priority of its waiters (bounded
 *                  priority inversion), see thread.c.
 * A release with waiters hands the semaphore over directly, so a woken
 * waiter never has to compete for it again.
 */
#include "score.h"

struct rtos_sem {
	struct rtos_object obj;
	rtos_attribute attributes;
	uint32_t count;              /* counting, simple binary */
	uint32_t nest;               /* binary: obtains by the holder */
	struct rtos_tcb *holder;     /* binary */
	struct rtos_wait_queue wq;
};

static struct rtos_sem sems[RTOS_MAX_SEMAPHORES];

void sem_reset_table(void)
{
	unsigned i;

	for (i = 0; i < RTOS_MAX_SEMAPHORES; i++)
		sems[i].obj.id = 0;
}

static struct rtos_sem *sem_get(rtos_id id)
{
	return (struct rtos_sem *)(void *)object_get(OBJECT_TABLE(sems), OBJ_SEM, id);
}

static int is_mutex(const struct rtos_sem *s)
{
	return (s->attributes & RTOS_SEMAPHORE_CLASS) == RTOS_BINARY_SEMAPHORE;
}

static rtos_status_code check_attributes(uint32_t count, rtos_attribute a)
{
	rtos_attribute cls = a & RTOS_SEMAPHORE_CLASS;

	if (cls == RTOS_SEMAPHORE_CLASS)
		return RTOS_NOT_DEFINED;
	if (cls != RTOS_COUNTING_SEMAPHORE && count > 1)
		return RTOS_INVALID_NUMBER;
	if ((a & RTOS_INHERIT_PRIORITY) &&
	    (cls != RTOS_BINARY_SEMAPHORE || !(a & RTOS_PRIORITY)))
		return RTOS_NOT_DEFINED;
	return RTOS_SUCCESSFUL;
}

static void take_mutex(struct rtos_sem *s, struct rtos_tcb *t)
{
	s->holder = t;
	s->nest = 1;
	t->mutexes_held++;
	waitq_set_owner(&s->wq, t);
}

rtos_status_code rtos_semaphore_create(rtos_name name, uint32_t count,
				       rtos_attribute attributes, rtos_id *id)
{
	struct rtos_sem *s;
	rtos_status_code r;
	unsigned level;

	if (!id)
		return RTOS_INVALID_ADDRESS;
	if (!name)
		return RTOS_INVALID_NAME;
	r = check_attributes(count, attributes);
	if (r != RTOS_SUCCESSFUL)
		return r;
	level = rtos_arch_isr_disable();
	s = (struct rtos_sem *)(void *)object_alloc(OBJECT_TABLE(sems), OBJ_SEM, name);
	if (!s) {
		rtos_arch_isr_restore(level);
		return RTOS_TOO_MANY;
	}
	s->attributes = attributes;
	s->count = count;
	s->holder = NULL;
	s->nest = 0;
	waitq_init(&s->wq, attributes & RTOS_PRIORITY, attributes & RTOS_INHERIT_PRIORITY);
	/* A mutex created locked belongs to its creator (as in RTEMS). */
	if (is_mutex(s) && count == 0 && rtos_sched.executing)
		take_mutex(s, rtos_sched.executing);
	*id = s->obj.id;
	rtos_arch_isr_restore(level);
	return RTOS_SUCCESSFUL;
}

rtos_status_code rtos_semaphore_delete(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_sem *s = sem_get(id);

	if (!s || (is_mutex(s) && s->holder)) {
		rtos_arch_isr_restore(level);
		return s ? RTOS_RESOURCE_IN_USE : RTOS_INVALID_ID;
	}
	waitq_flush(&s->wq, RTOS_OBJECT_WAS_DELETED);
	object_free(&s->obj);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return RTOS_SUCCESSFUL;
}

/* Take it without waiting if possible. */
static int try_obtain(struct rtos_sem *s, struct rtos_tcb *t)
{
	if (is_mutex(s)) {
		if (!s->holder) {
			take_mutex(s, t);
			return 1;
		}
		if (s->holder == t) {
			s->nest++;
			return 1;
		}
		return 0;
	}
	if (!s->count)
		return 0;
	s->count--;
	return 1;
}

rtos_status_code rtos_semaphore_obtain(rtos_id id, rtos_option option, rtos_interval timeout)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_sem *s = sem_get(id);
	struct rtos_tcb *t = rtos_sched.executing;
	int in_isr = rtos_arch_in_isr();
	rtos_status_code r;

	if (!s) {
		r = RTOS_INVALID_ID;
	} else if (!(in_isr && is_mutex(s)) && try_obtain(s, t)) {
		r = RTOS_SUCCESSFUL;
	} else if (option & RTOS_NO_WAIT) {
		r = RTOS_UNSATISFIED;
	} else if (in_isr) {
		r = RTOS_CALLED_FROM_ISR;
	} else {
		thread_block(t, &s->wq, TS_WAIT_SEMAPHORE, timeout);
		rtos_dispatch();
		rtos_arch_isr_restore(level);
		return t->wait.status;
	}
	rtos_arch_isr_restore(level);
	return r;
}

static rtos_status_code release_mutex(struct rtos_sem *s, struct rtos_tcb *t)
{
	struct rtos_tcb *next;

	if (s->holder != t || rtos_arch_in_isr())
		return RTOS_NOT_OWNER_OF_RESOURCE;
	if (--s->nest)
		return RTOS_SUCCESSFUL;
	t->mutexes_held--;
	s->holder = NULL;
	next = waitq_first(&s->wq);
	if (next) {
		thread_unblock(next, RTOS_SUCCESSFUL);
		take_mutex(s, next);      /* also drops t's inherited priority */
	} else {
		waitq_set_owner(&s->wq, NULL);
	}
	return RTOS_SUCCESSFUL;
}

static rtos_status_code release_units(struct rtos_sem *s)
{
	struct rtos_tcb *next = waitq_first(&s->wq);

	if (next)
		thread_unblock(next, RTOS_SUCCESSFUL);
	else if ((s->attributes & RTOS_SEMAPHORE_CLASS) == RTOS_SIMPLE_BINARY_SEMAPHORE)
		s->count = 1;
	else if (s->count == UINT32_MAX)
		return RTOS_UNSATISFIED;
	else
		s->count++;
	return RTOS_SUCCESSFUL;
}

rtos_status_code rtos_semaphore_release(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_sem *s = sem_get(id);
	rtos_status_code r;

	if (!s)
		r = RTOS_INVALID_ID;
	else if (is_mutex(s))
		r = release_mutex(s, rtos_sched.executing);
	else
		r = release_units(s);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_semaphore_flush(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_sem *s = sem_get(id);
	rtos_status_code r = RTOS_SUCCESSFUL;

	if (!s)
		r = RTOS_INVALID_ID;
	else if (is_mutex(s))
		r = RTOS_NOT_DEFINED;
	else
		waitq_flush(&s->wq, RTOS_UNSATISFIED);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_semaphore_ident(rtos_name name, rtos_id *id)
{
	return object_ident(OBJECT_TABLE(sems), name, id);
}
