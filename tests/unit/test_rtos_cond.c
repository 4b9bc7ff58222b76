/* RTOS core: conditions (the wait queues APEX objects and ports block on). */
#include "test_rtos.h"

#define COND_NAME RTOS_BUILD_NAME('C', 'O', 'N', 'D')

static rtos_id cond(rtos_attribute attributes)
{
	rtos_id id = 0;

	RT_OK(rtos_condition_create(COND_NAME, attributes, &id));
	return id;
}

/* Signal wakes the first waiter only, in the condition's order. */
static void order(rtos_attribute attributes, int high_first)
{
	rtos_id c, l, h, first = 0;
	uint32_t n = 0;

	rt_boot(50);
	c = cond(attributes);
	l = rt_task("L   ", 20, 0);
	rtos_condition_wait(c, 0);               /* L waits first */
	h = rt_task("H   ", 10, 0);
	rtos_condition_wait(c, 0);               /* then H */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_condition_waiting(c, &n));
	assert_int_equal(n, 2);
	RT_OK(rtos_condition_first(c, &first));
	assert_int_equal(first, high_first ? h : l);
	RT_OK(rtos_condition_signal(c));
	assert_int_equal(rt_result(high_first ? h : l), RTOS_SUCCESSFUL);
	RT_OK(rtos_condition_waiting(c, &n));
	assert_int_equal(n, 1);
}

static void test_fifo(void **state)
{
	order(RTOS_FIFO, 0);
}

static void test_priority(void **state)
{
	order(RTOS_PRIORITY, 1);
}

/* A signal with nobody waiting is not remembered. */
static void test_signal_not_kept(void **state)
{
	rtos_id c = cond(RTOS_FIFO), t, first;

	assert_int_equal(rtos_condition_signal(c), RTOS_UNSATISFIED);
	assert_int_equal(rtos_condition_first(c, &first), RTOS_UNSATISFIED);
	t = rt_task("T   ", 5, 0);
	rtos_condition_wait(c, 0);               /* T blocks: the signal was lost */
	assert_int_equal(rt_running(), rt_init);
	assert_int_equal(rt_tcb(t)->state & TS_WAIT_CONDITION, TS_WAIT_CONDITION);
}

static void test_broadcast_and_timeout(void **state)
{
	rtos_id c = cond(RTOS_FIFO), a, b, d;
	uint32_t n = 0;

	a = rt_task("A   ", 5, 0);
	rtos_condition_wait(c, 0);
	b = rt_task("B   ", 6, 0);
	rtos_condition_wait(c, 0);
	d = rt_task("D   ", 7, 0);
	rtos_condition_wait(c, 2);               /* D: two ticks */
	rt_ticks(2);
	assert_int_equal(rt_result(d), RTOS_TIMEOUT);
	RT_OK(rtos_condition_broadcast(c, &n));
	assert_int_equal(n, 2);
	assert_int_equal(rt_result(a), RTOS_SUCCESSFUL);
	assert_int_equal(rt_result(b), RTOS_SUCCESSFUL);
	assert_int_equal(rt_running(), a);
}

/* A port's notification signals from an interrupt handler. */
static void test_isr_signal_and_delete(void **state)
{
	rtos_id c = cond(RTOS_PRIORITY), t, u;

	t = rt_task("T   ", 5, 0);
	rtos_condition_wait(c, 0);
	rt_isr_begin();
	RT_OK(rtos_condition_signal(c));
	assert_int_equal(rtos_condition_wait(c, 0), RTOS_CALLED_FROM_ISR);
	rt_isr_end();
	assert_int_equal(rt_running(), t);
	u = rt_task("U   ", 4, 0);
	rtos_condition_wait(c, 0);
	RT_OK(rtos_condition_delete(c));
	assert_int_equal(rt_result(u), RTOS_OBJECT_WAS_DELETED);
	assert_int_equal(rtos_condition_signal(c), RTOS_INVALID_ID);
	assert_int_equal(rtos_condition_create(0, 0, &u), RTOS_INVALID_NAME);
	assert_int_equal(rtos_condition_create(COND_NAME, 0, NULL), RTOS_INVALID_ADDRESS);
}

static uint64_t hook_ticks;
static unsigned hook_calls;

static void hook(uint64_t ticks)
{
	hook_ticks = ticks;
	hook_calls++;
}

/* The tick hook runs after each announcement, with the tick count reached. */
static void test_tick_hook(void **state)
{
	hook_calls = 0;
	rtos_clock_set_tick_hook(hook);
	rt_ticks(3);
	assert_int_equal(hook_calls, 3);
	assert_int_equal(hook_ticks, 3);
	rt_advance(5 * RT_TICK_NS);              /* late: one call for five ticks */
	assert_int_equal(hook_calls, 4);
	assert_int_equal(hook_ticks, 8);
	rtos_clock_set_tick_hook(NULL);
	rt_ticks(1);
	assert_int_equal(hook_calls, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_priority),
		cmocka_unit_test_setup(test_signal_not_kept, rt_setup),
		cmocka_unit_test_setup(test_broadcast_and_timeout, rt_setup),
		cmocka_unit_test_setup(test_isr_signal_and_delete, rt_setup),
		cmocka_unit_test_setup(test_tick_hook, rt_setup),
	};

	return cmocka_run_group_tests_name("rtos_cond", tests, NULL, NULL);
}
