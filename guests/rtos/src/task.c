/*
 * Task manager: create, start, delete, suspend, resume, priorities,
 * modes and delays.  Every call follows one pattern: disable interrupts,
 * change the core state, dispatch if the heir changed, restore the level.
 * A blocking call returns after the dispatch, when the task runs again,
 * with the status its waker left in wait.status.
 */
#include "score.h"

#define STACK_CANARY  0x5354434bu   /* "STCK" at the lowest stack word */

static struct rtos_tcb tasks[RTOS_MAX_TASKS];
struct rtos_tcb rtos_idle_tcb;

void task_reset_table(void)
{
	unsigned i;

	for (i = 0; i < RTOS_MAX_TASKS; i++)
		tasks[i].obj.id = 0;
}

struct rtos_tcb *task_get(rtos_id id)
{
	if (id == RTOS_SELF)
		return rtos_sched.executing;
	return (struct rtos_tcb *)(void *)object_get(OBJECT_TABLE(tasks), OBJ_TASK, id);
}

/* A live, user-visible task (the idle task is not one), or NULL. */
static struct rtos_tcb *user_task(rtos_id id)
{
	struct rtos_tcb *t = task_get(id);

	return t == &rtos_idle_tcb ? NULL : t;
}

static int valid_priority(rtos_task_priority p)
{
	return p >= RTOS_PRIORITY_HIGHEST && p <= RTOS_PRIORITY_LOWEST;
}

static rtos_status_code finish(unsigned level, rtos_status_code status)
{
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return status;
}

int task_stack_intact(const struct rtos_tcb *t)
{
	return !t->stack || *(const uint32_t *)t->stack == STACK_CANARY;
}

/* Stack and FPU area from the workspace; interrupts disabled. */
rtos_status_code task_allocate_memory(struct rtos_tcb *t, uint32_t stack_size,
					rtos_attribute attributes)
{
	t->stack_size = (stack_size + 15u) & ~15u;
	t->stack = workspace_alloc(t->stack_size);
	t->ctx.fp_area = NULL;
	if (!t->stack)
		return RTOS_UNSATISFIED;
	*(uint32_t *)t->stack = STACK_CANARY;
	if (attributes & RTOS_FLOATING_POINT) {
		t->ctx.fp_area = workspace_alloc(512);
		if (!t->ctx.fp_area) {
			workspace_free(t->stack);
			t->stack = NULL;
			return RTOS_UNSATISFIED;
		}
		rtos_arch_fp_init(t);
	}
	return RTOS_SUCCESSFUL;
}

rtos_status_code rtos_task_create(rtos_name name, rtos_task_priority priority,
				  uint32_t stack_size, rtos_mode modes,
				  rtos_attribute attributes, rtos_id *id)
{
	struct rtos_tcb *t;
	rtos_status_code r;
	unsigned level;

	if (!id)
		return RTOS_INVALID_ADDRESS;
	if (!name)
		return RTOS_INVALID_NAME;
	if (!valid_priority(priority))
		return RTOS_INVALID_PRIORITY;
	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	if (stack_size < RTOS_MINIMUM_STACK_SIZE)
		stack_size = RTOS_MINIMUM_STACK_SIZE;
	level = rtos_arch_isr_disable();
	t = (struct rtos_tcb *)(void *)object_alloc(OBJECT_TABLE(tasks), OBJ_TASK, name);
	if (!t) {
		rtos_arch_isr_restore(level);
		return RTOS_TOO_MANY;
	}
	r = task_allocate_memory(t, stack_size, attributes);
	if (r != RTOS_SUCCESSFUL) {
		object_free(&t->obj);
	} else {
		thread_init(t, priority, modes, attributes);
		*id = t->obj.id;
	}
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_task_start(rtos_id id, rtos_task_entry entry, rtos_task_argument arg)
{
	unsigned level;
	struct rtos_tcb *t;

	if (!entry)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	t = user_task(id);
	if (!t || !(t->state & TS_DORMANT)) {
		rtos_arch_isr_restore(level);
		return t ? RTOS_INCORRECT_STATE : RTOS_INVALID_ID;
	}
	t->entry = entry;
	t->arg = arg;
	rtos_arch_context_init(t);
	thread_clear_state(t, TS_DORMANT);
	return finish(level, RTOS_SUCCESSFUL);
}

/* Take t out of every queue and give back what it owns; interrupts off. */
static void task_release(struct rtos_tcb *t)
{
	watchdog_disarm(&t->timer);
	if (t->wait.queue)
		waitq_extract(t);
	if (t->state == TS_READY)
		sched_remove(t);
	t->state = TS_DORMANT;
	ratemon_forget_owner(t);
	if (t->ctx.fp_area) {
		rtos_arch_fp_forget(t);
		workspace_free(t->ctx.fp_area);
	}
	/*
	 * Freeing the stack we may be running on is safe: nothing can
	 * allocate before we switch away, with interrupts disabled.
	 */
	workspace_free(t->stack);
	t->stack = NULL;
	object_free(&t->obj);
}

rtos_status_code rtos_task_delete(rtos_id id)
{
	unsigned level;
	struct rtos_tcb *t;

	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	t = user_task(id);
	if (!t || t->mutexes_held) {
		rtos_arch_isr_restore(level);
		return t ? RTOS_RESOURCE_IN_USE : RTOS_INVALID_ID;
	}
	task_release(t);
	if (t == rtos_sched.executing) {
		/* On the target this does not return: t is gone. */
		rtos_arch_context_switch(NULL, sched_take_heir());
		rtos_arch_isr_restore(level);
		return RTOS_SUCCESSFUL;
	}
	return finish(level, RTOS_SUCCESSFUL);
}

void rtos_task_exit(void)
{
	rtos_task_delete(RTOS_SELF);
	rtos_arch_fatal(RTOS_TASK_EXITTED, "a task exited holding a binary semaphore");
}

rtos_status_code rtos_task_suspend(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_tcb *t = user_task(id);

	if (!t || (t->state & TS_SUSPENDED)) {
		rtos_arch_isr_restore(level);
		return t ? RTOS_ALREADY_SUSPENDED : RTOS_INVALID_ID;
	}
	thread_set_state(t, TS_SUSPENDED);
	return finish(level, RTOS_SUCCESSFUL);
}

rtos_status_code rtos_task_resume(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_tcb *t = user_task(id);

	if (!t || !(t->state & TS_SUSPENDED)) {
		rtos_arch_isr_restore(level);
		return t ? RTOS_INCORRECT_STATE : RTOS_INVALID_ID;
	}
	thread_clear_state(t, TS_SUSPENDED);
	return finish(level, RTOS_SUCCESSFUL);
}

rtos_status_code rtos_task_is_suspended(rtos_id id)
{
	unsigned level = rtos_arch_isr_disable();
	struct rtos_tcb *t = user_task(id);
	rtos_status_code r = !t ? RTOS_INVALID_ID :
		(t->state & TS_SUSPENDED) ? RTOS_ALREADY_SUSPENDED : RTOS_SUCCESSFUL;

	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_task_set_priority(rtos_id id, rtos_task_priority new_priority,
					rtos_task_priority *old)
{
	unsigned level;
	struct rtos_tcb *t;

	if (!old)
		return RTOS_INVALID_ADDRESS;
	if (new_priority != RTOS_CURRENT_PRIORITY && !valid_priority(new_priority))
		return RTOS_INVALID_PRIORITY;
	level = rtos_arch_isr_disable();
	t = user_task(id);
	if (!t) {
		rtos_arch_isr_restore(level);
		return RTOS_INVALID_ID;
	}
	*old = t->real_priority;
	if (new_priority != RTOS_CURRENT_PRIORITY)
		thread_set_real_priority(t, new_priority);
	return finish(level, RTOS_SUCCESSFUL);
}

rtos_status_code rtos_task_get_current_priority(rtos_id id, rtos_task_priority *out)
{
	unsigned level;
	struct rtos_tcb *t;

	if (!out)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	t = task_get(id);
	if (t)
		*out = t->current_priority;
	rtos_arch_isr_restore(level);
	return t ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}

rtos_status_code rtos_task_mode(rtos_mode mode_set, rtos_mode mask, rtos_mode *previous)
{
	unsigned level;
	struct rtos_tcb *t;

	if (!previous)
		return RTOS_INVALID_ADDRESS;
	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	t = rtos_sched.executing;
	*previous = t->modes & RTOS_ALL_MODE_MASKS;
	mask &= RTOS_ALL_MODE_MASKS;
	if ((mode_set & mask & RTOS_TIMESLICE) && !(t->modes & RTOS_TIMESLICE))
		t->timeslice_left = (int32_t)rtos_sched.timeslice_ticks;
	t->modes = (t->modes & ~mask) | (mode_set & mask);
	return finish(level, RTOS_SUCCESSFUL);   /* preemption may be back on */
}

rtos_status_code rtos_task_wake_after(rtos_interval ticks)
{
	unsigned level;
	struct rtos_tcb *t;

	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	t = rtos_sched.executing;
	if (ticks == RTOS_YIELD_PROCESSOR)
		sched_yield(t);
	else
		thread_block(t, NULL, TS_DELAYING, ticks);
	return finish(level, RTOS_SUCCESSFUL);
}

/*
 * Sleep until the first tick at or after wall_ns.  A time already past on
 * the wall clock: RTOS_INVALID_CLOCK.  A time whose tick was announced
 * already (up to 1/16 tick early, see clock.c) has come: return at once.
 */
rtos_status_code rtos_task_wake_when(uint64_t wall_ns)
{
	unsigned level;
	struct rtos_tcb *t;
	uint64_t tick;

	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	if (wall_ns <= rtos_arch_now_ns())
		return RTOS_INVALID_CLOCK;
	level = rtos_arch_isr_disable();
	tick = clock_ticks_at_or_after(wall_ns);
	if (tick <= rtos_clock.ticks) {
		rtos_arch_isr_restore(level);
		return RTOS_SUCCESSFUL;
	}
	t = rtos_sched.executing;
	thread_block(t, NULL, TS_DELAYING, 0);
	watchdog_arm(&t->timer, tick);
	return finish(level, RTOS_SUCCESSFUL);
}

rtos_status_code rtos_task_ident(rtos_name name, rtos_id *id)
{
	return object_ident(OBJECT_TABLE(tasks), name, id);
}

rtos_id rtos_task_self(void)
{
	struct rtos_tcb *t = rtos_sched.executing;

	return t ? t->obj.id : 0;
}

rtos_status_code rtos_task_get_name(rtos_id id, rtos_name *name)
{
	unsigned level;
	struct rtos_tcb *t;

	if (!name)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	t = task_get(id);
	if (t)
		*name = t->obj.name;
	rtos_arch_isr_restore(level);
	return t ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}
