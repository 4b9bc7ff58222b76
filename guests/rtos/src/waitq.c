/*
 * Wait queues: the threads blocked on one object, FIFO or by priority.
 * For a priority-inheritance mutex the queue also records its owner, so a
 * change of waiters (arrival, timeout, deletion, a waiter's own priority
 * change) can be reflected in the owner's priority at once.
 */
#include "score.h"

static struct rtos_tcb *tcb_of(struct rtos_node *n)
{
	return n ? RTOS_CONTAINER_OF(n, struct rtos_tcb, node) : NULL;
}

void waitq_init(struct rtos_wait_queue *q, int priority_order, int inherit)
{
	chain_init(&q->waiters);
	q->priority_order = priority_order != 0;
	q->inherit = inherit != 0;
	q->owner = NULL;
	q->held_node.next = q->held_node.prev = NULL;
}

/* By current priority, behind the waiters of equal priority (FIFO among them). */
static void insert(struct rtos_wait_queue *q, struct rtos_tcb *t)
{
	struct rtos_node *n;

	if (q->priority_order) {
		for (n = chain_first(&q->waiters); n; n = chain_next(&q->waiters, n)) {
			if (tcb_of(n)->current_priority > t->current_priority) {
				chain_insert_before(n, &t->node);
				return;
			}
		}
	}
	chain_append(&q->waiters, &t->node);
}

void waitq_enqueue(struct rtos_wait_queue *q, struct rtos_tcb *t)
{
	insert(q, t);
	t->wait.queue = q;
	if (q->inherit && q->owner)
		thread_update_priority(q->owner);
}

void waitq_extract(struct rtos_tcb *t)
{
	struct rtos_wait_queue *q = t->wait.queue;

	chain_extract(&t->node);
	t->wait.queue = NULL;
	if (q->inherit && q->owner)
		thread_update_priority(q->owner);
}

struct rtos_tcb *waitq_first(const struct rtos_wait_queue *q)
{
	return tcb_of(chain_first(&q->waiters));
}

/* Only the position changes; thread_update_priority carries the change on. */
void waitq_requeue(struct rtos_tcb *t)
{
	struct rtos_wait_queue *q = t->wait.queue;

	if (!q->priority_order)
		return;
	chain_extract(&t->node);
	insert(q, t);
}

void waitq_flush(struct rtos_wait_queue *q, rtos_status_code status)
{
	struct rtos_tcb *t;

	while ((t = waitq_first(q)) != NULL)
		thread_unblock(t, status);
}

void waitq_set_owner(struct rtos_wait_queue *q, struct rtos_tcb *owner)
{
	struct rtos_tcb *old = q->owner;

	q->owner = owner;
	if (!q->inherit)
		return;
	if (old) {
		chain_extract(&q->held_node);
		thread_update_priority(old);
	}
	if (owner) {
		chain_append(&owner->held_mutexes, &q->held_node);
		thread_update_priority(owner);
	}
}

rtos_task_priority waitq_best_priority(const struct rtos_wait_queue *q)
{
	struct rtos_tcb *t = waitq_first(q);

	if (!t)
		return RTOS_PRIORITY_IDLE;
	if (q->priority_order)
		return t->current_priority;
	/* FIFO queues are not sorted (inheritance requires priority order,
	 * but stay correct if that ever changes). */
	{
		rtos_task_priority best = RTOS_PRIORITY_IDLE;
		struct rtos_node *n;

		for (n = chain_first(&q->waiters); n; n = chain_next(&q->waiters, n))
			if (tcb_of(n)->current_priority < best)
				best = tcb_of(n)->current_priority;
		return best;
	}
}
