/* RTOS core: message queues. */
#include <string.h>
#include "test_rtos.h"

#define Q_NAME RTOS_BUILD_NAME('Q', 'U', 'E', '1')

static rtos_id queue(uint32_t count, size_t size, rtos_attribute attributes)
{
	rtos_id id = 0;

	RT_OK(rtos_message_queue_create(Q_NAME, count, size, attributes, &id));
	return id;
}

static void send_u32(rtos_id q, uint32_t v)
{
	RT_OK(rtos_message_queue_send(q, &v, sizeof(v)));
}

static uint32_t receive_u32(rtos_id q)
{
	uint32_t v = 0;
	size_t size = 0;

	RT_OK(rtos_message_queue_receive(q, &v, &size, RTOS_NO_WAIT, 0));
	assert_int_equal(size, sizeof(v));
	return v;
}

static void test_fifo_and_urgent(void **state)
{
	rtos_id q = queue(4, 8, 0);
	uint32_t u = 99, n;

	send_u32(q, 1);
	send_u32(q, 2);
	send_u32(q, 3);
	RT_OK(rtos_message_queue_urgent(q, &u, sizeof(u)));
	RT_OK(rtos_message_queue_get_number_pending(q, &n));
	assert_int_equal(n, 4);
	assert_int_equal(receive_u32(q), 99);
	assert_int_equal(receive_u32(q), 1);
	assert_int_equal(receive_u32(q), 2);
	assert_int_equal(receive_u32(q), 3);
}

static void test_full_and_empty(void **state)
{
	rtos_id q = queue(2, 4, 0);
	uint32_t v;
	size_t size;

	send_u32(q, 1);
	send_u32(q, 2);
	assert_int_equal(rtos_message_queue_send(q, &v, 4), RTOS_TOO_MANY);
	assert_int_equal(rtos_message_queue_urgent(q, &v, 4), RTOS_TOO_MANY);
	receive_u32(q);
	receive_u32(q);
	assert_int_equal(rtos_message_queue_receive(q, &v, &size, RTOS_NO_WAIT, 0),
			 RTOS_UNSATISFIED);
	send_u32(q, 3);      /* the buffers went back to the free chain */
	send_u32(q, 4);
}

static void test_sizes(void **state)
{
	rtos_id q = queue(2, 4, 0), id;
	char big[5] = "abcd", out[4];
	size_t size = 0;

	assert_int_equal(rtos_message_queue_send(q, big, 5), RTOS_INVALID_SIZE);
	RT_OK(rtos_message_queue_send(q, "xy", 2));
	RT_OK(rtos_message_queue_receive(q, out, &size, RTOS_NO_WAIT, 0));
	assert_int_equal(size, 2);
	assert_memory_equal(out, "xy", 2);
	assert_int_equal(rtos_message_queue_create(Q_NAME, 0, 4, 0, &id), RTOS_INVALID_NUMBER);
	assert_int_equal(rtos_message_queue_create(Q_NAME, 1, 0, 0, &id), RTOS_INVALID_SIZE);
	assert_int_equal(rtos_message_queue_create(Q_NAME, 1u << 30, 1024, 0, &id),
			 RTOS_UNSATISFIED);
}

/* A waiting receiver gets the message directly and runs. */
static void test_receiver_waits(void **state)
{
	rtos_id q = queue(2, 16, 0);
	rtos_id h = rt_task("H   ", 5, 0);
	char buf[16] = { 0 };
	size_t size = 0;
	uint32_t n;

	rtos_message_queue_receive(q, buf, &size, RTOS_WAIT, 0);   /* H blocks */
	assert_int_equal(rt_running(), rt_init);
	RT_OK(rtos_message_queue_send(q, "hello", 6));
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_SUCCESSFUL);
	assert_string_equal(buf, "hello");
	assert_int_equal(size, 6);
	RT_OK(rtos_message_queue_get_number_pending(q, &n));
	assert_int_equal(n, 0);
}

static void test_receive_timeout(void **state)
{
	rtos_id q = queue(2, 4, 0);
	rtos_id h = rt_task("H   ", 5, 0);
	uint32_t v;
	size_t size;

	rtos_message_queue_receive(q, &v, &size, RTOS_WAIT, 2);
	rt_ticks(2);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_TIMEOUT);
}

static void test_broadcast_flush_delete(void **state)
{
	rtos_id q, a, b;
	uint32_t va = 0, vb = 0, v = 7, count = 0;
	size_t sa, sb;

	rt_boot(50);
	q = queue(3, 4, RTOS_PRIORITY);
	a = rt_task("A   ", 20, 0);
	rtos_message_queue_receive(q, &va, &sa, RTOS_WAIT, 0);
	b = rt_task("B   ", 10, 0);
	rtos_message_queue_receive(q, &vb, &sb, RTOS_WAIT, 0);
	RT_OK(rtos_message_queue_broadcast(q, &v, 4, &count));
	assert_int_equal(count, 2);
	assert_int_equal(va, 7);
	assert_int_equal(vb, 7);
	assert_int_equal(rt_running(), b);
	send_u32(q, 1);
	send_u32(q, 2);
	RT_OK(rtos_message_queue_flush(q, &count));
	assert_int_equal(count, 2);
	rtos_message_queue_receive(q, &vb, &sb, RTOS_WAIT, 0);     /* B waits */
	assert_int_equal(rt_running(), a);
	RT_OK(rtos_message_queue_delete(q));
	assert_int_equal(rt_running(), b);
	assert_int_equal(rt_result(b), RTOS_OBJECT_WAS_DELETED);
	assert_int_equal(rtos_message_queue_send(q, &v, 4), RTOS_INVALID_ID);
}

/* Priority-ordered receivers: the higher priority one is served first. */
static void test_priority_receivers(void **state)
{
	rtos_id q, l, h;
	uint32_t vl = 0, vh = 0;
	size_t s;

	rt_boot(50);
	q = queue(2, 4, RTOS_PRIORITY);
	l = rt_task("L   ", 20, 0);
	rtos_message_queue_receive(q, &vl, &s, RTOS_WAIT, 0);
	h = rt_task("H   ", 10, 0);
	rtos_message_queue_receive(q, &vh, &s, RTOS_WAIT, 0);
	send_u32(q, 5);
	assert_int_equal(vh, 5);
	assert_int_equal(vl, 0);
	assert_int_equal(rt_running(), h);
	(void)l;
}

/* Sending from an interrupt wakes the receiver at the end of the interrupt. */
static void test_send_from_isr(void **state)
{
	rtos_id q = queue(2, 4, 0);
	rtos_id h = rt_task("H   ", 5, 0);
	uint32_t v = 0, w = 3;
	size_t s;

	rtos_message_queue_receive(q, &v, &s, RTOS_WAIT, 0);
	rt_isr_begin();
	RT_OK(rtos_message_queue_send(q, &w, 4));
	assert_int_equal(rt_running(), rt_init);
	assert_int_equal(rtos_message_queue_receive(q, &v, &s, RTOS_WAIT, 0),
			 RTOS_CALLED_FROM_ISR);
	rt_isr_end();
	assert_int_equal(rt_running(), h);
	assert_int_equal(v, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_fifo_and_urgent, rt_setup),
		cmocka_unit_test_setup(test_full_and_empty, rt_setup),
		cmocka_unit_test_setup(test_sizes, rt_setup),
		cmocka_unit_test_setup(test_receiver_waits, rt_setup),
		cmocka_unit_test_setup(test_receive_timeout, rt_setup),
		cmocka_unit_test_setup(test_broadcast_flush_delete, rt_setup),
		cmocka_unit_test_setup(test_priority_receivers, rt_setup),
		cmocka_unit_test_setup(test_send_from_isr, rt_setup),
	};

	return cmocka_run_group_tests_name("rtos_msgq", tests, NULL, NULL);
}
