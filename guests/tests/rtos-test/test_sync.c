/* System tests: priority inheritance, message queues, events, ISR signalling. */
#include "rtest.h"

/* ------------------------------------------------- priority inheritance -- */

static rtos_id pi_mutex, pi_high, pi_mid;
static rtos_task_priority pi_seen;

static void pi_high_body(rtos_task_argument arg)
{
	rtest_log('H');
	rtos_semaphore_obtain(pi_mutex, RTOS_WAIT, RTOS_NO_TIMEOUT);
	rtest_log('G');                       /* got it */
	rtos_semaphore_release(pi_mutex);
	rtest_done();
}

static void pi_mid_body(rtos_task_argument arg)
{
	rtest_log('M');
	rtest_done();
}

/*
 * L takes the mutex, starts H (which blocks on it) and then M.  With
 * inheritance L runs at H's priority, so M must wait until L releases:
 * "L H l G M E".  Without it M would run before L could release.
 */
static void pi_low_body(rtos_task_argument arg)
{
	rtos_semaphore_obtain(pi_mutex, RTOS_WAIT, RTOS_NO_TIMEOUT);
	rtest_log('L');
	rtos_task_start(pi_high, pi_high_body, 0);
	rtos_task_get_current_priority(RTOS_SELF, &pi_seen);
	rtos_task_start(pi_mid, pi_mid_body, 0);
	rtest_log('l');
	rtos_semaphore_release(pi_mutex);
	rtest_log('E');
	rtest_done();
}

BH_TEST(sync, priority_inheritance, "priority_inheritance")
{
	rtos_attribute attr = RTOS_BINARY_SEMAPHORE | RTOS_PRIORITY | RTOS_INHERIT_PRIORITY;

	RT_CHECK(rtos_semaphore_create(RTEST_NAME("PIMX"), 1, attr, &pi_mutex));
	pi_high = rtest_task_created("PI-H", 10, 0, 0);
	pi_mid = rtest_task_created("PI-M", 20, 0, 0);
	BH_EXPECT(pi_high && pi_mid, "create");
	BH_EXPECT(rtest_task("PI-L", 30, 0, 0, pi_low_body, 0), "create");
	BH_EXPECT_EQ(rtest_wait_done(3, 100), 3);
	RT_CHECK(rtos_semaphore_delete(pi_mutex));
	BH_EXPECT_EQ(pi_seen, 10);
	BH_EXPECT(!strcmp(rtest_log_text(), "LHlGME"), "order %s, expected LHlGME",
		  rtest_log_text());
}

/* -------------------------------------------------------- message queue -- */

static rtos_id mq;
static char mq_got[16];
static rtos_status_code mq_status;

static void mq_receiver(rtos_task_argument arg)
{
	size_t size = 0;

	mq_status = rtos_message_queue_receive(mq, mq_got, &size, RTOS_WAIT, 50);
	rtest_done();
}

static int recv_u32(uint32_t *v)
{
	size_t size = 0;

	return rtos_message_queue_receive(mq, v, &size, RTOS_NO_WAIT, 0) ==
	       RTOS_SUCCESSFUL && size == sizeof(*v);
}

BH_TEST(sync, message_queue, "message_queue")
{
	uint32_t v, i, nine = 9;
	uint64_t t0;
	size_t size;

	RT_CHECK(rtos_message_queue_create(RTEST_NAME("MQ  "), 3, 8, RTOS_FIFO, &mq));
	for (i = 1; i <= 3; i++)
		RT_CHECK(rtos_message_queue_send(mq, &i, sizeof(i)));
	RT_EXPECT_STATUS(rtos_message_queue_send(mq, &i, sizeof(i)), RTOS_TOO_MANY);
	RT_EXPECT_STATUS(rtos_message_queue_urgent(mq, &i, sizeof(i)), RTOS_TOO_MANY);
	RT_EXPECT_STATUS(rtos_message_queue_send(mq, "123456789", 9), RTOS_INVALID_SIZE);
	for (i = 1; i <= 3; i++)
		BH_EXPECT(recv_u32(&v) && v == i, "message %u: got %u", i, v);
	RT_EXPECT_STATUS(rtos_message_queue_receive(mq, &v, &size, RTOS_NO_WAIT, 0),
			 RTOS_UNSATISFIED);
	t0 = rtos_clock_get_ticks64();
	RT_EXPECT_STATUS(rtos_message_queue_receive(mq, &v, &size, RTOS_WAIT, 2),
			 RTOS_TIMEOUT);
	BH_EXPECT(rtos_clock_get_ticks64() >= t0 + 2, "timeout after %u ticks",
		  (unsigned)(rtos_clock_get_ticks64() - t0));
	/* urgent goes first */
	i = 1;
	RT_CHECK(rtos_message_queue_send(mq, &i, sizeof(i)));
	RT_CHECK(rtos_message_queue_urgent(mq, &nine, sizeof(nine)));
	BH_EXPECT(recv_u32(&v) && v == 9, "urgent: got %u first", v);
	BH_EXPECT(recv_u32(&v) && v == 1, "then %u", v);
	/* a waiting receiver gets the message directly */
	BH_EXPECT(rtest_task("MQ-R", 5, 0, 0, mq_receiver, 0), "create");
	rtos_task_wake_after(1);                      /* let it block */
	RT_CHECK(rtos_message_queue_send(mq, "hello", 6));
	BH_EXPECT_EQ(rtest_wait_done(1, 100), 1);
	BH_EXPECT(mq_status == RTOS_SUCCESSFUL && !strcmp(mq_got, "hello"),
		  "receiver: %s, \"%s\"", rtos_status_text(mq_status), mq_got);
	RT_CHECK(rtos_message_queue_delete(mq));
}

/* --------------------------------------------------------------- events -- */

static rtos_event_set ev_got, ev_left;
static rtos_status_code ev_status, ev_any_status;

static void ev_body(rtos_task_argument arg)
{
	ev_status = rtos_event_receive(RTOS_EVENT_SET(0) | RTOS_EVENT_SET(1),
				       RTOS_EVENT_ALL, RTOS_NO_TIMEOUT, &ev_got);
	rtest_log('e');
	ev_any_status = rtos_event_receive(RTOS_EVENT_SET(2) | RTOS_EVENT_SET(3),
					   RTOS_EVENT_ANY, 3, &ev_left);
	rtos_event_receive(RTOS_PENDING_EVENTS, 0, 0, &ev_left);
	rtest_done();
}

BH_TEST(sync, events, "events")
{
	rtos_id t = rtest_task("EVNT", 5, 0, 0, ev_body, 0);

	BH_EXPECT(t, "create");
	rtos_task_wake_after(1);
	RT_CHECK(rtos_event_send(t, RTOS_EVENT_SET(0)));
	rtos_task_wake_after(1);
	BH_EXPECT(rtest_log_text()[0] == 0, "woke with one of two events");
	RT_CHECK(rtos_event_send(t, RTOS_EVENT_SET(1) | RTOS_EVENT_SET(5)));
	BH_EXPECT_EQ(rtest_wait_done(1, 100), 1);
	BH_EXPECT(ev_status == RTOS_SUCCESSFUL && ev_got == 3, "all: %s, %x",
		  rtos_status_text(ev_status), ev_got);
	BH_EXPECT(ev_any_status == RTOS_TIMEOUT, "any: %s", rtos_status_text(ev_any_status));
	BH_EXPECT_EQ(ev_left, RTOS_EVENT_SET(5));
}

/* ------------------------------------------------------ ISR signalling -- */

static rtos_id isr_sem;
static volatile unsigned isr_count, isr_preempted_spinner;
static volatile int spinner_stop, spinner_running;

static void window_isr(void *arg)
{
	isr_count++;
	rtos_semaphore_release(isr_sem);
}

static void spinner(rtos_task_argument arg)
{
	spinner_running = 1;
	while (!spinner_stop)
		;
	spinner_running = 0;
	rtest_done();
}

/* Woken by the ISR while a lower task spins: the switch happens at ISR end. */
static void isr_waiter(rtos_task_argument arg)
{
	unsigned i, ok = 0;

	for (i = 0; i < 3; i++) {
		if (rtos_semaphore_obtain(isr_sem, RTOS_WAIT, 100) == RTOS_SUCCESSFUL)
			ok++;
		if (spinner_running)
			isr_preempted_spinner++;
	}
	spinner_stop = 1;
	rtest_log((char)('0' + ok));
	rtest_done();
}

BH_TEST(sync, isr_signal, "isr_signal")
{
	isr_count = isr_preempted_spinner = 0;
	spinner_stop = spinner_running = 0;
	RT_CHECK(rtos_semaphore_create(RTEST_NAME("ISR "), 0,
				       RTOS_SIMPLE_BINARY_SEMAPHORE, &isr_sem));
	RT_CHECK(rtos_interrupt_catch(BH_VIRQ_WINDOW, window_isr, NULL));
	BH_EXPECT(rtest_task("SPIN", 50, 0, 0, spinner, 0), "create");
	BH_EXPECT(rtest_task("ISRW", 5, 0, 0, isr_waiter, 0), "create");
	BH_EXPECT_EQ(rtest_wait_done(2, 300), 2);
	RT_CHECK(rtos_interrupt_release(BH_VIRQ_WINDOW));
	RT_CHECK(rtos_semaphore_delete(isr_sem));
	BH_EXPECT(!strcmp(rtest_log_text(), "3"), "obtained %s of 3", rtest_log_text());
	BH_EXPECT(isr_count >= 3, "%u window interrupts", isr_count);
	BH_EXPECT(isr_preempted_spinner >= 2, "the spinner was preempted %u times",
		  isr_preempted_spinner);
}
