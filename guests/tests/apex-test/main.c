/*
 * apex-test: APEX services in a partition (guests/apex), run by the
 * process TESTER once the partition is in NORMAL; what can only be tried
 * in COLD_START is tried by the initialisation and checked by a case.
 * apex-peer answers on the queuing ports.  Ends the run (system partition).
 */
#include "at.h"

PROCESS_ID_TYPE worker_id[N_WORKERS];
struct job jobs[N_WORKERS];
char trace[64];
PROCESS_ID_TYPE tester_id, periodic_id, dl_id;
RETURN_CODE_TYPE init_rc[N_INIT];
const char *init_what[N_INIT];
RETURN_CODE_TYPE init_expect[N_INIT];
int n_init;
struct seen_error seen;
volatile int periodic_count;
SYSTEM_TIME_TYPE periodic_release[32], periodic_woke[32];

static const char tags[N_WORKERS] = { 'L', 'l', 'M', 'H' };

void trace_reset(void)
{
	bh_memset(trace, 0, sizeof(trace));
}

int trace_is(const char *s)
{
	return bh_strcmp(trace, s) == 0;
}

static void trace_add(char c)
{
	size_t n = bh_strlen(trace);

	if (n + 1 < sizeof(trace))
		trace[n] = c;
}

static int my_worker(void)
{
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;
	int w;

	GET_MY_ID(&id, &rc);
	for (w = 0; w < N_WORKERS; w++)
		if (worker_id[w] == id)
			return w;
	return 0;
}

static void busy(SYSTEM_TIME_TYPE t)
{
	SYSTEM_TIME_TYPE t0, now;
	RETURN_CODE_TYPE rc;

	GET_TIME(&t0, &rc);
	do
		GET_TIME(&now, &rc);
	while (now - t0 < t);
}

static void do_job(struct job *j)
{
	switch (j->op) {
	case OP_TRACE:
		j->rc = NO_ERROR;
		break;
	case OP_RECV_BUF:
		RECEIVE_BUFFER(j->obj, j->timeout, (MESSAGE_ADDR_TYPE)j->buf, &j->len, &j->rc);
		break;
	case OP_SEND_BUF:
		SEND_BUFFER(j->obj, (MESSAGE_ADDR_TYPE)j->buf, j->len, j->timeout, &j->rc);
		break;
	case OP_READ_BB:
		READ_BLACKBOARD(j->obj, j->timeout, (MESSAGE_ADDR_TYPE)j->buf, &j->len, &j->rc);
		break;
	case OP_WAIT_SEM:
		WAIT_SEMAPHORE(j->obj, j->timeout, &j->rc);
		break;
	case OP_WAIT_EVENT:
		WAIT_EVENT(j->obj, j->timeout, &j->rc);
		break;
	case OP_RECV_Q:
		RECEIVE_QUEUING_MESSAGE(j->obj, j->timeout, (MESSAGE_ADDR_TYPE)j->buf, &j->len,
					&j->rc);
		break;
	case OP_SEND_Q:
		SEND_QUEUING_MESSAGE(j->obj, (MESSAGE_ADDR_TYPE)j->buf, j->len, j->timeout, &j->rc);
		break;
	case OP_SUSPEND_SELF:
		SUSPEND_SELF(j->timeout, &j->rc);
		break;
	case OP_BUSY:
		busy(j->timeout);
		j->rc = NO_ERROR;
		break;
	case OP_REPLENISH_BUSY:
		REPLENISH(j->timeout * 3, &j->rc);
		busy(j->timeout);
		break;
	case OP_TIMED_WAIT:
		TIMED_WAIT(j->timeout, &j->rc);
		break;
	case OP_DIVIDE:
		fault_divide();
		j->rc = NO_ERROR;          /* never: the process is parked */
		break;
	case OP_PAGE_FAULT:
		fault_read_page_zero();
		j->rc = NO_ERROR;
		break;
	}
}

static void worker(void)
{
	int w = my_worker();
	struct job *j = &jobs[w];
	RETURN_CODE_TYPE rc;

	j->runs++;
	do_job(j);
	GET_TIME(&j->at, &rc);
	trace_add(tags[w]);
	j->done = 1;
}

void run_job(int w, enum op op, APEX_INTEGER obj, SYSTEM_TIME_TYPE timeout)
{
	RETURN_CODE_TYPE rc;
	struct job *j = &jobs[w];
	int runs = j->runs;

	STOP(worker_id[w], &rc);    /* a worker still blocked from a failed case */
	j->op = op;
	j->obj = obj;
	j->timeout = timeout;
	j->rc = -1;
	j->done = 0;
	j->runs = runs;
	START(worker_id[w], &rc);
}

void pause_for(SYSTEM_TIME_TYPE t)
{
	RETURN_CODE_TYPE rc;

	TIMED_WAIT(t, &rc);
}

static void periodic(void)
{
	PROCESS_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	for (;;) {
		int k = periodic_count;

		if (k < 32) {
			GET_PROCESS_STATUS(periodic_id, &s, &rc);
			periodic_release[k] = s.DEADLINE_TIME - s.ATTRIBUTES.TIME_CAPACITY;
			GET_TIME(&periodic_woke[k], &rc);
		}
		periodic_count = k + 1;
		PERIODIC_WAIT(&rc);
	}
}

/* DEADLINE: busy for dl_busy, after REPLENISH(dl_budget) if dl_budget. */
SYSTEM_TIME_TYPE dl_busy, dl_budget;
RETURN_CODE_TYPE dl_rc;
volatile int dl_done;

static void deadline_body(void)
{
	dl_rc = NO_ERROR;
	if (dl_budget)
		REPLENISH(dl_budget, &dl_rc);
	busy(dl_busy);
	dl_done = 1;
}

static void error_handler(void)
{
	ERROR_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE me;

	GET_MY_ID(&me, &rc);
	for (;;) {
		GET_ERROR_STATUS(&s, &rc);
		if (rc != NO_ERROR)
			break;
		seen.code = s.ERROR_CODE;
		seen.pid = s.FAILED_PROCESS_ID;
		seen.addr = s.FAILED_ADDRESS;
		bh_memcpy(seen.msg, s.MESSAGE, (size_t)s.LENGTH);
		seen.msg[s.LENGTH] = 0;
		seen.count++;
		/* A blocking call is refused to the handler. */
		TIMED_WAIT(MS, &seen.last_rc);
		/* A divide error's process is stopped here; a memory
		 * violation's is left parked (suspended) for the case. */
		if (s.ERROR_CODE == DEADLINE_MISSED || s.ERROR_CODE == NUMERIC_ERROR)
			STOP(s.FAILED_PROCESS_ID, &rc);
	}
	if (seen.last_rc == INVALID_MODE)
		seen.last_rc = rc;
	STOP_SELF();
}

static void tester(void)
{
	GET_MY_ID(&tester_id, &seen.last_rc);
	bh_test_suite("apex", 0, 0);
	bh_tests_done();
	bh_shutdown(0);
}

static PROCESS_ID_TYPE create(const char *name, void (*entry)(void), PRIORITY_TYPE prio,
			      SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = capacity,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = 8192,
		.BASE_PRIORITY = prio, .DEADLINE = HARD,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	bh_snprintf(a.NAME, sizeof(a.NAME), "%s", name);
	CREATE_PROCESS(&a, &id, &rc);
	if (rc != NO_ERROR)
		bh_printf("CREATE_PROCESS %s: %d\n", name, (int)rc);
	return id;
}


static void init_errors(void)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)worker, .STACK_SIZE = 8192,
		.BASE_PRIORITY = 10, .DEADLINE = SOFT, .NAME = "BAD",
	};
	PROCESS_ID_TYPE id;
	SEMAPHORE_ID_TYPE sid;
	LOCK_LEVEL_TYPE lv;

	INIT_CHECK("TIMED_WAIT in COLD_START", INVALID_MODE, TIMED_WAIT(MS, &rc_));
	INIT_CHECK("GET_MY_ID of the init process", INVALID_MODE, GET_MY_ID(&id, &rc_));
	INIT_CHECK("SET_PARTITION_MODE(WARM_START) from COLD_START", INVALID_MODE,
		   SET_PARTITION_MODE(WARM_START, &rc_));
	INIT_CHECK("SET_PARTITION_MODE(7)", INVALID_PARAM,
		   SET_PARTITION_MODE((OPERATING_MODE_TYPE)7, &rc_));
	a.BASE_PRIORITY = 0;
	INIT_CHECK("CREATE_PROCESS priority 0", INVALID_PARAM, CREATE_PROCESS(&a, &id, &rc_));
	a.BASE_PRIORITY = MAX_PRIORITY_VALUE + 1;
	INIT_CHECK("CREATE_PROCESS priority 240", INVALID_PARAM, CREATE_PROCESS(&a, &id, &rc_));
	a.BASE_PRIORITY = 10;
	a.STACK_SIZE = 100;
	INIT_CHECK("CREATE_PROCESS stack 100", INVALID_PARAM, CREATE_PROCESS(&a, &id, &rc_));
	a.STACK_SIZE = 8192;
	a.PERIOD = 10 * MS;
	a.TIME_CAPACITY = 20 * MS;
	INIT_CHECK("CREATE_PROCESS capacity > period", INVALID_CONFIG,
		   CREATE_PROCESS(&a, &id, &rc_));
	a.PERIOD = -5;
	INIT_CHECK("CREATE_PROCESS period -5", INVALID_PARAM, CREATE_PROCESS(&a, &id, &rc_));
	a.PERIOD = INFINITE_TIME_VALUE;
	a.TIME_CAPACITY = INFINITE_TIME_VALUE;
	bh_snprintf(a.NAME, sizeof(a.NAME), "TESTER");
	INIT_CHECK("CREATE_PROCESS twice", NO_ACTION, CREATE_PROCESS(&a, &id, &rc_));
	INIT_CHECK("CREATE_ERROR_HANDLER stack 16", INVALID_CONFIG,
		   CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 16, &rc_));
	INIT_CHECK("CREATE_ERROR_HANDLER", NO_ERROR,
		   CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 8192, &rc_));
	INIT_CHECK("CREATE_ERROR_HANDLER twice", NO_ACTION,
		   CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 8192, &rc_));
	INIT_CHECK("CREATE_SEMAPHORE", NO_ERROR, CREATE_SEMAPHORE("INIT_SEM", 0, 1, FIFO, &sid, &rc_));
	INIT_CHECK("WAIT_SEMAPHORE in COLD_START", INVALID_MODE, WAIT_SEMAPHORE(sid, MS, &rc_));
	INIT_CHECK("WAIT_SEMAPHORE in COLD_START, no time-out", NOT_AVAILABLE,
		   WAIT_SEMAPHORE(sid, 0, &rc_));
	INIT_CHECK("LOCK_PREEMPTION in COLD_START", NO_ACTION, LOCK_PREEMPTION(&lv, &rc_));
}

void make_processes(void)
{
	RETURN_CODE_TYPE rc;

	tester_id = create("TESTER", tester, TESTER_PRIO, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	worker_id[W_L] = create("WORKER_L", worker, 40, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	worker_id[W_L2] = create("WORKER_L2", worker, 40, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	worker_id[W_M] = create("WORKER_M", worker, 60, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	worker_id[W_H] = create("WORKER_H", worker, 150, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	periodic_id = create("PERIODIC", periodic, 200, 40 * MS, 30 * MS);
	dl_id = create("DEADLINE", deadline_body, 30, INFINITE_TIME_VALUE, 30 * MS);
	START(tester_id, &rc);
}

static void init(void)
{
	RETURN_CODE_TYPE rc;

	make_processes();
	init_errors();
	make_objects();
	make_ports();
	SET_PARTITION_MODE(NORMAL, &rc);
	bh_printf("SET_PARTITION_MODE(NORMAL) returned %d\n", (int)rc);
}

int main(void)
{
	apex_main(init, 1000);
}
