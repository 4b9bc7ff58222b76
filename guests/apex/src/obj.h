/*
 * The APEX object logic that does not block: message rings (buffers),
 * blackboard slots, semaphore counts, argument checks, time conversion and
 * the process state.  Plain C with no RTOS or bulkhead call, so the host
 * unit tests (tests/unit/test_apex_obj.c) compile it as it is.
 */
#ifndef APEX_OBJ_H
#define APEX_OBJ_H

#include <stddef.h>
#include <stdint.h>
#include "arinc653/types.h"
#include "arinc653/process.h"

/* A FIFO of up to depth messages of up to msg_size bytes each. */
struct apex_ring {
	uint8_t *store;          /* depth * msg_size bytes */
	uint32_t *lens;          /* depth lengths */
	uint32_t msg_size, depth;
	uint32_t head, count;
};

void ring_init(struct apex_ring *r, void *store, uint32_t *lens,
	       uint32_t msg_size, uint32_t depth);
int ring_put(struct apex_ring *r, const void *msg, uint32_t len);   /* 0, -1 full */
int ring_get(struct apex_ring *r, void *buf, uint32_t *len);        /* 0, -1 empty */

/* A blackboard's one message. */
struct apex_slot {
	uint8_t *msg;
	uint32_t size, len;
	int occupied;
};

void slot_display(struct apex_slot *s, const void *msg, uint32_t len);
int slot_read(const struct apex_slot *s, void *buf, uint32_t *len);  /* 0, -1 empty */
void slot_clear(struct apex_slot *s);

/* Semaphore value: take one unit if there is one; give one back. */
int semv_take(APEX_INTEGER *value);                               /* 1 taken, 0 none */
RETURN_CODE_TYPE semv_give(APEX_INTEGER *value, APEX_INTEGER max);  /* NO_ACTION at max */

/* Argument checks, each returning the standard's code for the first bad one. */
RETURN_CODE_TYPE check_timeout(SYSTEM_TIME_TYPE t);  /* >= 0 or INFINITE */
RETURN_CODE_TYPE check_discipline(QUEUING_DISCIPLINE_TYPE d);
RETURN_CODE_TYPE check_send_length(MESSAGE_SIZE_TYPE len, MESSAGE_SIZE_TYPE max);
RETURN_CODE_TYPE check_semaphore(APEX_INTEGER current, APEX_INTEGER max,
				 QUEUING_DISCIPLINE_TYPE d);
RETURN_CODE_TYPE check_queue(MESSAGE_SIZE_TYPE size, MESSAGE_RANGE_TYPE nb,
			     QUEUING_DISCIPLINE_TYPE d);
RETURN_CODE_TYPE check_process(const PROCESS_ATTRIBUTE_TYPE *a, uint32_t min_stack);
int name_eq(const char *a, const char *b);   /* up to MAX_NAME_LENGTH */
void name_copy(char *dst, const char *src);

/* A time-out in ns as ticks of tick_ns, rounded up, at least 1; 0 = forever. */
uint32_t ns_to_ticks(SYSTEM_TIME_TYPE ns, uint64_t tick_ns);
/* APEX priority (1..239, larger first) as an RTOS priority (1 highest). */
uint32_t rtos_priority(PRIORITY_TYPE p);

/* The process state from its flags. */
#define PF_STARTED    0x1u    /* not dormant */
#define PF_SUSPENDED  0x2u    /* SUSPEND / SUSPEND_SELF */
#define PF_WAITING    0x4u    /* blocked in a service, a delay or its release */
#define PF_RUNNING    0x8u    /* the executing process */
PROCESS_STATE_TYPE proc_state(uint32_t flags);

#endif
