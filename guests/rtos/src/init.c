/*
 * The portable half of rtos_start: reset the tables, create the idle task
 * and the first task.  Nothing runs yet; the caller switches to the heir.
 */
#include "score.h"

#define DEFAULT_TICK_US          10000u
#define DEFAULT_TIMESLICE_TICKS  5u
#define IDLE_STACK_SIZE          RTOS_MINIMUM_STACK_SIZE

static rtos_task_entry idle_entry;

static void idle_init(rtos_task_entry body)
{
	struct rtos_tcb *t = &rtos_idle_tcb;

	idle_entry = body;
	thread_init(t, RTOS_PRIORITY_IDLE, RTOS_DEFAULT_MODES, RTOS_DEFAULT_ATTRIBUTES);
	t->obj.name = RTOS_BUILD_NAME('I', 'D', 'L', 'E');
	if (task_allocate_memory(t, IDLE_STACK_SIZE, RTOS_DEFAULT_ATTRIBUTES) != RTOS_SUCCESSFUL)
		rtos_arch_fatal(RTOS_UNSATISFIED, "no workspace for the idle task");
	t->entry = idle_entry;
	t->arg = 0;
	rtos_arch_context_init(t);
	thread_clear_state(t, TS_DORMANT);
}

rtos_status_code rtos_core_init(const struct rtos_config *cfg, uint64_t epoch_ns,
				rtos_task_entry idle_body, rtos_id *init_id)
{
	uint32_t tick_us = cfg->tick_us ? cfg->tick_us : DEFAULT_TICK_US;
	rtos_status_code r;

	sched_init(cfg->timeslice_ticks ? cfg->timeslice_ticks : DEFAULT_TIMESLICE_TICKS);
	clock_init(epoch_ns, (uint64_t)tick_us * 1000u);
	task_reset_table();
	sem_reset_table();
	msgq_reset_table();
	ratemon_reset_table();
	cond_reset_table();
	idle_init(idle_body);
	if (!cfg->init_entry)
		return RTOS_INVALID_ADDRESS;
	r = rtos_task_create(cfg->init_name ? cfg->init_name : RTOS_BUILD_NAME('I', 'N', 'I', 'T'),
			     cfg->init_priority ? cfg->init_priority : 1,
			     cfg->init_stack_size ? cfg->init_stack_size : 2 * RTOS_MINIMUM_STACK_SIZE,
			     cfg->init_modes, cfg->init_attributes, init_id);
	if (r != RTOS_SUCCESSFUL)
		return r;
	return rtos_task_start(*init_id, cfg->init_entry, cfg->init_argument);
}
