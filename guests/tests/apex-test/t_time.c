/* apex-test: time services, deadlines and the error handler. */
#include "at.h"

BH_TEST(apex, test_timed_wait, "timed_wait")
{
	SYSTEM_TIME_TYPE t0, t1;
	RETURN_CODE_TYPE rc;

	TIMED_WAIT(-5, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	TIMED_WAIT(INFINITE_TIME_VALUE, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	GET_TIME(&t0, &rc);
	TIMED_WAIT(25 * MS, &rc);
	GET_TIME(&t1, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	BH_EXPECT(t1 - t0 >= 25 * MS, "TIMED_WAIT(25 ms) returned after %lld ns", t1 - t0);
	/* Delay 0: behind the processes of equal priority (none here). */
	TIMED_WAIT(0, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	PERIODIC_WAIT(&rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* TESTER is aperiodic */
}

/*
 * PERIODIC (period 40 ms, priority 200) over 30 periods = 60 major frames:
 * each release point is exactly the previous one plus the period, and the
 * process never runs before its release point.
 */
BH_TEST(apex, test_periodic, "periodic_releases")
{
	RETURN_CODE_TYPE rc;
	int k;

	periodic_count = 0;
	START(periodic_id, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	while (periodic_count < 31)
		pause_for(40 * MS);
	STOP(periodic_id, &rc);
	for (k = 1; k < 31; k++) {
		BH_EXPECT(periodic_release[k] - periodic_release[k - 1] == 40 * MS,
			  "release %d at +%lld ns after the previous one", k,
			  periodic_release[k] - periodic_release[k - 1]);
		BH_EXPECT(periodic_woke[k] >= periodic_release[k],
			  "period %d ran %lld ns before its release", k,
			  periodic_release[k] - periodic_woke[k]);
	}
}

BH_TEST(apex, test_deadline_miss, "deadline_missed_to_handler")
{
	PROCESS_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;
	int before = seen.count;

	dl_busy = 60 * MS;                       /* capacity 30 ms */
	dl_budget = 0;
	dl_done = 0;
	START(dl_id, &rc);
	while (seen.count == before && !dl_done)
		pause_for(10 * MS);
	BH_EXPECT(seen.count == before + 1, "the handler saw %d errors", seen.count - before);
	BH_EXPECT_EQ(seen.code, DEADLINE_MISSED);
	BH_EXPECT_EQ(seen.pid, dl_id);
	BH_EXPECT_EQ(seen.last_rc, NO_ACTION);  /* the handler's TIMED_WAIT was refused */
	GET_PROCESS_STATUS(dl_id, &s, &rc);
	BH_EXPECT_EQ(s.PROCESS_STATE, DORMANT);  /* the handler stopped it */
	BH_EXPECT(!dl_done, "the late process was not stopped");
}

BH_TEST(apex, test_replenish, "replenish")
{
	RETURN_CODE_TYPE rc;
	int before = seen.count;

	REPLENISH(-3, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	REPLENISH(10 * MS, &rc);                 /* TESTER, aperiodic: any budget */
	BH_EXPECT_EQ(rc, NO_ERROR);
	REPLENISH(INFINITE_TIME_VALUE, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	dl_busy = 60 * MS;
	dl_budget = 200 * MS;                    /* more than the 60 ms it takes */
	dl_done = 0;
	START(dl_id, &rc);
	while (!dl_done && seen.count == before)
		pause_for(10 * MS);
	BH_EXPECT_EQ(dl_rc, NO_ERROR);
	BH_EXPECT(seen.count == before, "a replenished process missed its deadline");
	pause_for(5 * MS);
}

BH_TEST(apex, test_app_error, "application_error_to_handler")
{
	ERROR_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;
	int before = seen.count;

	RAISE_APPLICATION_ERROR(DEADLINE_MISSED, (MESSAGE_ADDR_TYPE)"x", 1, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)"x", 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)"x",
				MAX_ERROR_MESSAGE_SIZE + 1, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	BH_EXPECT(seen.count == before, "a refused error reached the handler");
	GET_ERROR_STATUS(&s, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);        /* not the error handler */
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)"pump 2 stalled", 14, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	/* The handler runs above every process: done before RAISE returns. */
	BH_EXPECT(seen.count == before + 1, "handler saw %d errors", seen.count - before);
	BH_EXPECT_EQ(seen.code, APPLICATION_ERROR);
	BH_EXPECT_EQ(seen.pid, tester_id);
	BH_EXPECT(bh_strcmp(seen.msg, "pump 2 stalled") == 0, "message \"%s\"", seen.msg);
	REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE)"status nominal", 14, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE)"x", MAX_ERROR_MESSAGE_SIZE + 1, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
}
