/*
 * apex-test: shared state of the APEX system tests.  TESTER (priority
 * 100) runs the cases; workers of other priorities each do one job (an
 * APEX call that may block), record its result and a tag in the trace,
 * and return (STOP_SELF), so a case STARTs them again for the next job.
 */
#ifndef APEX_TEST_H
#define APEX_TEST_H

#include "bh_test.h"
#include "arinc653.h"

#define MS 1000000LL
#define TESTER_PRIO 100

enum op {
	OP_TRACE, OP_RECV_BUF, OP_SEND_BUF, OP_READ_BB, OP_WAIT_SEM, OP_WAIT_EVENT,
	OP_RECV_Q, OP_SEND_Q, OP_SUSPEND_SELF, OP_BUSY, OP_REPLENISH_BUSY, OP_TIMED_WAIT,
	OP_DIVIDE, OP_PAGE_FAULT,     /* CPU faults (t_fault.c) */
};

struct job {
	enum op op;
	APEX_INTEGER obj;
	SYSTEM_TIME_TYPE timeout;    /* or a duration */
	RETURN_CODE_TYPE rc;
	char buf[64];
	MESSAGE_SIZE_TYPE len;
	int done, runs;
	SYSTEM_TIME_TYPE at;         /* GET_TIME when the job ended */
};

/* Workers: L and l (40), M (60), H (150, above TESTER). */
enum { W_L, W_L2, W_M, W_H, N_WORKERS };
extern PROCESS_ID_TYPE worker_id[N_WORKERS];
extern struct job jobs[N_WORKERS];
extern char trace[64];
extern PROCESS_ID_TYPE tester_id, periodic_id, dl_id;

/* Give worker w a job and START it. */
void run_job(int w, enum op op, APEX_INTEGER obj, SYSTEM_TIME_TYPE timeout);
/* Let lower-priority processes run for about t. */
void pause_for(SYSTEM_TIME_TYPE t);
void trace_reset(void);
int trace_is(const char *s);

/* Results gathered in COLD_START (checked by a case in NORMAL). */
#define N_INIT 64
extern RETURN_CODE_TYPE init_rc[N_INIT];
extern const char *init_what[N_INIT];
extern RETURN_CODE_TYPE init_expect[N_INIT];
extern int n_init;
/* Run call (which sets RETURN_CODE_TYPE rc_) and record its result. */
#define INIT_CHECK(what, expect, call) do {                          \
		RETURN_CODE_TYPE rc_ = -1;                            \
		call;                                                 \
		if (n_init < N_INIT) {                                \
			init_what[n_init] = what;                     \
			init_expect[n_init] = expect;                 \
			init_rc[n_init++] = rc_;                      \
		}                                                     \
	} while (0)

/* Objects made in init. */
extern BUFFER_ID_TYPE buf_prio, buf_fifo;
extern BLACKBOARD_ID_TYPE board;
extern SEMAPHORE_ID_TYPE sem_fifo, sem_prio;
extern EVENT_ID_TYPE event;
extern SAMPLING_PORT_ID_TYPE samp_in, samp_out;
extern QUEUING_PORT_ID_TYPE q_ping, q_pong, q_full, q_idle;

/* The error handler's record of what it saw. */
struct seen_error {
	ERROR_CODE_TYPE code;
	PROCESS_ID_TYPE pid;
	SYSTEM_ADDRESS_TYPE addr;     /* FAILED_ADDRESS */
	char msg[MAX_ERROR_MESSAGE_SIZE + 1];
	int count;
	RETURN_CODE_TYPE last_rc;     /* GET_ERROR_STATUS's answer that ended it */
};
extern struct seen_error seen;
extern volatile int periodic_count;
extern SYSTEM_TIME_TYPE periodic_release[32], periodic_woke[32];

extern SYSTEM_TIME_TYPE dl_busy, dl_budget;
extern RETURN_CODE_TYPE dl_rc;
extern volatile int dl_done;

/* t_fault.c: the faulting instructions, as the error handler sees them. */
void fault_divide(void);
void fault_read_page_zero(void);
extern const char at_div_at[], at_pf_at[];

void make_processes(void);    /* main.c */
void make_objects(void);      /* t_intra.c, t_ports.c */
void make_ports(void);

#endif
