/*
 * Processes.  A process is created DORMANT (no RTOS task); START creates
 * its task at the process's priority and, before NORMAL, only marks it to
 * be started when the partition enters NORMAL.  Its body waits for its
 * first release point (periodic: the start, or the start + DELAYED_START's
 * delay), sets its deadline (release + TIME_CAPACITY) and calls the entry
 * point; returning from it is STOP_SELF.  STOP deletes the task: the
 * process is DORMANT again and may be STARTed anew.
 */
#include "libpart.h"
#include "apex.h"

static int is_periodic(const struct apex_proc *p)
{
	return p->attr.PERIOD != INFINITE_TIME_VALUE;
}

static SYSTEM_TIME_TYPE deadline_after(const struct apex_proc *p, SYSTEM_TIME_TYPE t)
{
	return p->attr.TIME_CAPACITY == INFINITE_TIME_VALUE ? INFINITE_TIME_VALUE
							    : t + p->attr.TIME_CAPACITY;
}

/*
 * Sleep until wall-clock time t (a time already past: at once).  The RTOS
 * may announce a tick up to 1/16 tick early (its clock.c), so ask for the
 * tick at or after t + 1/8 tick: never early, at most a tick and an
 * eighth late.
 */
static void sleep_until(struct apex_proc *p, SYSTEM_TIME_TYPE t)
{
	if (t <= apex_now())
		return;
	p->flags |= PF_WAITING;
	rtos_task_wake_when((uint64_t)t + rtos_clock_tick_ns() / 8);
	p->flags &= ~PF_WAITING;
}

static void proc_body(rtos_task_argument arg)
{
	struct apex_proc *p = &apex.procs[arg];

	sleep_until(p, p->release);
	p->deadline = deadline_after(p, p->release);
	p->missed = 0;
	((void (*)(void))p->attr.ENTRY_POINT)();
	STOP_SELF();
}

void apex_proc_stopped(struct apex_proc *p)
{
	p->task = 0;
	p->flags = 0;
	p->self_suspended = 0;
	p->start_pending = 0;
	p->deadline = INFINITE_TIME_VALUE;
	p->prio = p->attr.BASE_PRIORITY;
}

/* Create and start p's task, released delay ns from now. */
static RETURN_CODE_TYPE launch(struct apex_proc *p, SYSTEM_TIME_TYPE delay)
{
	rtos_id t;

	p->prio = p->attr.BASE_PRIORITY;
	p->release = apex_now() + delay;
	p->deadline = deadline_after(p, p->release);
	p->missed = 0;
	if (rtos_task_create(RTOS_BUILD_NAME('A', 'P', 'X', 'P'), rtos_priority(p->prio),
			     (uint32_t)p->attr.STACK_SIZE, RTOS_DEFAULT_MODES,
			     RTOS_DEFAULT_ATTRIBUTES, &t) != RTOS_SUCCESSFUL)
		return INVALID_CONFIG;     /* out of tasks or memory */
	p->task = t;
	p->flags = PF_STARTED;
	rtos_task_start(t, proc_body, (rtos_task_argument)(p - apex.procs));
	return NO_ERROR;
}

void apex_start_pending(void)
{
	unsigned i;

	for (i = 0; i < MAX_NUMBER_OF_PROCESSES; i++) {
		struct apex_proc *p = &apex.procs[i];

		if (p->used && p->start_pending) {
			p->start_pending = 0;
			if (launch(p, p->delay) != NO_ERROR)
				bh_printf("APEX: no memory to start process %s\n", p->attr.NAME);
		}
	}
}

static struct apex_proc *find_name(const char *name)
{
	unsigned i;

	for (i = 0; i < MAX_NUMBER_OF_PROCESSES; i++)
		if (apex.procs[i].used && name_eq(apex.procs[i].attr.NAME, name))
			return &apex.procs[i];
	return NULL;
}

void CREATE_PROCESS(PROCESS_ATTRIBUTE_TYPE *a, PROCESS_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r;
	unsigned i;

	if (!a || !id) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (apex.mode == NORMAL) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	r = check_process(a, APEX_MIN_STACK);
	if (r == NO_ERROR && find_name(a->NAME))
		r = NO_ACTION;
	for (i = 0; r == NO_ERROR && i < MAX_NUMBER_OF_PROCESSES && apex.procs[i].used; i++)
		;
	if (r == NO_ERROR && i == MAX_NUMBER_OF_PROCESSES)
		r = INVALID_CONFIG;
	if (r == NO_ERROR) {
		struct apex_proc *p = &apex.procs[i];

		*p = (struct apex_proc){ .used = 1, .attr = *a };
		name_copy(p->attr.NAME, a->NAME);
		apex_proc_stopped(p);
		*id = apex_proc_id(p);
	}
	APEX_OUT(rc, r);
}

void GET_PROCESS_ID(const char *name, PROCESS_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = name && id ? find_name(name) : NULL;

	if (p)
		*id = apex_proc_id(p);
	APEX_OUT(rc, p ? NO_ERROR : INVALID_CONFIG);
}

void GET_MY_ID(PROCESS_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();

	if (!p || !id) {
		APEX_OUT(rc, INVALID_MODE);   /* the initialisation process has no id */
		return;
	}
	*id = apex_proc_id(p);
	APEX_OUT(rc, NO_ERROR);
}

void GET_PROCESS_STATUS(PROCESS_ID_TYPE id, PROCESS_STATUS_TYPE *s, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_proc_get(id);
	uint32_t flags;

	if (!p || !s) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	flags = p->flags | (p->start_pending ? PF_STARTED : 0);
	if (p == apex_self())
		flags |= PF_RUNNING;
	s->DEADLINE_TIME = p->deadline;
	s->CURRENT_PRIORITY = p->prio;
	s->PROCESS_STATE = proc_state(flags);
	s->ATTRIBUTES = p->attr;
	APEX_OUT(rc, NO_ERROR);
}

void SET_PRIORITY(PROCESS_ID_TYPE id, PRIORITY_TYPE prio, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_proc_get(id);
	rtos_task_priority old;

	if (!p || prio < MIN_PRIORITY_VALUE || prio > MAX_PRIORITY_VALUE) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (!(p->flags & PF_STARTED) && !p->start_pending) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	p->prio = prio;
	if (p->task)
		rtos_task_set_priority(p->task, rtos_priority(prio), &old);
	APEX_OUT(rc, NO_ERROR);
}

static RETURN_CODE_TYPE start_checks(struct apex_proc *p, SYSTEM_TIME_TYPE delay)
{
	if (!p || p->handler)
		return INVALID_PARAM;
	if (delay < 0 || (p->attr.PERIOD != INFINITE_TIME_VALUE && delay >= p->attr.PERIOD))
		return INVALID_PARAM;
	if ((p->flags & PF_STARTED) || p->start_pending)
		return NO_ACTION;
	return NO_ERROR;
}

void DELAYED_START(PROCESS_ID_TYPE id, SYSTEM_TIME_TYPE delay, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_proc_get(id);
	RETURN_CODE_TYPE r = start_checks(p, delay);

	if (r == NO_ERROR && apex.mode != NORMAL) {
		p->start_pending = 1;
		p->delay = delay;
		p->deadline = INFINITE_TIME_VALUE;
	} else if (r == NO_ERROR) {
		r = launch(p, delay);
	}
	APEX_OUT(rc, r);
}

void START(PROCESS_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	DELAYED_START(id, 0, rc);
}

void STOP_SELF(void)
{
	struct apex_proc *p = apex_self();

	apex.lock_level = 0;                /* a locking process gives the lock up */
	if (p) {                            /* (else the initialisation process) */
		apex_proc_stopped(p);
		if (p->handler)
			apex_handler_stopped(); /* start it again if errors wait */
	}
	rtos_task_exit();
}

void STOP(PROCESS_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_proc_get(id);
	rtos_id t;

	if (!p || p == apex_self() || p->handler) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (!(p->flags & PF_STARTED) && !p->start_pending) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	t = p->task;
	apex_proc_stopped(p);
	if (t)
		rtos_task_delete(t);
	APEX_OUT(rc, NO_ERROR);
}

void SUSPEND_SELF(SYSTEM_TIME_TYPE timeout, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	rtos_event_set got;
	rtos_status_code r;
	RETURN_CODE_TYPE m = check_timeout(timeout);

	if (m != NO_ERROR) {
		APEX_OUT(rc, m);
		return;
	}
	m = apex_may_block();
	if (m != NO_ERROR || is_periodic(p)) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	if (timeout == 0) {
		APEX_OUT(rc, NO_ERROR);
		return;
	}
	rtos_event_receive(APEX_EV_RESUME, RTOS_EVENT_ANY | RTOS_NO_WAIT, 0, &got);  /* stale */
	p->flags |= PF_SUSPENDED;
	p->self_suspended = 1;
	r = rtos_event_receive(APEX_EV_RESUME, RTOS_EVENT_ANY,
			       ns_to_ticks(timeout, rtos_clock_tick_ns()), &got);
	p->flags &= ~PF_SUSPENDED;
	p->self_suspended = 0;
	APEX_OUT(rc, r == RTOS_SUCCESSFUL ? NO_ERROR : TIMED_OUT);
}

void SUSPEND(PROCESS_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_proc_get(id);
	struct apex_proc *self = apex_self();

	if (!p || p == self || p->handler) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (self && self->handler == 0 && apex.lock_level > 0) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	if (!p->task || is_periodic(p)) {
		APEX_OUT(rc, INVALID_MODE);    /* dormant, or periodic */
		return;
	}
	if (p->flags & PF_SUSPENDED) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	p->flags |= PF_SUSPENDED;
	rtos_task_suspend(p->task);
	APEX_OUT(rc, NO_ERROR);
}

void RESUME(PROCESS_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_proc_get(id);

	if (!p || p == apex_self() || p->handler) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (!p->task) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	if (!(p->flags & PF_SUSPENDED)) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	if (p->self_suspended) {
		rtos_event_send(p->task, APEX_EV_RESUME);
	} else {
		p->flags &= ~PF_SUSPENDED;
		rtos_task_resume(p->task);
	}
	APEX_OUT(rc, NO_ERROR);
}

void LOCK_PREEMPTION(LOCK_LEVEL_TYPE *level, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	rtos_mode prev;

	if (!level || apex.mode != NORMAL || !p || p->handler) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	if (apex.lock_level >= MAX_LOCK_LEVEL) {
		APEX_OUT(rc, INVALID_CONFIG);
		return;
	}
	if (apex.lock_level++ == 0)
		rtos_task_mode(RTOS_NO_PREEMPT, RTOS_PREEMPT_MASK, &prev);
	*level = apex.lock_level;
	APEX_OUT(rc, NO_ERROR);
}

void UNLOCK_PREEMPTION(LOCK_LEVEL_TYPE *level, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	rtos_mode prev;

	if (!level || apex.mode != NORMAL || !p || p->handler || apex.lock_level == 0) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	*level = --apex.lock_level;
	if (apex.lock_level == 0)
		rtos_task_mode(RTOS_PREEMPT, RTOS_PREEMPT_MASK, &prev);
	APEX_OUT(rc, NO_ERROR);
}

/* ---------------------------------------------------------------- time -- */

void GET_TIME(SYSTEM_TIME_TYPE *t, RETURN_CODE_TYPE *rc)
{
	if (t)
		*t = apex_now();
	APEX_OUT(rc, t ? NO_ERROR : INVALID_PARAM);
}

void TIMED_WAIT(SYSTEM_TIME_TYPE delay, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	RETURN_CODE_TYPE r = apex_may_block();

	if (r != NO_ERROR) {
		APEX_OUT(rc, r);
		return;
	}
	if (delay < 0) {
		APEX_OUT(rc, INVALID_PARAM);   /* INFINITE_TIME_VALUE included */
		return;
	}
	if (delay == 0)
		rtos_task_wake_after(RTOS_YIELD_PROCESSOR);
	else
		sleep_until(p, apex_now() + delay);
	APEX_OUT(rc, NO_ERROR);
}

void PERIODIC_WAIT(RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	RETURN_CODE_TYPE r = apex_may_block();

	if (r != NO_ERROR || !is_periodic(p)) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	p->release += p->attr.PERIOD;
	/* The new deadline is set at the release, so the wait itself is never late. */
	p->deadline = INFINITE_TIME_VALUE;
	sleep_until(p, p->release);
	p->deadline = deadline_after(p, p->release);
	p->missed = 0;
	APEX_OUT(rc, NO_ERROR);
}

void REPLENISH(SYSTEM_TIME_TYPE budget, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	SYSTEM_TIME_TYPE d;

	if (apex.mode != NORMAL || !p || p->handler) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	if (budget < 0 && budget != INFINITE_TIME_VALUE) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	d = budget == INFINITE_TIME_VALUE ? INFINITE_TIME_VALUE : apex_now() + budget;
	if (is_periodic(p) && (d == INFINITE_TIME_VALUE || d > p->release + p->attr.PERIOD)) {
		APEX_OUT(rc, INVALID_MODE);    /* beyond the next release point */
		return;
	}
	p->deadline = d;
	p->missed = 0;
	APEX_OUT(rc, NO_ERROR);
}
