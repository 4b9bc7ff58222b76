/* apex-test: sampling and queuing ports, with apex-peer at the other end. */
#include "at.h"

SAMPLING_PORT_ID_TYPE samp_in, samp_out, samp_none;
QUEUING_PORT_ID_TYPE q_ping, q_pong, q_full, q_idle;

void make_ports(void)
{
	APEX_INTEGER x;

	INIT_CHECK("CREATE_SAMPLING_PORT T_SAMP", NO_ERROR,
		   CREATE_SAMPLING_PORT("T_SAMP", 16, DESTINATION, 1000 * MS, &samp_in, &rc_));
	INIT_CHECK("CREATE_SAMPLING_PORT T_SOUT", NO_ERROR,
		   CREATE_SAMPLING_PORT("T_SOUT", 16, SOURCE, 0, &samp_out, &rc_));
	INIT_CHECK("CREATE_SAMPLING_PORT T_SNONE", NO_ERROR,
		   CREATE_SAMPLING_PORT("T_SNONE", 16, DESTINATION, 0, &samp_none, &rc_));
	INIT_CHECK("CREATE_SAMPLING_PORT twice", NO_ACTION,
		   CREATE_SAMPLING_PORT("T_SAMP", 16, DESTINATION, 1000 * MS, &x, &rc_));
	INIT_CHECK("CREATE_SAMPLING_PORT unknown", INVALID_CONFIG,
		   CREATE_SAMPLING_PORT("NOPE", 16, DESTINATION, 0, &x, &rc_));
	INIT_CHECK("CREATE_SAMPLING_PORT peer's port", INVALID_CONFIG,
		   CREATE_SAMPLING_PORT("P_SAMP", 16, SOURCE, 0, &x, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT wrong size", INVALID_CONFIG,
		   CREATE_QUEUING_PORT("T_PING", 17, 4, SOURCE, FIFO, &x, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT wrong direction", INVALID_CONFIG,
		   CREATE_QUEUING_PORT("T_PING", 32, 4, DESTINATION, FIFO, &x, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT wrong depth", INVALID_CONFIG,
		   CREATE_QUEUING_PORT("T_PING", 32, 3, SOURCE, FIFO, &x, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT T_PING", NO_ERROR,
		   CREATE_QUEUING_PORT("T_PING", 32, 4, SOURCE, FIFO, &q_ping, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT T_PONG", NO_ERROR,
		   CREATE_QUEUING_PORT("T_PONG", 32, 4, DESTINATION, PRIORITY, &q_pong, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT T_FULL", NO_ERROR,
		   CREATE_QUEUING_PORT("T_FULL", 32, 4, SOURCE, FIFO, &q_full, &rc_));
	INIT_CHECK("CREATE_QUEUING_PORT T_IDLE", NO_ERROR,
		   CREATE_QUEUING_PORT("T_IDLE", 32, 4, DESTINATION, FIFO, &q_idle, &rc_));
}

BH_TEST(apex, test_sampling, "sampling_port")
{
	SAMPLING_PORT_STATUS_TYPE st;
	SAMPLING_PORT_ID_TYPE id;
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	VALIDITY_TYPE v;
	char m[16];

	GET_SAMPLING_PORT_ID("T_SAMP", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == samp_in, "GET_SAMPLING_PORT_ID %d", (int)rc);
	GET_SAMPLING_PORT_ID("P_SAMP", &id, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	READ_SAMPLING_MESSAGE(samp_none, (MESSAGE_ADDR_TYPE)m, &len, &v, &rc);
	BH_EXPECT(rc == NO_ACTION && len == 0 && v == INVALID, "never written: rc %d", (int)rc);
	pause_for(100 * MS);                     /* apex-peer writes every 50 ms */
	READ_SAMPLING_MESSAGE(samp_in, (MESSAGE_ADDR_TYPE)m, &len, &v, &rc);
	BH_EXPECT(rc == NO_ERROR && v == VALID && !bh_strncmp(m, "alive", 5),
		  "read: rc %d valid %d \"%s\"", (int)rc, (int)v, m);
	GET_SAMPLING_PORT_STATUS(samp_in, &st, &rc);
	BH_EXPECT(rc == NO_ERROR && st.MAX_MESSAGE_SIZE == 16 && st.PORT_DIRECTION == DESTINATION &&
		  st.REFRESH_PERIOD == 1000 * MS && st.LAST_MSG_VALIDITY == VALID,
		  "status: rc %d", (int)rc);
	READ_SAMPLING_MESSAGE(samp_out, (MESSAGE_ADDR_TYPE)m, &len, &v, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	WRITE_SAMPLING_MESSAGE(samp_in, (MESSAGE_ADDR_TYPE)"x", 1, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	WRITE_SAMPLING_MESSAGE(samp_out, (MESSAGE_ADDR_TYPE)"x", 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(samp_out, (MESSAGE_ADDR_TYPE)"x", 17, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	WRITE_SAMPLING_MESSAGE(42, (MESSAGE_ADDR_TYPE)"x", 1, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(samp_out, (MESSAGE_ADDR_TYPE)"hello", 6, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
}

/* Two processes blocked on a PRIORITY port, released by apex-peer's replies. */
BH_TEST(apex, test_queuing_blocking, "queuing_receive_released_by_peer")
{
	QUEUING_PORT_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;
	int i;

	trace_reset();
	run_job(W_L, OP_RECV_Q, q_pong, INFINITE_TIME_VALUE);
	pause_for(2 * MS);
	run_job(W_M, OP_RECV_Q, q_pong, INFINITE_TIME_VALUE);
	pause_for(2 * MS);
	GET_QUEUING_PORT_STATUS(q_pong, &st, &rc);
	BH_EXPECT(rc == NO_ERROR && st.WAITING_PROCESSES == 2 && st.NB_MESSAGE == 0,
		  "status: rc %d waiting %ld", (int)rc, st.WAITING_PROCESSES);
	BH_EXPECT(trace_is(""), "a receiver returned before any message: %s", trace);
	SEND_QUEUING_MESSAGE(q_ping, (MESSAGE_ADDR_TYPE)"p1", 3, 0, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	SEND_QUEUING_MESSAGE(q_ping, (MESSAGE_ADDR_TYPE)"p2", 3, 0, &rc);
	for (i = 0; i < 100 && !(jobs[W_L].done && jobs[W_M].done); i++)
		pause_for(5 * MS);
	BH_EXPECT(jobs[W_M].rc == NO_ERROR && jobs[W_L].rc == NO_ERROR, "results M %d L %d",
		  (int)jobs[W_M].rc, (int)jobs[W_L].rc);
	BH_EXPECT(!bh_strcmp(jobs[W_M].buf, "pong:p1"), "M (higher, waited second) got %s",
		  jobs[W_M].buf);
	BH_EXPECT(!bh_strcmp(jobs[W_L].buf, "pong:p2"), "L got %s", jobs[W_L].buf);
}

BH_TEST(apex, test_queuing_timeout, "queuing_receive_timeout")
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char m[32];

	RECEIVE_QUEUING_MESSAGE(q_idle, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NOT_AVAILABLE && len == 0, "rc %d", (int)rc);
	RECEIVE_QUEUING_MESSAGE(q_idle, 20 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
	run_job(W_H, OP_RECV_Q, q_idle, 30 * MS);
	BH_EXPECT(!jobs[W_H].done, "did not wait");
	pause_for(60 * MS);
	BH_EXPECT_EQ(jobs[W_H].rc, TIMED_OUT);
	RECEIVE_QUEUING_MESSAGE(q_idle, -9, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	RECEIVE_QUEUING_MESSAGE(q_ping, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* a source */
}

BH_TEST(apex, test_queuing_send, "queuing_send_full")
{
	QUEUING_PORT_STATUS_TYPE st;
	QUEUING_PORT_ID_TYPE id;
	RETURN_CODE_TYPE rc;
	int i;

	GET_QUEUING_PORT_ID("T_FULL", &id, &rc);
	BH_EXPECT(rc == NO_ERROR && id == q_full, "GET_QUEUING_PORT_ID %d", (int)rc);
	for (i = 0; i < 4; i++) {
		SEND_QUEUING_MESSAGE(q_full, (MESSAGE_ADDR_TYPE)"fill", 5, 0, &rc);
		BH_EXPECT_EQ(rc, NO_ERROR);
	}
	SEND_QUEUING_MESSAGE(q_full, (MESSAGE_ADDR_TYPE)"more", 5, 0, &rc);
	BH_EXPECT_EQ(rc, NOT_AVAILABLE);
	SEND_QUEUING_MESSAGE(q_full, (MESSAGE_ADDR_TYPE)"more", 5, 20 * MS, &rc);
	BH_EXPECT_EQ(rc, TIMED_OUT);
	SEND_QUEUING_MESSAGE(q_full, (MESSAGE_ADDR_TYPE)"more", 33, 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);
	SEND_QUEUING_MESSAGE(q_full, (MESSAGE_ADDR_TYPE)"more", 0, 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_pong, (MESSAGE_ADDR_TYPE)"more", 5, 0, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);          /* a destination */
	GET_QUEUING_PORT_STATUS(q_full, &st, &rc);
	BH_EXPECT(st.MAX_NB_MESSAGE == 4 && st.MAX_MESSAGE_SIZE == 32 && st.PORT_DIRECTION == SOURCE,
		  "status %ld %ld", st.MAX_NB_MESSAGE, st.MAX_MESSAGE_SIZE);
	CLEAR_QUEUING_PORT(q_full, &rc);
	BH_EXPECT_EQ(rc, INVALID_MODE);
	CLEAR_QUEUING_PORT(q_pong, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	CLEAR_QUEUING_PORT(0, &rc);
	BH_EXPECT_EQ(rc, INVALID_PARAM);
	GET_QUEUING_PORT_ID("P_FULL", &id, &rc);
	BH_EXPECT_EQ(rc, INVALID_CONFIG);        /* the peer's, not ours */
}

/*
 * The peer restarts warm on request and comes back in WARM_START with the
 * start condition PARTITION_RESTART: its ports (notification lines bound
 * again) answer as before.
 */
BH_TEST(apex, test_peer_warm_start, "peer_warm_start")
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char m[32];

	SEND_QUEUING_MESSAGE(q_ping, (MESSAGE_ADDR_TYPE)"warm", 5, 0, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	pause_for(100 * MS);
	SEND_QUEUING_MESSAGE(q_ping, (MESSAGE_ADDR_TYPE)"info", 5, 0, &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	RECEIVE_QUEUING_MESSAGE(q_pong, 2000 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	BH_EXPECT(rc == NO_ERROR, "no answer after the warm start: rc %d", (int)rc);
	BH_EXPECT(bh_strcmp(m, "pong:init:2:1") == 0,
		  "peer says \"%s\", expected WARM_START (2), PARTITION_RESTART (1)", m);
}

/* Ask the peer to empty P_FULL; its answer is read back from T_PONG. */
static RETURN_CODE_TYPE drain_peer(void)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char m[32];

	SEND_QUEUING_MESSAGE(q_ping, (MESSAGE_ADDR_TYPE)"drain", 6, 0, &rc);
	if (rc != NO_ERROR)
		return rc;
	RECEIVE_QUEUING_MESSAGE(q_pong, 2000 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	return rc;
}

/* A sender blocked on a full port is released when the peer makes room. */
BH_TEST(apex, test_queuing_send_blocked, "queuing_send_released_by_room")
{
	QUEUING_PORT_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;
	int i;

	BH_EXPECT_EQ(drain_peer(), NO_ERROR);    /* start empty */
	for (i = 0; i < 4; i++)
		SEND_QUEUING_MESSAGE(q_full, (MESSAGE_ADDR_TYPE)"fill", 5, 0, &rc);
	bh_snprintf(jobs[W_H].buf, sizeof(jobs[W_H].buf), "late");
	jobs[W_H].len = 5;
	run_job(W_H, OP_SEND_Q, q_full, INFINITE_TIME_VALUE);
	BH_EXPECT(!jobs[W_H].done, "a send to a full port did not wait");
	GET_QUEUING_PORT_STATUS(q_full, &st, &rc);
	BH_EXPECT_EQ(st.WAITING_PROCESSES, 1);
	BH_EXPECT_EQ(drain_peer(), NO_ERROR);
	for (i = 0; i < 100 && !jobs[W_H].done; i++)
		pause_for(5 * MS);
	BH_EXPECT(jobs[W_H].done && jobs[W_H].rc == NO_ERROR, "sender not released: done %d rc %d",
		  jobs[W_H].done, (int)jobs[W_H].rc);
	BH_EXPECT_EQ(drain_peer(), NO_ERROR);
}
