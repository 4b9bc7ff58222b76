/* The fake arch for the host unit tests of the RTOS core (see test_rtos.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_rtos.h"

int rt_in_isr;
unsigned rt_level;
unsigned rt_switches;
rtos_id rt_init;
uint64_t rt_now_ns;

static _Alignas(16) unsigned char workspace[1u << 20];

unsigned rtos_arch_isr_disable(void)
{
	unsigned prev = rt_level;

	rt_level = 1;
	return prev;
}

void rtos_arch_isr_restore(unsigned level)
{
	rt_level = level;
}

int rtos_arch_in_isr(void)
{
	return rt_in_isr;
}

uint64_t rtos_arch_now_ns(void)
{
	return rt_now_ns;
}

void rtos_arch_context_init(struct rtos_tcb *t)
{
	t->ctx.frame = NULL;
}

void rtos_arch_context_switch(struct rtos_tcb *from, struct rtos_tcb *to)
{
	(void)from;
	(void)to;
	rt_switches++;
}

void rtos_arch_fp_init(struct rtos_tcb *t)
{
	memset(t->ctx.fp_area, 0, 512);
}

void rtos_arch_fp_forget(struct rtos_tcb *t)
{
	(void)t;
}

void rtos_arch_fatal(rtos_status_code code, const char *why)
{
	fprintf(stderr, "RTOS fatal: %s (%s)\n", why, rtos_status_text(code));
	abort();
}

static void body(rtos_task_argument arg)
{
	(void)arg;
}

void rt_boot(rtos_task_priority init_priority)
{
	struct rtos_config cfg = {
		.tick_us = (uint32_t)(RT_TICK_NS / 1000),
		.timeslice_ticks = RT_TIMESLICE,
		.init_priority = init_priority,
		.init_entry = body,
	};

	memset(workspace, 0xa5, sizeof(workspace));
	workspace_init(workspace, sizeof(workspace));
	rt_in_isr = 0;
	rt_level = 1;
	rt_now_ns = RT_EPOCH_NS;
	assert_int_equal(rtos_core_init(&cfg, RT_EPOCH_NS, body, &rt_init), RTOS_SUCCESSFUL);
	rtos_sched.started = 1;
	sched_take_heir();
	rt_switches = 0;
	rt_level = 0;
	assert_int_equal(rt_running(), rt_init);
}

int rt_setup(void **state)
{
	(void)state;
	rt_boot(10);
	return 0;
}

static rtos_name name_of(const char *s)
{
	return RTOS_BUILD_NAME(s[0], s[1], s[2], s[3]);
}

rtos_id rt_task_attr(const char *name4, rtos_task_priority prio, rtos_mode modes,
		     rtos_attribute attributes)
{
	rtos_id id = 0;

	RT_OK(rtos_task_create(name_of(name4), prio, 0, modes, attributes, &id));
	RT_OK(rtos_task_start(id, body, 0));
	return id;
}

rtos_id rt_task(const char *name4, rtos_task_priority prio, rtos_mode modes)
{
	return rt_task_attr(name4, prio, modes, RTOS_DEFAULT_ATTRIBUTES);
}

struct rtos_tcb *rt_tcb(rtos_id id)
{
	struct rtos_tcb *t = task_get(id);

	assert_non_null(t);
	return t;
}

rtos_id rt_running(void)
{
	return rtos_sched.executing == &rtos_idle_tcb ? 0 : rtos_sched.executing->obj.id;
}

rtos_status_code rt_result(rtos_id id)
{
	return rt_tcb(id)->wait.status;
}

void rt_isr_begin(void)
{
	rt_in_isr = 1;
	rt_level = 1;
}

void rt_isr_end(void)
{
	rt_in_isr = 0;
	if (rtos_dispatch_from_isr())
		rt_switches++;
	rt_level = 0;
}

void rt_advance(uint64_t ns)
{
	rt_now_ns += ns;
	rt_isr_begin();
	clock_catch_up(rt_now_ns);
	rt_isr_end();
}

void rt_ticks(unsigned n)
{
	while (n--)
		rt_advance(RT_TICK_NS);
}
