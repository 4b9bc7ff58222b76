/*
 * Events: 32 flags per task.  Sending ORs them into the task's pending set;
 * a receiver waits for all or any of a set, and the events that satisfy it
 * are taken out of the pending set in the same step.
 */
#include "score.h"

/* The events of wanted that satisfy the condition, or 0. */
static rtos_event_set satisfying(rtos_event_set pending, rtos_event_set wanted,
				 rtos_option option)
{
	rtos_event_set got = pending & wanted;

	if (!got)
		return 0;
	return (got == wanted || (option & RTOS_EVENT_ANY)) ? got : 0;
}

rtos_status_code rtos_event_send(rtos_id id, rtos_event_set events)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_tcb *t = task_get(id);
	rtos_event_set got;

	if (!t || t == &rtos_idle_tcb) {
		rtos_arch_isr_restore(level);
		return RTOS_INVALID_ID;
	}
	t->events_pending |= events;
	if (t->state & TS_WAIT_EVENT) {
		got = satisfying(t->events_pending, t->wait.events, t->wait.option);
		if (got) {
			t->events_pending &= ~got;
			t->wait.events = got;
			thread_unblock(t, RTOS_SUCCESSFUL);
		}
	}
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return RTOS_SUCCESSFUL;
}

rtos_status_code rtos_event_receive(rtos_event_set events, rtos_option option,
				    rtos_interval timeout, rtos_event_set *out)
{
	unsigned level;
	struct rtos_tcb *t;
	rtos_event_set got;

	if (!out)
		return RTOS_INVALID_ADDRESS;
	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	t = rtos_sched.executing;
	if (events == RTOS_PENDING_EVENTS) {
		*out = t->events_pending;
		rtos_arch_isr_restore(level);
		return RTOS_SUCCESSFUL;
	}
	got = satisfying(t->events_pending, events, option);
	if (got || (option & RTOS_NO_WAIT)) {
		t->events_pending &= ~got;
		*out = got;
		rtos_arch_isr_restore(level);
		return got ? RTOS_SUCCESSFUL : RTOS_UNSATISFIED;
	}
	t->wait.events = events;
	t->wait.option = option;
	thread_block(t, NULL, TS_WAIT_EVENT, timeout);
	rtos_dispatch();
	*out = t->wait.status == RTOS_SUCCESSFUL ? t->wait.events : 0;
	rtos_arch_isr_restore(level);
	return t->wait.status;
}
