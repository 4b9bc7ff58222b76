/* APEX object logic (guests/apex/src/obj.c) on the host. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "obj.h"
#include "arinc653/semaphore.h"

static void test_ring_fifo_full_empty(void **state)
{
	uint8_t store[3 * 8];
	uint32_t lens[3], len = 0;
	struct apex_ring r;
	char buf[8];

	ring_init(&r, store, lens, 8, 3);
	assert_int_equal(ring_get(&r, buf, &len), -1);
	assert_int_equal(ring_put(&r, "a", 2), 0);
	assert_int_equal(ring_put(&r, "bb", 3), 0);
	assert_int_equal(ring_put(&r, "ccc", 4), 0);
	assert_int_equal(ring_put(&r, "d", 2), -1);      /* full: nothing overwritten */
	assert_int_equal(r.count, 3);
	assert_int_equal(ring_get(&r, buf, &len), 0);
	assert_string_equal(buf, "a");
	assert_int_equal(len, 2);
	assert_int_equal(ring_put(&r, "eeeeeee", 8), 0); /* wraps around */
	assert_int_equal(ring_get(&r, buf, &len), 0);
	assert_string_equal(buf, "bb");
	assert_int_equal(ring_get(&r, buf, &len), 0);
	assert_string_equal(buf, "ccc");
	assert_int_equal(ring_get(&r, buf, &len), 0);
	assert_string_equal(buf, "eeeeeee");
	assert_int_equal(len, 8);
	assert_int_equal(ring_get(&r, buf, &len), -1);
}

static void test_slot(void **state)
{
	uint8_t m[8];
	struct apex_slot s = { .msg = m, .size = 8 };
	uint32_t len = 99;
	char buf[8];

	assert_int_equal(slot_read(&s, buf, &len), -1);
	assert_int_equal(len, 99);
	slot_display(&s, "FL350", 6);
	assert_int_equal(slot_read(&s, buf, &len), 0);
	assert_string_equal(buf, "FL350");
	assert_int_equal(slot_read(&s, buf, &len), 0);   /* reading keeps it */
	slot_display(&s, "FL9", 4);                      /* a new one replaces it */
	assert_int_equal(slot_read(&s, buf, &len), 0);
	assert_string_equal(buf, "FL9");
	assert_int_equal(len, 4);
	slot_clear(&s);
	assert_int_equal(slot_read(&s, buf, &len), -1);
}

static void test_semaphore_value(void **state)
{
	APEX_INTEGER v = 1;

	assert_int_equal(semv_take(&v), 1);
	assert_int_equal(v, 0);
	assert_int_equal(semv_take(&v), 0);
	assert_int_equal(semv_give(&v, 2), NO_ERROR);
	assert_int_equal(semv_give(&v, 2), NO_ERROR);
	assert_int_equal(semv_give(&v, 2), NO_ACTION);   /* at the maximum */
	assert_int_equal(v, 2);
}

static void test_checks(void **state)
{
	assert_int_equal(check_timeout(0), NO_ERROR);
	assert_int_equal(check_timeout(INFINITE_TIME_VALUE), NO_ERROR);
	assert_int_equal(check_timeout(-2), INVALID_PARAM);
	assert_int_equal(check_discipline(FIFO), NO_ERROR);
	assert_int_equal(check_discipline((QUEUING_DISCIPLINE_TYPE)2), INVALID_PARAM);
	assert_int_equal(check_send_length(0, 8), INVALID_PARAM);
	assert_int_equal(check_send_length(-1, 8), INVALID_PARAM);
	assert_int_equal(check_send_length(9, 8), INVALID_CONFIG);
	assert_int_equal(check_send_length(8, 8), NO_ERROR);
	assert_int_equal(check_semaphore(0, 1, FIFO), NO_ERROR);
	assert_int_equal(check_semaphore(2, 1, FIFO), INVALID_PARAM);
	assert_int_equal(check_semaphore(-1, 1, FIFO), INVALID_PARAM);
	assert_int_equal(check_semaphore(0, 0, FIFO), INVALID_PARAM);
	assert_int_equal(check_semaphore(0, MAX_SEMAPHORE_VALUE + 1, FIFO), INVALID_PARAM);
	assert_int_equal(check_semaphore(0, 1, (QUEUING_DISCIPLINE_TYPE)9), INVALID_PARAM);
	assert_int_equal(check_queue(8, 4, PRIORITY), NO_ERROR);
	assert_int_equal(check_queue(0, 4, PRIORITY), INVALID_PARAM);
	assert_int_equal(check_queue(8, 0, PRIORITY), INVALID_PARAM);
	assert_int_equal(check_queue(SYSTEM_LIMIT_MESSAGE_SIZE + 1, 1, FIFO), INVALID_PARAM);
}

static void entry(void)
{
}

static void test_process_attributes(void **state)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = 4096,
		.BASE_PRIORITY = 10, .DEADLINE = SOFT, .NAME = "P",
	};

	assert_int_equal(check_process(&a, 4096), NO_ERROR);
	a.STACK_SIZE = 4095;
	assert_int_equal(check_process(&a, 4096), INVALID_PARAM);
	a.STACK_SIZE = 4096;
	a.BASE_PRIORITY = MAX_PRIORITY_VALUE + 1;
	assert_int_equal(check_process(&a, 4096), INVALID_PARAM);
	a.BASE_PRIORITY = 10;
	a.PERIOD = 0;
	assert_int_equal(check_process(&a, 4096), INVALID_PARAM);
	a.PERIOD = 100;
	a.TIME_CAPACITY = 101;
	assert_int_equal(check_process(&a, 4096), INVALID_CONFIG);
	a.TIME_CAPACITY = INFINITE_TIME_VALUE;          /* periodic needs a capacity */
	assert_int_equal(check_process(&a, 4096), INVALID_CONFIG);
	a.TIME_CAPACITY = 100;
	assert_int_equal(check_process(&a, 4096), NO_ERROR);
	a.DEADLINE = (DEADLINE_TYPE)2;
	assert_int_equal(check_process(&a, 4096), INVALID_PARAM);
	a.DEADLINE = HARD;
	a.NAME[0] = 0;
	assert_int_equal(check_process(&a, 4096), INVALID_PARAM);
}

static void test_names(void **state)
{
	NAME_TYPE n;

	name_copy(n, "A_VERY_LONG_PROCESS_NAME_OVER_THIRTY");
	assert_int_equal(strlen(n), MAX_NAME_LENGTH - 1);
	assert_true(name_eq(n, "A_VERY_LONG_PROCESS_NAME_OVER"));
	assert_false(name_eq("ABC", "ABD"));
	assert_true(name_eq("ABC", "ABC"));
}

static void test_time_and_priority(void **state)
{
	assert_int_equal(ns_to_ticks(INFINITE_TIME_VALUE, 1000000), 0);   /* forever */
	assert_int_equal(ns_to_ticks(1, 1000000), 1);
	assert_int_equal(ns_to_ticks(1000000, 1000000), 1);
	assert_int_equal(ns_to_ticks(1000001, 1000000), 2);
	assert_int_equal(ns_to_ticks(0x7fffffffffffffffLL, 1), 0xffffffffu);
	assert_int_equal(rtos_priority(MAX_PRIORITY_VALUE), 2);  /* 1 stays for the handler */
	assert_int_equal(rtos_priority(MIN_PRIORITY_VALUE), 240);
	assert_true(rtos_priority(100) < rtos_priority(99));
}

static void test_process_state(void **state)
{
	assert_int_equal(proc_state(0), DORMANT);
	assert_int_equal(proc_state(PF_WAITING), DORMANT);
	assert_int_equal(proc_state(PF_STARTED), READY);
	assert_int_equal(proc_state(PF_STARTED | PF_RUNNING), RUNNING);
	assert_int_equal(proc_state(PF_STARTED | PF_WAITING), WAITING);
	assert_int_equal(proc_state(PF_STARTED | PF_SUSPENDED), WAITING);
	assert_int_equal(proc_state(PF_STARTED | PF_SUSPENDED | PF_RUNNING), WAITING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_fifo_full_empty),
		cmocka_unit_test(test_slot),
		cmocka_unit_test(test_semaphore_value),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_process_attributes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_time_and_priority),
		cmocka_unit_test(test_process_state),
	};

	return cmocka_run_group_tests_name("apex_obj", tests, NULL, NULL);
}
