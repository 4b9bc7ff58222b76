/* apex-test: partition and process services. */
#include "at.h"

BH_TEST(apex, test_init_errors, "init_errors")
{
	int i;

	for (i = 0; i < n_init; i++)
		BH_EXPECT(init_rc[i] == init_expect[i], "%s: return code %d, expected %d",
			  init_what[i], (int)init_rc[i], (int)init_expect[i]);
	BH_EXPECT(n_init >= 15, "only %d init checks ran", n_init);
}

BH_TEST(apex, test_partition, "partition_status")
{
	PARTITION_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;
	PROCESS_ATTRIBUTE_TYPE a = { .PERIOD = INFINITE_TIME_VALUE,
				     .TIME_CAPACITY = INFINITE_TIME_VALUE,
				     .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)pause_for,
				     .STACK_SIZE = 8192, .BASE_PRIORITY = 1, .NAME = "LATE" };
	PROCESS_ID_TYPE id;
	EVENT_ID_TYPE ev;

	GET_PARTITION_STATUS(&s, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	BH_EXPECT_EQ(s.OPERATING_MODE, NORMAL);
	BH_EXPECT_EQ(s.START_CONDITION, NORMAL_START);
	BH_EXPECT_EQ(s.LOCK_LEVEL, 0);
	BH_EXPECT_EQ(s.IDENTIFIER, bh_partition_id);
	SET_PARTITION_MODE(NORMAL, &rc);
	BH_EXPECT_EQ(rc, NO_ACTION);
	CREATE_PROCESS(&a, &id, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	CREATE_EVENT("LATE", &ev, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)pause_for, 8192, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
}

BH_TEST(apex, test_ids, "process_ids")
{
	PROCESS_STATUS_TYPE s;
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	GET_MY_ID(&id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == tester_id, "GET_MY_ID: rc %d id %ld", (int)rc, id);
	GET_PROCESS_ID("WORKER_M", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == worker_id[W_M], "GET_PROCESS_ID: rc %d", (int)rc);
	GET_PROCESS_ID("NOBODY", &id, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	GET_PROCESS_STATUS(999, &s, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	GET_PROCESS_STATUS(tester_id, &s, &rc);
	BH_EXPECT_EQ(s.PROCESS_STATE, RUNNING);
	BH_EXPECT_EQ(s.CURRENT_PRIORITY, TESTER_PRIO);
	BH_EXPECT(bh_strcmp(s.ATTRIBUTES.NAME, "TESTER") == 0, "name %s", s.ATTRIBUTES.NAME);
	GET_PROCESS_STATUS(worker_id[W_M], &s, &rc);
	BH_EXPECT_EQ(s.PROCESS_STATE, DORMANT);
}

/* Unlocked: higher priority preempts at once, lower ones run in priority order. */
BH_TEST(apex, test_priority_order, "priority_order_unlocked")
{
	trace_reset();
	run_job(W_L, OP_TRACE, 0, 0);
	run_job(W_M, OP_TRACE, 0, 0);
	BH_EXPECT(trace_is(""), "lower processes ran before TESTER waited: %s", trace);
	run_job(W_H, OP_TRACE, 0, 0);
	BH_EXPECT(trace_is("H"), "H did not preempt at START: %s", trace);
	pause_for(5 * MS);
	BH_EXPECT(trace_is("HML"), "order %s, expected HML", trace);
}

BH_TEST(apex, test_preemption_locked, "priority_order_locked")
{
	LOCK_LEVEL_TYPE lv = -1;
	PARTITION_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	trace_reset();
	LOCK_PREEMPTION(&lv, &rc);
	BH_EXPECT(rc == NO_ERROR && lv == 1, "lock: rc %d level %ld", (int)rc, lv);
	LOCK_PREEMPTION(&lv, &rc);
	BH_EXPECT_EQ(lv, 2);
	GET_PARTITION_STATUS(&s, &rc);
	BH_EXPECT_EQ(s.LOCK_LEVEL, 2);
	run_job(W_H, OP_TRACE, 0, 0);
	BH_EXPECT(trace_is(""), "H preempted a locked process: %s", trace);
	TIMED_WAIT(MS, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	UNLOCK_PREEMPTION(&lv, &rc);
	BH_EXPECT(rc == NO_ERROR && lv == 1 && trace_is(""), "unlock to 1: %s", trace);
	UNLOCK_PREEMPTION(&lv, &rc);
	BH_EXPECT(rc == NO_ERROR && lv == 0, "unlock to 0: rc %d", (int)rc);
	BH_EXPECT(trace_is("H"), "H did not run at unlock: %s", trace);
	UNLOCK_PREEMPTION(&lv, &rc);
	BH_EXPECT_EQ(rc, NO_ACTION);
	for (int i = 0; i < MAX_LOCK_LEVEL; i++)
		LOCK_PREEMPTION(&lv, &rc);
	LOCK_PREEMPTION(&lv, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	while (lv > 0)
		UNLOCK_PREEMPTION(&lv, &rc);
}

BH_TEST(apex, test_set_priority, "set_priority")
{
	PROCESS_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	SET_PRIORITY(worker_id[W_L], 50, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* dormant */
	SET_PRIORITY(worker_id[W_L], 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	SET_PRIORITY(77, 50, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	trace_reset();
	run_job(W_L, OP_TRACE, 0, 0);
	BH_EXPECT(trace_is(""), "L ran: %s", trace);
	SET_PRIORITY(worker_id[W_L], 200, &rc);   /* above TESTER: runs now */
	BH_EXPECT(rc == NO_ERROR && trace_is("L"), "rc %d trace %s", (int)rc, trace);
	GET_PROCESS_STATUS(worker_id[W_L], &s, &rc);
	BH_EXPECT_EQ(s.PROCESS_STATE, DORMANT);
	BH_EXPECT_EQ(s.CURRENT_PRIORITY, 40);     /* a new START is at the base priority */
}

BH_TEST(apex, test_suspend_resume, "suspend_resume")
{
	PROCESS_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	SUSPEND(tester_id, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	SUSPEND(worker_id[W_M], &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* dormant */
	SUSPEND(periodic_id, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* periodic */
	RESUME(worker_id[W_M], &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	trace_reset();
	run_job(W_H, OP_SUSPEND_SELF, 0, INFINITE_TIME_VALUE);
	GET_PROCESS_STATUS(worker_id[W_H], &s, &rc);
	BH_EXPECT_EQ(s.PROCESS_STATE, WAITING);
	SUSPEND(worker_id[W_H], &rc);
	BH_EXPECT_EQ(rc, NO_ACTION);             /* already suspended */
	RESUME(worker_id[W_H], &rc);
	BH_EXPECT(rc == NO_ERROR && trace_is("H"), "RESUME: rc %d trace %s", (int)rc, trace);
	BH_EXPECT_EQ(jobs[W_H].rc, NO_ERROR);
	RESUME(worker_id[W_H], &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* dormant again */
	run_job(W_H, OP_SUSPEND_SELF, 0, 20 * MS);
	pause_for(40 * MS);
	BH_EXPECT_EQ(jobs[W_H].rc, TIMED_OUT);
	run_job(W_H, OP_SUSPEND_SELF, 0, -7);
	BH_EXPECT_EQ(jobs[W_H].rc, INVALID_PARAM);
	/* SUSPEND of a ready process; RESUME lets it run. */
	trace_reset();
	run_job(W_M, OP_TRACE, 0, 0);
	SUSPEND(worker_id[W_M], &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	pause_for(5 * MS);
	BH_EXPECT(trace_is(""), "a suspended process ran: %s", trace);
	RESUME(worker_id[W_M], &rc);
	pause_for(5 * MS);
	BH_EXPECT(trace_is("M"), "M after RESUME: %s", trace);
}

BH_TEST(apex, test_stop_start, "stop_start")
{
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0;
	int runs;

	STOP(worker_id[W_M], &rc);
	BH_EXPECT_EQ(rc, NO_ACTION);
	STOP(tester_id, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	START(0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	RESET_EVENT(event, &rc);
	run_job(W_L, OP_WAIT_EVENT, event, INFINITE_TIME_VALUE);
	START(worker_id[W_L], &rc);
	BH_EXPECT_EQ(rc, NO_ACTION);
	pause_for(5 * MS);                       /* L now waits on the event */
	runs = jobs[W_L].runs;
	STOP(worker_id[W_L], &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	run_job(W_L, OP_TRACE, 0, 0);
	pause_for(5 * MS);
	BH_EXPECT_EQ(jobs[W_L].runs, runs + 1);
	BH_EXPECT(jobs[W_L].done, "L did not run again after STOP and START");
	DELAYED_START(worker_id[W_H], -1, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	DELAYED_START(periodic_id, 40 * MS, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);         /* delay >= period */
	GET_TIME(&t0, &rc);
	jobs[W_H].op = OP_TRACE;
	jobs[W_H].done = 0;
	DELAYED_START(worker_id[W_H], 30 * MS, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	BH_EXPECT(!jobs[W_H].done, "a delayed start ran at once");
	pause_for(60 * MS);
	BH_EXPECT(jobs[W_H].done, "the delayed start never ran");
	BH_EXPECT(jobs[W_H].at - t0 >= 30 * MS, "ran %lld ns after DELAYED_START(30 ms)",
		  jobs[W_H].at - t0);
}
