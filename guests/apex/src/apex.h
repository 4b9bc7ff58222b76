/*
 * APEX on the guest RTOS: shared state of the service groups.
 *
 * A process is an RTOS task (created at START, deleted at STOP, so a
 * dormant process holds no task); objects that block (buffers,
 * blackboards, semaphores, events, queuing ports) are RTOS conditions
 * whose state APEX keeps, tested and changed with virtual interrupts
 * disabled -- the RTOS's one lock.  A message for a waiting process is
 * copied straight into its buffer (wbuf) or taken from its message (wmsg)
 * by the process that releases it, so a woken process never competes for
 * what it waited for.
 */
#ifndef APEX_INTERNAL_H
#define APEX_INTERNAL_H

#include "arinc653.h"
#include "rtos.h"
#include "obj.h"

#define APEX_INIT_PRIORITY   1u      /* RTOS priority of init, handler, launcher */
#define APEX_EV_RESUME       RTOS_EVENT_SET(0)   /* RESUME of SUSPEND_SELF */
#define APEX_EV_ERROR        RTOS_EVENT_SET(1)   /* launcher: start the handler */
#define APEX_MIN_STACK       RTOS_MINIMUM_STACK_SIZE

struct apex_proc {
	int used;
	int handler;                /* the error handler */
	PROCESS_ATTRIBUTE_TYPE attr;
	uint32_t flags;             /* PF_* (obj.h), PF_RUNNING computed */
	int self_suspended;
	rtos_id task;               /* 0 while dormant */
	PRIORITY_TYPE prio;
	int start_pending;          /* STARTed before NORMAL */
	SYSTEM_TIME_TYPE delay;     /* DELAYED_START */
	SYSTEM_TIME_TYPE release;   /* the current release point */
	SYSTEM_TIME_TYPE deadline;  /* absolute, or INFINITE_TIME_VALUE */
	int missed;                 /* this deadline was reported */
	/* hand-off while waiting */
	void *wbuf;
	const void *wmsg;
	uint32_t wlen;
};

struct apex_state {
	OPERATING_MODE_TYPE mode;
	START_CONDITION_TYPE start_condition;
	LOCK_LEVEL_TYPE lock_level;
	PARTITION_ID_TYPE id;
	rtos_id init_task;
	struct apex_proc procs[MAX_NUMBER_OF_PROCESSES + 1];   /* + the error handler */
};
extern struct apex_state apex;

struct apex_proc *apex_proc_get(PROCESS_ID_TYPE id);     /* NULL unless a used id */
struct apex_proc *apex_self(void);                        /* NULL: init process */
struct apex_proc *apex_by_task(rtos_id task);
PROCESS_ID_TYPE apex_proc_id(const struct apex_proc *p);
SYSTEM_TIME_TYPE apex_now(void);
void apex_proc_stopped(struct apex_proc *p);

/* INVALID_MODE unless the caller may wait: NORMAL, unlocked, not the handler. */
RETURN_CODE_TYPE apex_may_block(void);
/*
 * Wait on cond, interrupts disabled by the caller, until signalled or
 * until the absolute tick end (0: forever).  NO_ERROR or TIMED_OUT.
 */
RETURN_CODE_TYPE apex_wait(rtos_id cond, uint64_t end);
/* The absolute tick a time-out ends at (0: INFINITE). */
uint64_t apex_end_tick(SYSTEM_TIME_TYPE timeout);
/* The process first in cond's queue, or NULL. */
struct apex_proc *apex_first_waiter(rtos_id cond);
WAITING_RANGE_TYPE apex_waiting(rtos_id cond);

/* Errors (error.c): from a process or the tick (deadlines). */
void apex_error_raise(ERROR_CODE_TYPE code, struct apex_proc *p, const char *msg, uint32_t len);
void apex_error_init(void);
void apex_handler_stopped(void);
void apex_deadline_check(uint64_t ticks);
void apex_start_pending(void);                 /* process.c: at NORMAL */

/* Object names and the shared storage pool. */
void *apex_alloc(uint32_t size);               /* never freed; NULL when out */
#define APEX_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define APEX_OUT(rc, v) do { if (rc) *(rc) = (v); } while (0)

#endif
