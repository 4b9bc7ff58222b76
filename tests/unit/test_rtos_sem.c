/* RTOS core: semaphores, mutexes and priority inheritance. */
#include "test_rtos.h"

#define SEM_NAME RTOS_BUILD_NAME('S', 'E', 'M', ' ')

static rtos_id sem(uint32_t count, rtos_attribute attributes)
{
	rtos_id id = 0;

	RT_OK(rtos_semaphore_create(SEM_NAME, count, attributes, &id));
	return id;
}

static rtos_task_priority current(rtos_id task)
{
	rtos_task_priority p = 0;

	RT_OK(rtos_task_get_current_priority(task, &p));
	return p;
}

static void test_counting(void **state)
{
	rtos_id s = sem(2, RTOS_COUNTING_SEMAPHORE);

	RT_OK(rtos_semaphore_obtain(s, RTOS_NO_WAIT, 0));
	RT_OK(rtos_semaphore_obtain(s, RTOS_NO_WAIT, 0));
	assert_int_equal(rtos_semaphore_obtain(s, RTOS_NO_WAIT, 0), RTOS_UNSATISFIED);
	RT_OK(rtos_semaphore_release(s));
	RT_OK(rtos_semaphore_obtain(s, RTOS_WAIT, RTOS_NO_TIMEOUT));
	assert_int_equal(rt_running(), rt_init);   /* did not block */
}

/* A release with a waiter hands the unit over (the count stays 0). */
static void test_block_and_handoff(void **state)
{
	rtos_id s = sem(0, RTOS_COUNTING_SEMAPHORE);
	rtos_id h = rt_task("H   ", 5, 0);

	rtos_semaphore_obtain(s, RTOS_WAIT, RTOS_NO_TIMEOUT);  /* H blocks */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_semaphore_release(s));
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_SUCCESSFUL);
	assert_int_equal(rtos_semaphore_obtain(s, RTOS_NO_WAIT, 0), RTOS_UNSATISFIED);
}

/* Waiters are served FIFO or by priority, as the attribute says. */
static void serve_order(rtos_attribute order, int expect_high_first)
{
	rtos_id s, l, h;

	rt_boot(50);
	s = sem(0, order);
	l = rt_task("L   ", 20, 0);
	rtos_semaphore_obtain(s, RTOS_WAIT, 0);    /* L waits first */
	h = rt_task("H   ", 10, 0);
	rtos_semaphore_obtain(s, RTOS_WAIT, 0);    /* then H */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_semaphore_release(s));
	assert_int_equal(rt_running(), expect_high_first ? h : l);
}

static void test_fifo_order(void **state)
{
	serve_order(RTOS_FIFO, 0);
}

static void test_priority_order(void **state)
{
	serve_order(RTOS_PRIORITY, 1);
}

static void test_timeout(void **state)
{
	rtos_id s = sem(0, RTOS_COUNTING_SEMAPHORE);
	rtos_id h = rt_task("H   ", 5, 0);

	rtos_semaphore_obtain(s, RTOS_WAIT, 3);
	rt_ticks(2);
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(1);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_TIMEOUT);
}

static void test_delete_wakes_waiters(void **state)
{
	rtos_id s = sem(0, RTOS_PRIORITY);
	rtos_id h = rt_task("H   ", 5, 0);

	rtos_semaphore_obtain(s, RTOS_WAIT, 0);
	RT_OK(rtos_semaphore_delete(s));
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_OBJECT_WAS_DELETED);
	assert_int_equal(rtos_semaphore_release(s), RTOS_INVALID_ID);
}

static void test_flush(void **state)
{
	rtos_id s = sem(0, RTOS_COUNTING_SEMAPHORE);
	rtos_id h = rt_task("H   ", 5, 0);

	rtos_semaphore_obtain(s, RTOS_WAIT, 0);
	RT_OK(rtos_semaphore_flush(s));
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_UNSATISFIED);
}

static void test_simple_binary(void **state)
{
	rtos_id s = sem(0, RTOS_SIMPLE_BINARY_SEMAPHORE);

	RT_OK(rtos_semaphore_release(s));
	RT_OK(rtos_semaphore_release(s));            /* stays at 1 */
	RT_OK(rtos_semaphore_obtain(s, RTOS_NO_WAIT, 0));
	assert_int_equal(rtos_semaphore_obtain(s, RTOS_NO_WAIT, 0), RTOS_UNSATISFIED);
}

static void test_mutex_owner_and_nesting(void **state)
{
	rtos_id m = sem(1, RTOS_BINARY_SEMAPHORE | RTOS_PRIORITY);
	rtos_id h;

	RT_OK(rtos_semaphore_obtain(m, RTOS_NO_WAIT, 0));
	RT_OK(rtos_semaphore_obtain(m, RTOS_NO_WAIT, 0));    /* nested */
	assert_int_equal(rtos_semaphore_delete(m), RTOS_RESOURCE_IN_USE);
	assert_int_equal(rtos_task_delete(RTOS_SELF), RTOS_RESOURCE_IN_USE);
	h = rt_task("H   ", 5, 0);
	assert_int_equal(rtos_semaphore_release(m), RTOS_NOT_OWNER_OF_RESOURCE);
	assert_int_equal(rtos_semaphore_obtain(m, RTOS_NO_WAIT, 0), RTOS_UNSATISFIED);
	rtos_semaphore_obtain(m, RTOS_WAIT, 0);                /* H blocks */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_semaphore_release(m));                      /* nest 2 -> 1 */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_semaphore_release(m));
	assert_int_equal(rt_running(), h);                     /* now H owns it */
	assert_int_equal(rtos_semaphore_delete(m), RTOS_RESOURCE_IN_USE);
	RT_OK(rtos_semaphore_release(m));
	RT_OK(rtos_semaphore_delete(m));
}

static void test_attribute_errors(void **state)
{
	rtos_id id;

	assert_int_equal(rtos_semaphore_create(SEM_NAME, 2, RTOS_BINARY_SEMAPHORE, &id),
			 RTOS_INVALID_NUMBER);
	assert_int_equal(rtos_semaphore_create(SEM_NAME, 1,
			 RTOS_BINARY_SEMAPHORE | RTOS_INHERIT_PRIORITY, &id), RTOS_NOT_DEFINED);
	assert_int_equal(rtos_semaphore_create(SEM_NAME, 1,
			 RTOS_COUNTING_SEMAPHORE | RTOS_PRIORITY | RTOS_INHERIT_PRIORITY, &id),
			 RTOS_NOT_DEFINED);
	assert_int_equal(rtos_semaphore_create(0, 1, 0, &id), RTOS_INVALID_NAME);
	assert_int_equal(rtos_semaphore_obtain(0x02010001, RTOS_NO_WAIT, 0), RTOS_INVALID_ID);
}

/*
 * The classic inversion: L holds the mutex, H waits for it, M (between
 * them) becomes ready.  With inheritance L runs at H's priority, so M
 * cannot run until L releases; H gets the mutex before M runs.
 */
static void inversion(rtos_attribute attributes, int inherit)
{
	rtos_id m, l, mid, h;

	rt_boot(1);
	m = sem(1, RTOS_BINARY_SEMAPHORE | RTOS_PRIORITY | attributes);
	l = rt_task("L   ", 30, 0);
	mid = rt_task("M   ", 20, 0);
	h = rt_task("H   ", 10, 0);
	RT_OK(rtos_task_suspend(mid));
	RT_OK(rtos_task_suspend(h));
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), l);
	RT_OK(rtos_semaphore_obtain(m, RTOS_WAIT, 0));         /* L holds it */
	rt_isr_begin();
	RT_OK(rtos_task_resume(h));
	rt_isr_end();
	assert_int_equal(rt_running(), h);
	rtos_semaphore_obtain(m, RTOS_WAIT, 0);                /* H blocks */
	assert_int_equal(rt_running(), l);
	assert_int_equal(current(l), inherit ? 10 : 30);
	rt_isr_begin();
	RT_OK(rtos_task_resume(mid));                          /* M ready */
	rt_isr_end();
	if (!inherit) {
		assert_int_equal(rt_running(), mid);           /* unbounded inversion */
		return;
	}
	assert_int_equal(rt_running(), l);                     /* M must wait */
	RT_OK(rtos_semaphore_release(m));
	assert_int_equal(current(l), 30);
	assert_int_equal(rt_running(), h);                     /* before M */
	assert_int_equal(rt_result(h), RTOS_SUCCESSFUL);
}

static void test_priority_inheritance(void **state)
{
	inversion(RTOS_INHERIT_PRIORITY, 1);
}

static void test_no_inheritance_control(void **state)
{
	inversion(0, 0);
}

/* L holds A; M holds B and waits for A; H waits for B: L runs at H's priority. */
static void test_transitive_inheritance(void **state)
{
	rtos_attribute pi = RTOS_BINARY_SEMAPHORE | RTOS_PRIORITY | RTOS_INHERIT_PRIORITY;
	rtos_id a, b, l, mid, h;

	rt_boot(1);
	a = sem(1, pi);
	b = sem(1, pi);
	l = rt_task("L   ", 30, 0);
	mid = rt_task("M   ", 20, 0);
	h = rt_task("H   ", 10, 0);
	RT_OK(rtos_task_suspend(mid));
	RT_OK(rtos_task_suspend(h));
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), l);
	RT_OK(rtos_semaphore_obtain(a, RTOS_WAIT, 0));         /* L holds A */
	RT_OK(rtos_task_resume(mid));
	assert_int_equal(rt_running(), mid);
	RT_OK(rtos_semaphore_obtain(b, RTOS_WAIT, 0));         /* M holds B */
	rtos_semaphore_obtain(a, RTOS_WAIT, 0);                /* M waits for A */
	assert_int_equal(rt_running(), l);
	assert_int_equal(current(l), 20);
	RT_OK(rtos_task_resume(h));
	assert_int_equal(rt_running(), h);
	rtos_semaphore_obtain(b, RTOS_WAIT, 5);                /* H waits for B */
	assert_int_equal(rt_running(), l);
	assert_int_equal(current(mid), 10);
	assert_int_equal(current(l), 10);
	/* H gives up (timeout): the chain drops back to M's priority. */
	rt_ticks(5);
	assert_int_equal(rt_result(h), RTOS_TIMEOUT);
	assert_int_equal(rt_running(), h);
	assert_int_equal(current(mid), 20);
	assert_int_equal(current(l), 20);
}

/* Signalling from an interrupt: the waiting task runs when the ISR ends. */
static void test_isr_release(void **state)
{
	rtos_id s = sem(0, RTOS_SIMPLE_BINARY_SEMAPHORE);
	rtos_id h = rt_task("H   ", 5, 0);

	rtos_semaphore_obtain(s, RTOS_WAIT, 0);
	rt_isr_begin();
	RT_OK(rtos_semaphore_release(s));
	assert_int_equal(rt_running(), rt_init);
	assert_int_equal(rtos_semaphore_obtain(s, RTOS_WAIT, 0), RTOS_CALLED_FROM_ISR);
	rt_isr_end();
	assert_int_equal(rt_running(), h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_counting, rt_setup),
		cmocka_unit_test_setup(test_block_and_handoff, rt_setup),
		cmocka_unit_test_setup(test_fifo_order, rt_setup),
		cmocka_unit_test_setup(test_priority_order, rt_setup),
		cmocka_unit_test_setup(test_timeout, rt_setup),
		cmocka_unit_test_setup(test_delete_wakes_waiters, rt_setup),
		cmocka_unit_test_setup(test_flush, rt_setup),
		cmocka_unit_test_setup(test_simple_binary, rt_setup),
		cmocka_unit_test_setup(test_mutex_owner_and_nesting, rt_setup),
		cmocka_unit_test_setup(test_attribute_errors, rt_setup),
		cmocka_unit_test_setup(test_priority_inheritance, rt_setup),
		cmocka_unit_test_setup(test_no_inheritance_control, rt_setup),
		cmocka_unit_test_setup(test_transitive_inheritance, rt_setup),
		cmocka_unit_test_setup(test_isr_release, rt_setup),
	};

	return cmocka_run_group_tests_name("rtos_sem", tests, NULL, NULL);
}
