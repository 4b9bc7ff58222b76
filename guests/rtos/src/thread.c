/*
 * Thread state changes: blocking, unblocking, timeouts, priorities.
 *
 * A thread is ready when its state is 0; any state bit takes it off the
 * ready queue and clearing the last one puts it back.  So a task that is
 * both waiting and suspended becomes ready only once both have ended, as
 * in RTEMS.
 *
 * Priority inheritance: a thread's current priority is the best of its
 * real priority and the best waiter of every inheritance mutex it holds.
 * thread_update_priority recomputes it and, if the thread is itself
 * blocked on an inheritance mutex, walks on to that mutex's owner -- so a
 * chain of holders is raised (and lowered again) transitively.  The walk
 * stops as soon as a priority does not change, which also ends it on a
 * deadlock cycle.
 */
#include "score.h"

static void thread_timeout(struct rtos_watchdog *wd)
{
	struct rtos_tcb *t = RTOS_CONTAINER_OF(wd, struct rtos_tcb, timer);

	if (t->state & TS_WAITING)
		thread_unblock(t, RTOS_TIMEOUT);
	else
		thread_clear_state(t, TS_DELAYING);
}

void thread_init(struct rtos_tcb *t, rtos_task_priority priority,
		 rtos_mode modes, rtos_attribute attributes)
{
	t->node.next = t->node.prev = NULL;
	t->timer.node.next = t->timer.node.prev = NULL;
	t->timer.fire = thread_timeout;
	t->state = TS_DORMANT;
	t->real_priority = t->current_priority = priority;
	t->modes = modes;
	t->attributes = attributes;
	t->timeslice_left = (int32_t)rtos_sched.timeslice_ticks;
	t->wait = (struct rtos_wait_info){ 0 };
	t->events_pending = 0;
	chain_init(&t->held_mutexes);
	t->mutexes_held = 0;
}

void thread_set_state(struct rtos_tcb *t, uint32_t bits)
{
	int was_ready = t->state == TS_READY;

	t->state |= bits;
	if (was_ready && t->state != TS_READY)
		sched_remove(t);
}

void thread_clear_state(struct rtos_tcb *t, uint32_t bits)
{
	if (!(t->state & bits))
		return;
	t->state &= ~bits;
	if (t->state == TS_READY)
		sched_add(t, 0);
}

void thread_block(struct rtos_tcb *t, struct rtos_wait_queue *queue,
		  uint32_t state, rtos_interval timeout)
{
	t->wait.status = RTOS_SUCCESSFUL;
	thread_set_state(t, state);      /* frees t->node for the wait queue */
	if (queue)
		waitq_enqueue(queue, t);
	if (timeout)
		watchdog_arm(&t->timer, rtos_clock.ticks + timeout);
}

void thread_unblock(struct rtos_tcb *t, rtos_status_code status)
{
	watchdog_disarm(&t->timer);
	if (t->wait.queue)
		waitq_extract(t);
	t->wait.status = status;
	thread_clear_state(t, TS_BLOCKED);
}

static rtos_task_priority inherited_priority(const struct rtos_tcb *t)
{
	rtos_task_priority p = t->real_priority, w;
	struct rtos_node *n;

	for (n = chain_first(&t->held_mutexes); n; n = chain_next(&t->held_mutexes, n)) {
		w = waitq_best_priority(RTOS_CONTAINER_OF(n, struct rtos_wait_queue, held_node));
		if (w < p)
			p = w;
	}
	return p;
}

/*
 * A ready thread moves to its new priority's chain: at the tail when
 * raised or when asked (set_priority), at the head when it drops back
 * after inheritance -- it was running on borrowed priority and should not
 * also lose its place among its equals.
 */
static void apply_priority(struct rtos_tcb *t, rtos_task_priority p, int prepend_if_lower)
{
	int lower = p > t->current_priority;

	if (t->state == TS_READY) {
		sched_remove(t);
		t->current_priority = p;
		sched_add(t, lower && prepend_if_lower);
	} else {
		t->current_priority = p;
		if (t->wait.queue)
			waitq_requeue(t);
	}
}

static void propagate(struct rtos_tcb *t, int prepend_if_lower)
{
	rtos_task_priority p;

	while (t) {
		p = inherited_priority(t);
		if (p == t->current_priority)
			return;
		apply_priority(t, p, prepend_if_lower);
		prepend_if_lower = 1;
		t = (t->wait.queue && t->wait.queue->inherit) ? t->wait.queue->owner : NULL;
	}
}

void thread_update_priority(struct rtos_tcb *t)
{
	propagate(t, 1);
}

void thread_set_real_priority(struct rtos_tcb *t, rtos_task_priority p)
{
	t->real_priority = p;
	propagate(t, 0);
}

void rtos_thread_body(struct rtos_tcb *t)
{
	t->entry(t->arg);
	rtos_task_exit();
}
