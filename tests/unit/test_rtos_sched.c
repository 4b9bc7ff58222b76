/* RTOS core: task manager and scheduling (preemption, round-robin, modes). */
#include "test_rtos.h"

/* The highest priority runs; blocking hands over in priority order. */
static void test_preemption_order(void **state)
{
	rtos_id a, b, c;

	rt_boot(1);                         /* INIT above everyone */
	a = rt_task("TA5 ", 5, 0);
	b = rt_task("TA3 ", 3, 0);
	c = rt_task("TA7 ", 7, 0);
	assert_int_equal(rt_running(), rt_init);
	assert_int_equal(rt_switches, 0);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), b);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), a);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), c);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), 0);  /* idle */
	assert_int_equal(rt_switches, 4);
}

/* Starting a higher-priority task preempts at once; a lower one does not. */
static void test_start_preempts(void **state)
{
	rtos_id low, high;

	low = rt_task("LOW ", 20, 0);
	assert_int_equal(rt_running(), rt_init);
	high = rt_task("HIGH", 5, 0);
	assert_int_equal(rt_running(), high);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), rt_init);
	(void)low;
}

/* A preempted task resumes before the other tasks of its priority. */
static void test_preempted_keeps_its_place(void **state)
{
	rtos_id b, h;

	b = rt_task("B   ", 10, 0);                /* behind INIT at 10 */
	h = rt_task("H   ", 1, 0);
	assert_int_equal(rt_running(), h);
	RT_OK(rtos_task_wake_after(2));
	assert_int_equal(rt_running(), rt_init);   /* not B */
	rt_ticks(2);
	assert_int_equal(rt_running(), h);
	(void)b;
}

/* Time slicing rotates equals every RT_TIMESLICE ticks; no slicing, no rotation. */
static void test_round_robin(void **state)
{
	rtos_id a, b, c;
	rtos_mode old;

	rt_boot(1);
	a = rt_task("A   ", 5, RTOS_TIMESLICE);
	b = rt_task("B   ", 5, RTOS_TIMESLICE);
	c = rt_task("C   ", 5, RTOS_TIMESLICE);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), a);
	rt_ticks(RT_TIMESLICE - 1);
	assert_int_equal(rt_running(), a);
	rt_ticks(1);
	assert_int_equal(rt_running(), b);
	rt_ticks(RT_TIMESLICE);
	assert_int_equal(rt_running(), c);
	rt_ticks(RT_TIMESLICE);
	assert_int_equal(rt_running(), a);
	/* Switch slicing off for A: it keeps the processor. */
	RT_OK(rtos_task_mode(RTOS_NO_TIMESLICE, RTOS_TIMESLICE_MASK, &old));
	assert_int_equal(old & RTOS_TIMESLICE_MASK, RTOS_TIMESLICE);
	rt_ticks(4 * RT_TIMESLICE);
	assert_int_equal(rt_running(), a);
}

/* Ticks announced together (after time out of the window) use up the quantum. */
static void test_round_robin_late_ticks(void **state)
{
	rtos_id a, b;

	rt_boot(1);
	a = rt_task("A   ", 5, RTOS_TIMESLICE);
	b = rt_task("B   ", 5, RTOS_TIMESLICE);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), a);
	rt_advance(5 * RT_TICK_NS);
	assert_int_equal(rt_running(), b);
}

static void test_yield(void **state)
{
	rtos_id b;

	b = rt_task("B   ", 10, 0);
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_task_wake_after(RTOS_YIELD_PROCESSOR));
	assert_int_equal(rt_running(), b);
	RT_OK(rtos_task_wake_after(RTOS_YIELD_PROCESSOR));
	assert_int_equal(rt_running(), rt_init);
	/* Alone at its priority, a yield keeps the processor. */
	RT_OK(rtos_task_suspend(b));
	RT_OK(rtos_task_wake_after(RTOS_YIELD_PROCESSOR));
	assert_int_equal(rt_running(), rt_init);
}

static void test_no_preempt_mode(void **state)
{
	rtos_id h;
	rtos_mode old;

	RT_OK(rtos_task_mode(RTOS_NO_PREEMPT, RTOS_PREEMPT_MASK, &old));
	h = rt_task("H   ", 1, 0);
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(3);
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_task_mode(RTOS_PREEMPT, RTOS_PREEMPT_MASK, &old));
	assert_int_equal(old, RTOS_NO_PREEMPT);
	assert_int_equal(rt_running(), h);
}

static void test_set_priority(void **state)
{
	rtos_id b;
	rtos_task_priority old, cur;

	b = rt_task("B   ", 20, 0);
	RT_OK(rtos_task_set_priority(b, RTOS_CURRENT_PRIORITY, &old));
	assert_int_equal(old, 20);
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_task_set_priority(b, 2, &old));        /* raise another above us */
	assert_int_equal(old, 20);
	assert_int_equal(rt_running(), b);
	RT_OK(rtos_task_set_priority(RTOS_SELF, 30, &old)); /* lower ourselves */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_task_get_current_priority(b, &cur));
	assert_int_equal(cur, 30);
	assert_int_equal(rtos_task_set_priority(b, 0 + 256, &old), RTOS_INVALID_PRIORITY);
	assert_int_equal(rtos_task_set_priority(0x01ff0009, 5, &old), RTOS_INVALID_ID);
}

static void test_suspend_resume(void **state)
{
	rtos_id b;

	b = rt_task("B   ", 20, 0);
	RT_OK(rtos_task_suspend(b));
	assert_int_equal(rtos_task_suspend(b), RTOS_ALREADY_SUSPENDED);
	assert_int_equal(rtos_task_is_suspended(b), RTOS_ALREADY_SUSPENDED);
	RT_OK(rtos_task_resume(b));
	assert_int_equal(rtos_task_resume(b), RTOS_INCORRECT_STATE);
	assert_int_equal(rtos_task_is_suspended(b), RTOS_SUCCESSFUL);
}

/* A task suspended while delayed becomes ready only when both have ended. */
static void test_suspended_and_delayed(void **state)
{
	rtos_id b;

	b = rt_task("B   ", 5, 0);
	assert_int_equal(rt_running(), b);
	RT_OK(rtos_task_wake_after(2));
	RT_OK(rtos_task_suspend(b));
	rt_ticks(3);
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_task_resume(b));
	assert_int_equal(rt_running(), b);
}

static void test_create_errors(void **state)
{
	rtos_id id;
	unsigned i, made = 0;

	assert_int_equal(rtos_task_create(0, 5, 0, 0, 0, &id), RTOS_INVALID_NAME);
	assert_int_equal(rtos_task_create(1, 0, 0, 0, 0, &id), RTOS_INVALID_PRIORITY);
	assert_int_equal(rtos_task_create(1, 256, 0, 0, 0, &id), RTOS_INVALID_PRIORITY);
	assert_int_equal(rtos_task_create(1, 5, 0, 0, 0, NULL), RTOS_INVALID_ADDRESS);
	for (i = 0; i < RTOS_MAX_TASKS + 1; i++)
		if (rtos_task_create(1, 50, 0, 0, 0, &id) == RTOS_SUCCESSFUL)
			made++;
	assert_int_equal(made, RTOS_MAX_TASKS - 1);        /* INIT has one slot */
	assert_int_equal(rtos_task_create(1, 50, 0, 0, 0, &id), RTOS_TOO_MANY);
	assert_int_equal(rtos_task_start(id, NULL, 0), RTOS_INVALID_ADDRESS);
}

static void other_body(rtos_task_argument arg)
{
	(void)arg;
}

static void test_start_twice(void **state)
{
	rtos_id b = rt_task("B   ", 20, 0);

	assert_int_equal(rtos_task_start(b, other_body, 0), RTOS_INCORRECT_STATE);
}

/* Deleting frees the slot and the memory; a stale id is refused. */
static void test_delete(void **state)
{
	uint32_t before = rtos_workspace_free_bytes();
	rtos_id b = rt_task("B   ", 20, 0), again;

	assert_true(rtos_workspace_free_bytes() < before);
	RT_OK(rtos_task_delete(b));
	assert_int_equal(rtos_workspace_free_bytes(), before);
	assert_int_equal(rtos_task_delete(b), RTOS_INVALID_ID);
	again = rt_task("B   ", 20, 0);
	assert_int_not_equal(again, b);           /* same slot, new generation */
	assert_int_equal(rtos_task_suspend(b), RTOS_INVALID_ID);
}

static void test_delete_self(void **state)
{
	rtos_id b = rt_task("B   ", 5, 0);

	assert_int_equal(rt_running(), b);
	RT_OK(rtos_task_delete(RTOS_SELF));
	assert_int_equal(rt_running(), rt_init);
	assert_null(task_get(b));
}

static void test_ident_and_name(void **state)
{
	rtos_id b = rt_task("TA1 ", 20, 0), id;
	rtos_name name;

	RT_OK(rtos_task_ident(RTOS_BUILD_NAME('T', 'A', '1', ' '), &id));
	assert_int_equal(id, b);
	RT_OK(rtos_task_get_name(b, &name));
	assert_int_equal(name, RTOS_BUILD_NAME('T', 'A', '1', ' '));
	assert_int_equal(rtos_task_ident(RTOS_BUILD_NAME('N', 'O', 'N', 'E'), &id),
			 RTOS_INVALID_NAME);
	assert_int_equal(rtos_task_self(), rt_init);
}

/* From an interrupt: no switch inside the handler, one at its end. */
static void test_switch_at_isr_end(void **state)
{
	rtos_id h = rt_task("H   ", 1, 0);

	RT_OK(rtos_task_suspend(RTOS_SELF));   /* H suspends itself */
	assert_int_equal(rt_running(), rt_init);
	rt_isr_begin();
	RT_OK(rtos_task_resume(h));
	assert_int_equal(rt_running(), rt_init);
	assert_int_equal(rtos_task_wake_after(1), RTOS_CALLED_FROM_ISR);
	rt_isr_end();
	assert_int_equal(rt_running(), h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_preemption_order, rt_setup),
		cmocka_unit_test_setup(test_start_preempts, rt_setup),
		cmocka_unit_test_setup(test_preempted_keeps_its_place, rt_setup),
		cmocka_unit_test_setup(test_round_robin, rt_setup),
		cmocka_unit_test_setup(test_round_robin_late_ticks, rt_setup),
		cmocka_unit_test_setup(test_yield, rt_setup),
		cmocka_unit_test_setup(test_no_preempt_mode, rt_setup),
		cmocka_unit_test_setup(test_set_priority, rt_setup),
		cmocka_unit_test_setup(test_suspend_resume, rt_setup),
		cmocka_unit_test_setup(test_suspended_and_delayed, rt_setup),
		cmocka_unit_test_setup(test_create_errors, rt_setup),
		cmocka_unit_test_setup(test_start_twice, rt_setup),
		cmocka_unit_test_setup(test_delete, rt_setup),
		cmocka_unit_test_setup(test_delete_self, rt_setup),
		cmocka_unit_test_setup(test_ident_and_name, rt_setup),
		cmocka_unit_test_setup(test_switch_at_isr_end, rt_setup),
	};

	return cmocka_run_group_tests_name("rtos_sched", tests, NULL, NULL);
}
