/* apex-test: buffers, blackboards, semaphores, events, with several processes. */
#include "at.h"

BUFFER_ID_TYPE buf_prio, buf_fifo;
BLACKBOARD_ID_TYPE board;
SEMAPHORE_ID_TYPE sem_fifo, sem_prio;
EVENT_ID_TYPE event;

void make_objects(void)
{
	BUFFER_ID_TYPE b;
	SEMAPHORE_ID_TYPE s;

	INIT_CHECK("CREATE_BUFFER PRIO", NO_ERROR, CREATE_BUFFER("BUF_P", 16, 2, PRIORITY, &buf_prio, &rc_));
	INIT_CHECK("CREATE_BUFFER FIFO", NO_ERROR, CREATE_BUFFER("BUF_F", 16, 2, FIFO, &buf_fifo, &rc_));
	INIT_CHECK("CREATE_BUFFER twice", NO_ACTION, CREATE_BUFFER("BUF_F", 16, 2, FIFO, &b, &rc_));
	INIT_CHECK("CREATE_BUFFER size 0", INVALID_PARAM, CREATE_BUFFER("B0", 0, 2, FIFO, &b, &rc_));
	INIT_CHECK("CREATE_BUFFER 0 messages", INVALID_PARAM, CREATE_BUFFER("B1", 8, 0, FIFO, &b, &rc_));
	INIT_CHECK("CREATE_BUFFER discipline 5", INVALID_PARAM,
		   CREATE_BUFFER("B2", 8, 2, (QUEUING_DISCIPLINE_TYPE)5, &b, &rc_));
	INIT_CHECK("CREATE_BLACKBOARD", NO_ERROR, CREATE_BLACKBOARD("BOARD", 16, &board, &rc_));
	INIT_CHECK("CREATE_BLACKBOARD size -1", INVALID_PARAM, CREATE_BLACKBOARD("BB", -1, &b, &rc_));
	INIT_CHECK("CREATE_SEMAPHORE FIFO", NO_ERROR,
		   CREATE_SEMAPHORE("SEM_F", 0, 2, FIFO, &sem_fifo, &rc_));
	INIT_CHECK("CREATE_SEMAPHORE PRIO", NO_ERROR,
		   CREATE_SEMAPHORE("SEM_P", 0, 2, PRIORITY, &sem_prio, &rc_));
	INIT_CHECK("CREATE_SEMAPHORE current > max", INVALID_PARAM,
		   CREATE_SEMAPHORE("S1", 3, 2, FIFO, &s, &rc_));
	INIT_CHECK("CREATE_SEMAPHORE max 0", INVALID_PARAM, CREATE_SEMAPHORE("S2", 0, 0, FIFO, &s, &rc_));
	INIT_CHECK("CREATE_EVENT", NO_ERROR, CREATE_EVENT("EVT", &event, &rc_));
	INIT_CHECK("CREATE_EVENT twice", NO_ACTION, CREATE_EVENT("EVT", &s, &rc_));
}

static void set_msg(int w, const char *s)
{
	bh_snprintf(jobs[w].buf, sizeof(jobs[w].buf), "%s", s);
	jobs[w].len = (MESSAGE_SIZE_TYPE)bh_strlen(s) + 1;
}

BH_TEST(apex, test_buffer_basic, "buffer")
{
	BUFFER_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	BUFFER_ID_TYPE id;
	char m[16];

	GET_BUFFER_ID("BUF_F", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == buf_fifo, "GET_BUFFER_ID: %d", (int)rc);
	GET_BUFFER_ID("NONE", &id, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	RECEIVE_BUFFER(buf_fifo, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NOT_AVAILABLE && len == 0, "empty: rc %d len %ld", (int)rc, len);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"one", 4, 0, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"two", 4, 0, &rc);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"three", 6, 0, &rc);
	BH_EXPECT_EQ(rc, NOT_AVAILABLE);         /* full, no time-out */
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"three", 6, 10 * MS, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"x", 0, 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"x", 17, 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"x", 1, -2, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	SEND_BUFFER(99, (MESSAGE_ADDR_TYPE)"x", 1, 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	GET_BUFFER_STATUS(buf_fifo, &st, &rc);
	BH_EXPECT(st.NB_MESSAGE == 2 && st.MAX_NB_MESSAGE == 2 && st.MAX_MESSAGE_SIZE == 16 &&
		  st.WAITING_PROCESSES == 0, "status %ld/%ld", st.NB_MESSAGE, st.MAX_NB_MESSAGE);
	RECEIVE_BUFFER(buf_fifo, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NO_ERROR && len == 4 && bh_strcmp(m, "one") == 0, "first: %s", m);
	RECEIVE_BUFFER(buf_fifo, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NO_ERROR && bh_strcmp(m, "two") == 0, "second: %s", m);
	RECEIVE_BUFFER(buf_fifo, 5 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
}

/* Blocked receivers get messages handed over, in the buffer's discipline. */
static void receivers_order(BUFFER_ID_TYPE b, const char *m_gets)
{
	RETURN_CODE_TYPE rc;
	BUFFER_STATUS_TYPE st;

	trace_reset();
	run_job(W_L, OP_RECV_BUF, b, INFINITE_TIME_VALUE);   /* L waits first */
	pause_for(3 * MS);
	run_job(W_M, OP_RECV_BUF, b, INFINITE_TIME_VALUE);   /* then M */
	pause_for(3 * MS);
	GET_BUFFER_STATUS(b, &st, &rc);
	BH_EXPECT_EQ(st.WAITING_PROCESSES, 2);
	SEND_BUFFER(b, (MESSAGE_ADDR_TYPE)"a", 2, 0, &rc);
	SEND_BUFFER(b, (MESSAGE_ADDR_TYPE)"b", 2, 0, &rc);
	GET_BUFFER_STATUS(b, &st, &rc);
	BH_EXPECT(st.NB_MESSAGE == 0, "messages went to the ring, not the waiters");
	pause_for(3 * MS);
	BH_EXPECT(trace_is("ML"), "receivers ran %s, expected ML (by priority)", trace);
	BH_EXPECT(bh_strcmp(jobs[W_M].buf, m_gets) == 0,
		  "M got \"%s\", expected \"%s\"", jobs[W_M].buf, m_gets);
	BH_EXPECT(jobs[W_L].rc == NO_ERROR && jobs[W_M].rc == NO_ERROR && jobs[W_L].len == 2,
		  "results %d %d", (int)jobs[W_L].rc, (int)jobs[W_M].rc);
}

BH_TEST(apex, test_buffer_prio, "buffer_receivers_priority")
{
	receivers_order(buf_prio, "a");     /* M, of higher priority, waits second */
}

BH_TEST(apex, test_buffer_fifo, "buffer_receivers_fifo")
{
	receivers_order(buf_fifo, "b");     /* L waited first */
}

BH_TEST(apex, test_buffer_sender, "buffer_blocked_sender")
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char m[16];

	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"1", 2, 0, &rc);
	SEND_BUFFER(buf_fifo, (MESSAGE_ADDR_TYPE)"2", 2, 0, &rc);
	set_msg(W_H, "3");
	run_job(W_H, OP_SEND_BUF, buf_fifo, INFINITE_TIME_VALUE);  /* blocks: full */
	BH_EXPECT(!jobs[W_H].done, "a send to a full buffer did not wait");
	RECEIVE_BUFFER(buf_fifo, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(jobs[W_H].done && jobs[W_H].rc == NO_ERROR, "sender not released: %d",
		  (int)jobs[W_H].rc);
	RECEIVE_BUFFER(buf_fifo, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(bh_strcmp(m, "2") == 0, "second %s", m);
	RECEIVE_BUFFER(buf_fifo, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NO_ERROR && bh_strcmp(m, "3") == 0, "the blocked sender's message: %s", m);
}

BH_TEST(apex, test_blackboard, "blackboard")
{
	BLACKBOARD_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	BLACKBOARD_ID_TYPE id;
	char m[16];

	GET_BLACKBOARD_ID("BOARD", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == board, "GET_BLACKBOARD_ID %d", (int)rc);
	READ_BLACKBOARD(board, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, NOT_AVAILABLE);
	READ_BLACKBOARD(board, 5 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
	trace_reset();
	run_job(W_L, OP_READ_BB, board, INFINITE_TIME_VALUE);
	run_job(W_M, OP_READ_BB, board, 500 * MS);
	pause_for(3 * MS);
	GET_BLACKBOARD_STATUS(board, &st, &rc);
	BH_EXPECT(st.EMPTY_INDICATOR == EMPTY && st.WAITING_PROCESSES == 2,
		  "status %d waiting %ld", (int)st.EMPTY_INDICATOR, st.WAITING_PROCESSES);
	DISPLAY_BLACKBOARD(board, (MESSAGE_ADDR_TYPE)"FL350", 6, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	CLEAR_BLACKBOARD(board, &rc);            /* the waiters already have it */
	pause_for(3 * MS);
	BH_EXPECT(trace_is("ML"), "readers %s", trace);
	BH_EXPECT(!bh_strcmp(jobs[W_L].buf, "FL350") && !bh_strcmp(jobs[W_M].buf, "FL350"),
		  "read \"%s\" \"%s\"", jobs[W_L].buf, jobs[W_M].buf);
	GET_BLACKBOARD_STATUS(board, &st, &rc);
	BH_EXPECT_EQ(st.EMPTY_INDICATOR, EMPTY);
	DISPLAY_BLACKBOARD(board, (MESSAGE_ADDR_TYPE)"x", 17, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	DISPLAY_BLACKBOARD(board, (MESSAGE_ADDR_TYPE)"FL360", 6, &rc);
	READ_BLACKBOARD(board, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NO_ERROR && len == 6 && !bh_strcmp(m, "FL360"), "read %s", m);
	READ_BLACKBOARD(board, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);              /* reading does not consume */
	CLEAR_BLACKBOARD(7, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
}

static void sem_order(SEMAPHORE_ID_TYPE s, const char *expect)
{
	RETURN_CODE_TYPE rc;
	SEMAPHORE_STATUS_TYPE st;

	trace_reset();
	run_job(W_L, OP_WAIT_SEM, s, INFINITE_TIME_VALUE);
	pause_for(3 * MS);
	run_job(W_M, OP_WAIT_SEM, s, INFINITE_TIME_VALUE);
	pause_for(3 * MS);
	SIGNAL_SEMAPHORE(s, &rc);
	pause_for(3 * MS);
	BH_EXPECT(trace_is(expect), "first released: %s, expected %s", trace, expect);
	GET_SEMAPHORE_STATUS(s, &st, &rc);
	BH_EXPECT(st.CURRENT_VALUE == 0 && st.WAITING_PROCESSES == 1, "value %ld waiting %ld",
		  st.CURRENT_VALUE, st.WAITING_PROCESSES);
	SIGNAL_SEMAPHORE(s, &rc);
	pause_for(3 * MS);
}

BH_TEST(apex, test_semaphore, "semaphore")
{
	SEMAPHORE_STATUS_TYPE st;
	SEMAPHORE_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	GET_SEMAPHORE_ID("SEM_F", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == sem_fifo, "GET_SEMAPHORE_ID %d", (int)rc);
	WAIT_SEMAPHORE(sem_fifo, 0, &rc);
	BH_EXPECT_EQ(rc, NOT_AVAILABLE);
	WAIT_SEMAPHORE(sem_fifo, 5 * MS, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
	SIGNAL_SEMAPHORE(sem_fifo, &rc);
	SIGNAL_SEMAPHORE(sem_fifo, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	SIGNAL_SEMAPHORE(sem_fifo, &rc);
	BH_EXPECT_EQ(rc, NO_ACTION);             /* at its maximum */
	GET_SEMAPHORE_STATUS(sem_fifo, &st, &rc);
	BH_EXPECT(st.CURRENT_VALUE == 2 && st.MAXIMUM_VALUE == 2, "value %ld", st.CURRENT_VALUE);
	WAIT_SEMAPHORE(sem_fifo, 0, &rc);
	WAIT_SEMAPHORE(sem_fifo, INFINITE_TIME_VALUE, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	WAIT_SEMAPHORE(sem_fifo, -4, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	SIGNAL_SEMAPHORE(0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
}

BH_TEST(apex, test_semaphore_fifo, "semaphore_waiters_fifo")
{
	sem_order(sem_fifo, "L");
}

BH_TEST(apex, test_semaphore_prio, "semaphore_waiters_priority")
{
	sem_order(sem_prio, "M");
}

BH_TEST(apex, test_event, "event")
{
	EVENT_STATUS_TYPE st;
	EVENT_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	GET_EVENT_ID("EVT", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == event, "GET_EVENT_ID %d", (int)rc);
	WAIT_EVENT(event, 0, &rc);
	BH_EXPECT_EQ(rc, NOT_AVAILABLE);
	WAIT_EVENT(event, 5 * MS, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
	trace_reset();
	run_job(W_L, OP_WAIT_EVENT, event, INFINITE_TIME_VALUE);
	run_job(W_L2, OP_WAIT_EVENT, event, INFINITE_TIME_VALUE);
	run_job(W_M, OP_WAIT_EVENT, event, 500 * MS);
	pause_for(3 * MS);
	GET_EVENT_STATUS(event, &st, &rc);
	BH_EXPECT(st.EVENT_STATE == DOWN && st.WAITING_PROCESSES == 3, "state %d waiting %ld",
		  (int)st.EVENT_STATE, st.WAITING_PROCESSES);
	SET_EVENT(event, &rc);
	pause_for(3 * MS);
	BH_EXPECT(trace_is("MLl"), "released %s", trace);
	WAIT_EVENT(event, 0, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);              /* stays UP */
	RESET_EVENT(event, &rc);
	GET_EVENT_STATUS(event, &st, &rc);
	BH_EXPECT_EQ(st.EVENT_STATE, DOWN);
	SET_EVENT(-1, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
}
