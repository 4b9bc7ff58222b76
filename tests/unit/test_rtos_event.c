/* RTOS core: events. */
#include "test_rtos.h"

#define E(n) RTOS_EVENT_SET(n)

static void test_any_and_all(void **state)
{
	rtos_event_set out = 0;

	RT_OK(rtos_event_send(RTOS_SELF, E(1) | E(3)));
	RT_OK(rtos_event_receive(E(1) | E(2), RTOS_EVENT_ANY | RTOS_NO_WAIT, 0, &out));
	assert_int_equal(out, E(1));              /* only what satisfied it is taken */
	assert_int_equal(rtos_event_receive(E(2) | E(3), RTOS_EVENT_ALL | RTOS_NO_WAIT, 0, &out),
			 RTOS_UNSATISFIED);
	assert_int_equal(out, 0);
	RT_OK(rtos_event_receive(RTOS_PENDING_EVENTS, 0, 0, &out));
	assert_int_equal(out, E(3));              /* an unsatisfied ALL took nothing */
	RT_OK(rtos_event_send(RTOS_SELF, E(2)));
	RT_OK(rtos_event_receive(E(2) | E(3), RTOS_EVENT_ALL | RTOS_NO_WAIT, 0, &out));
	assert_int_equal(out, E(2) | E(3));
	RT_OK(rtos_event_receive(RTOS_PENDING_EVENTS, 0, 0, &out));
	assert_int_equal(out, 0);
}

/* A task waiting for all of a set wakes only when the last one arrives. */
static void test_wait_all(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);
	rtos_event_set out;

	rtos_event_receive(E(0) | E(4), RTOS_EVENT_ALL, 0, &out);
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_event_send(h, E(0)));
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_event_send(h, E(4) | E(7)));
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_SUCCESSFUL);
	assert_int_equal(rt_tcb(h)->wait.events, E(0) | E(4));
	assert_int_equal(rt_tcb(h)->events_pending, E(7));
}

static void test_wait_any_from_isr(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);
	rtos_event_set out;

	rtos_event_receive(E(0) | E(4), RTOS_EVENT_ANY, 0, &out);
	rt_isr_begin();
	RT_OK(rtos_event_send(h, E(4)));
	assert_int_equal(rtos_event_receive(E(1), 0, 0, &out), RTOS_CALLED_FROM_ISR);
	rt_isr_end();
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_tcb(h)->wait.events, E(4));
}

static void test_timeout(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);
	rtos_event_set out;

	rtos_event_receive(E(0), RTOS_EVENT_ALL, 4, &out);
	rt_ticks(3);
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(1);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_TIMEOUT);
}

static void test_errors(void **state)
{
	assert_int_equal(rtos_event_send(0x01000077, E(0)), RTOS_INVALID_ID);
	assert_int_equal(rtos_event_receive(E(0), 0, 0, NULL), RTOS_INVALID_ADDRESS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_any_and_all, rt_setup),
		cmocka_unit_test_setup(test_wait_all, rt_setup),
		cmocka_unit_test_setup(test_wait_any_from_isr, rt_setup),
		cmocka_unit_test_setup(test_timeout, rt_setup),
		cmocka_unit_test_setup(test_errors, rt_setup),
	};

	return cmocka_run_group_tests_name("rtos_event", tests, NULL, NULL);
}
