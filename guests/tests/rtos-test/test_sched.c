/* System tests: priority preemption, round-robin, priorities, object errors. */
#include "rtest.h"

static void log_and_finish(rtos_task_argument letter)
{
	rtest_log((char)letter);
	rtest_done();
}

/* INIT steps aside: the waiting tasks run strictly by priority. */
BH_TEST(sched, preemption_order, "preemption_order")
{
	BH_EXPECT(rtest_task("P5  ", 5, 0, 0, log_and_finish, 'b'), "create");
	BH_EXPECT(rtest_task("P3  ", 3, 0, 0, log_and_finish, 'a'), "create");
	BH_EXPECT(rtest_task("P7  ", 7, 0, 0, log_and_finish, 'c'), "create");
	BH_EXPECT(rtest_task("P9  ", 9, 0, 0, log_and_finish, 'd'), "create");
	BH_EXPECT(rtest_log_text()[0] == 0, "a lower task ran before INIT blocked");
	BH_EXPECT_EQ(rtest_wait_done(4, 100), 4);
	BH_EXPECT(!strcmp(rtest_log_text(), "abcd"), "order %s, expected abcd",
		  rtest_log_text());
}

static rtos_id child;

/* Starting a higher-priority task switches to it before start returns. */
static void starter(rtos_task_argument arg)
{
	rtest_log('x');
	rtos_task_start(child, log_and_finish, 'y');
	rtest_log('z');
	rtest_done();
}

BH_TEST(sched, preempt_on_start, "preempt_on_start")
{
	child = rtest_task_created("CHLD", 4, 0, 0);
	BH_EXPECT(child, "create");
	BH_EXPECT(rtest_task("STRT", 8, 0, 0, starter, 0), "create");
	BH_EXPECT_EQ(rtest_wait_done(2, 100), 2);
	BH_EXPECT(!strcmp(rtest_log_text(), "xyz"), "order %s, expected xyz",
		  rtest_log_text());
}

static volatile int rr_stop;
static volatile char rr_last;

/* Log a letter each time this task gets the processor back. */
static void rr_body(rtos_task_argument letter)
{
	while (!rr_stop) {
		if (rr_last != (char)letter) {
			rr_last = (char)letter;
			rtest_log((char)letter);
		}
	}
	rtest_done();
}

static unsigned count_char(const char *s, char c)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

static void run_spinners(rtos_mode modes)
{
	rr_stop = 0;
	rr_last = 0;
	rtest_task("RR-A", 10, modes, 0, rr_body, 'A');
	rtest_task("RR-B", 10, modes, 0, rr_body, 'B');
	rtest_task("RR-C", 10, modes, 0, rr_body, 'C');
	rtos_task_wake_after(40);      /* they spin; the tick preempts them */
	rr_stop = 1;
	rtest_wait_done(3, 100);
}

/* Equal priorities with time slicing take turns, preempted by the tick. */
BH_TEST(sched, round_robin, "round_robin")
{
	const char *log = rtest_log_text();

	run_spinners(RTOS_TIMESLICE);
	BH_EXPECT(strlen(log) >= 6, "only %u turns in 40 ticks: %s",
		  (unsigned)strlen(log), log);
	BH_EXPECT(count_char(log, 'A') >= 2 && count_char(log, 'B') >= 2 &&
		  count_char(log, 'C') >= 2, "turns %s", log);
	BH_EXPECT(!strncmp(log, "ABCABC", 6), "rotation %s, expected ABCABC...", log);
}

/* Without time slicing the first spinner keeps the processor. */
BH_TEST(sched, no_timeslice_no_rotation, "no_timeslice_no_rotation")
{
	run_spinners(RTOS_NO_TIMESLICE);
	BH_EXPECT(!strcmp(rtest_log_text(), "A"), "turns %s, expected A",
		  rtest_log_text());
}

BH_TEST(sched, set_priority, "set_priority")
{
	rtos_task_priority old = 0;
	rtos_id t = rtest_task_created("PRIO", 50, 0, 0);

	BH_EXPECT(t, "create");
	RT_CHECK(rtos_task_start(t, log_and_finish, 'p'));
	BH_EXPECT(rtest_log_text()[0] == 0, "priority 50 ran before INIT");
	RT_CHECK(rtos_task_set_priority(RTOS_SELF, 60, &old));   /* below it now */
	BH_EXPECT_EQ(old, 1);
	BH_EXPECT(!strcmp(rtest_log_text(), "p"), "the raised task did not run");
	RT_CHECK(rtos_task_set_priority(RTOS_SELF, 1, &old));
	BH_EXPECT_EQ(old, 60);
	RT_EXPECT_STATUS(rtos_task_set_priority(RTOS_SELF, 256, &old), RTOS_INVALID_PRIORITY);
}

BH_TEST(sched, object_errors, "object_errors")
{
	rtos_id t = rtest_task_created("GONE", 50, 0, 0), id;

	RT_CHECK(rtos_task_delete(t));
	RT_EXPECT_STATUS(rtos_task_start(t, log_and_finish, 0), RTOS_INVALID_ID);
	RT_EXPECT_STATUS(rtos_task_suspend(0x01ff0001), RTOS_INVALID_ID);
	RT_EXPECT_STATUS(rtos_task_ident(RTEST_NAME("GONE"), &id), RTOS_INVALID_NAME);
	RT_EXPECT_STATUS(rtos_task_create(0, 5, 0, 0, 0, &id), RTOS_INVALID_NAME);
	RT_EXPECT_STATUS(rtos_semaphore_release(t), RTOS_INVALID_ID);  /* a task id */
	RT_EXPECT_STATUS(rtos_task_resume(RTOS_SELF), RTOS_INCORRECT_STATE);
}
