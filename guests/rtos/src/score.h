/*
 * The RTOS core ("score", as RTEMS calls it): the portable part.
 *
 * Everything here is plain C that knows nothing about the CPU or bulkhead:
 * the ready queues and scheduling decisions, the tick-based watchdog list,
 * wait queues with priority inheritance, and the objects built on them.
 * It reaches the machine only through the rtos_arch_* hooks declared at the
 * end, implemented by src/arch/ on bulkhead and by a fake in the host unit
 * tests (tests/unit/test_rtos_arch.c), which is what makes all of this
 * testable on the host.
 *
 * Locking: one rule.  Every core operation runs with virtual interrupts
 * disabled (rtos_arch_isr_disable), from a task or from an interrupt
 * handler; there is no separate dispatch-disable level.  Critical sections
 * are short: the longest copies one message.
 */
#ifndef RTOS_SCORE_H
#define RTOS_SCORE_H

#include <stdint.h>
#include "rtos.h"
#include "chain.h"

/* Thread states: a bit set; 0 means ready (and maybe executing). */
#define TS_READY           0x00u
#define TS_DORMANT         0x01u   /* created, not yet started */
#define TS_SUSPENDED       0x02u
#define TS_DELAYING        0x04u   /* wake_after / wake_when */
#define TS_WAIT_SEMAPHORE  0x08u
#define TS_WAIT_MESSAGE    0x10u
#define TS_WAIT_EVENT      0x20u
#define TS_WAIT_PERIOD     0x40u
#define TS_WAIT_CONDITION  0x80u
#define TS_WAITING   (TS_WAIT_SEMAPHORE | TS_WAIT_MESSAGE | TS_WAIT_EVENT | TS_WAIT_PERIOD | \
		      TS_WAIT_CONDITION)
#define TS_BLOCKED   (TS_WAITING | TS_DELAYING)

/* The idle task's priority: below every priority a task can have. */
#define RTOS_PRIORITY_IDLE    256u
#define RTOS_PRIORITY_LEVELS  257u

/* Object classes, in the top byte of an id. */
#define OBJ_TASK    1u
#define OBJ_SEM     2u
#define OBJ_MSGQ    3u
#define OBJ_PERIOD  4u
#define OBJ_COND    5u

struct rtos_tcb;

/* First member of every object; id 0 marks a free slot. */
struct rtos_object {
	rtos_id id;
	rtos_name name;
	uint16_t generation;   /* bumped per use of the slot: stale ids fail */
};

/* A timer on the tick count: fires once when rtos_clock.ticks >= expire. */
struct rtos_watchdog {
	struct rtos_node node;
	uint64_t expire;
	void (*fire)(struct rtos_watchdog *wd);
};

/*
 * Threads blocked on an object.  Priority order is by current priority,
 * FIFO among equals.  For a priority-inheritance mutex, owner is the holder
 * and held_node links the queue into the holder's held_mutexes, so the
 * holder's priority can be recomputed from the queues it owns.
 */
struct rtos_wait_queue {
	struct rtos_chain waiters;
	uint8_t priority_order;
	uint8_t inherit;
	struct rtos_tcb *owner;
	struct rtos_node held_node;
};

/* What a blocked thread waits for and, once woken, the call's result. */
struct rtos_wait_info {
	struct rtos_wait_queue *queue;   /* NULL: events, periods, delays */
	rtos_status_code status;
	rtos_option option;
	rtos_event_set events;           /* wanted; then the events seized */
	void *buffer;                    /* message receive: where to copy */
	size_t *size;
};

/* Saved machine context, opaque to the core. */
struct bh_upcall_frame;
struct rtos_arch_context {
	struct bh_upcall_frame *frame;   /* bulkhead: the context to resume */
	void *fp_area;    /* 512-byte fxsave area, RTOS_FLOATING_POINT tasks */
};

struct rtos_tcb {
	struct rtos_object obj;
	struct rtos_node node;           /* ready chain or wait queue */
	struct rtos_watchdog timer;      /* delays and wait timeouts */
	uint32_t state;
	rtos_task_priority real_priority;
	rtos_task_priority current_priority;   /* real, or inherited if higher */
	rtos_mode modes;
	rtos_attribute attributes;
	int32_t timeslice_left;
	struct rtos_wait_info wait;
	rtos_event_set events_pending;
	struct rtos_chain held_mutexes;  /* inherit wait queues we own */
	uint32_t mutexes_held;           /* binary semaphores held, any kind */
	rtos_task_entry entry;
	rtos_task_argument arg;
	void *stack;
	uint32_t stack_size;
	struct rtos_arch_context ctx;
};

/* ------------------------------------------------------------ scheduler -- */

struct rtos_scheduler {
	struct rtos_chain ready[RTOS_PRIORITY_LEVELS];
	uint32_t minor[(RTOS_PRIORITY_LEVELS + 31) / 32];  /* bit: level non-empty */
	uint32_t major;                                    /* bit: minor word non-zero */
	struct rtos_tcb *executing;
	struct rtos_tcb *heir;        /* highest-priority ready thread */
	uint32_t timeslice_ticks;
	int started;                  /* rtos_start has switched to the first task */
	uint32_t switches;            /* context switches, for tests and statistics */
};
extern struct rtos_scheduler rtos_sched;

void sched_init(uint32_t timeslice_ticks);
void sched_add(struct rtos_tcb *t, int at_head);   /* t became ready */
void sched_remove(struct rtos_tcb *t);             /* t stopped being ready */
void sched_yield(struct rtos_tcb *t);              /* behind its equals */
struct rtos_tcb *sched_highest(void);
int sched_dispatch_needed(void);
void sched_tick(uint64_t n);                       /* time slicing */
struct rtos_tcb *sched_take_heir(void);            /* executing = heir */
/* Switch to the heir if needed and allowed: task context, interrupts off. */
void rtos_dispatch(void);
/* End of an interrupt: the thread to resume if it is not the executing one. */
struct rtos_tcb *rtos_dispatch_from_isr(void);

/* ---------------------------------------------------------------- clock -- */

struct rtos_clock {
	uint64_t ticks;          /* announced so far */
	uint64_t tick_ns;
	uint64_t epoch_ns;       /* wall-clock time of tick 0 */
	uint64_t next_tick_ns;   /* wall-clock time of tick ticks + 1 */
	uint64_t late_ticks;     /* announced more than one at a time */
	struct rtos_chain watchdogs;   /* armed, by expire, FIFO among equals */
	rtos_tick_hook hook;     /* after each announcement, in the tick ISR */
};
extern struct rtos_clock rtos_clock;

void clock_init(uint64_t epoch_ns, uint64_t tick_ns);
void clock_announce(uint64_t n);                  /* n ticks have passed */
uint64_t clock_catch_up(uint64_t now_ns);         /* announce up to now */
uint64_t clock_ticks_at_or_after(uint64_t wall_ns);
void watchdog_arm(struct rtos_watchdog *wd, uint64_t expire);
void watchdog_disarm(struct rtos_watchdog *wd);
int watchdog_is_armed(const struct rtos_watchdog *wd);
int watchdog_next_expire(uint64_t *expire);

/* --------------------------------------------------------------- thread -- */

void thread_init(struct rtos_tcb *t, rtos_task_priority priority,
		 rtos_mode modes, rtos_attribute attributes);
void thread_set_state(struct rtos_tcb *t, uint32_t bits);
void thread_clear_state(struct rtos_tcb *t, uint32_t bits);
/* Block the executing thread (queue may be NULL); timeout 0 = forever. */
void thread_block(struct rtos_tcb *t, struct rtos_wait_queue *queue,
		  uint32_t state, rtos_interval timeout);
/* End t's wait with a result: leaves the queue, stops the timer. */
void thread_unblock(struct rtos_tcb *t, rtos_status_code status);
/* Recompute t's current priority (real + inherited) and apply it. */
void thread_update_priority(struct rtos_tcb *t);
void thread_set_real_priority(struct rtos_tcb *t, rtos_task_priority p);
__attribute__((noreturn)) void rtos_thread_body(struct rtos_tcb *t);

/* ----------------------------------------------------------- wait queue -- */

void waitq_init(struct rtos_wait_queue *q, int priority_order, int inherit);
void waitq_enqueue(struct rtos_wait_queue *q, struct rtos_tcb *t);
void waitq_extract(struct rtos_tcb *t);
struct rtos_tcb *waitq_first(const struct rtos_wait_queue *q);
void waitq_requeue(struct rtos_tcb *t);           /* t's priority changed */
/* Wake every waiter with status (object deleted, flushed). */
void waitq_flush(struct rtos_wait_queue *q, rtos_status_code status);
void waitq_set_owner(struct rtos_wait_queue *q, struct rtos_tcb *owner);
/* The best priority among q's waiters, or RTOS_PRIORITY_IDLE if none. */
rtos_task_priority waitq_best_priority(const struct rtos_wait_queue *q);

/* -------------------------------------------------------------- objects -- */

struct rtos_object *object_alloc(void *table, size_t elem_size, unsigned count,
				 unsigned cls, rtos_name name);
struct rtos_object *object_get(void *table, size_t elem_size, unsigned count,
			       unsigned cls, rtos_id id);
void object_free(struct rtos_object *obj);
rtos_status_code object_ident(void *table, size_t elem_size, unsigned count,
			      rtos_name name, rtos_id *id);
#define OBJECT_TABLE(t) (t), sizeof((t)[0]), (unsigned)(sizeof(t) / sizeof((t)[0]))

/* Tasks by id, RTOS_SELF included; NULL if the id is not a live task. */
struct rtos_tcb *task_get(rtos_id id);
/* Stack (with its canary) and FPU area from the workspace. */
rtos_status_code task_allocate_memory(struct rtos_tcb *t, uint32_t stack_size,
				      rtos_attribute attributes);
/* The lowest stack word still holds its canary (no overflow seen). */
int task_stack_intact(const struct rtos_tcb *t);
/* A deleted task's periods stop. */
void ratemon_forget_owner(struct rtos_tcb *t);
/* Empty the object tables (start-up, and between host test cases). */
void task_reset_table(void);
void sem_reset_table(void);
void msgq_reset_table(void);
void ratemon_reset_table(void);
void cond_reset_table(void);

/* ------------------------------------------------------------ workspace -- */

void workspace_init(void *start, uint32_t size);
void *workspace_alloc(uint32_t size);     /* 16-byte aligned, or NULL */
void workspace_free(void *p);

/* ------------------------------------------------------------- start-up -- */

/* Portable part of rtos_start: tables, idle task, first task; the heir. */
rtos_status_code rtos_core_init(const struct rtos_config *cfg, uint64_t epoch_ns,
				rtos_task_entry idle_body, rtos_id *init_id);
extern struct rtos_tcb rtos_idle_tcb;

/* ---------------------------------------------------------- arch hooks -- */
/* Implemented by src/arch/ (target) or the host unit tests' fake. */

unsigned rtos_arch_isr_disable(void);        /* -> previous level */
void rtos_arch_isr_restore(unsigned level);
int rtos_arch_in_isr(void);
uint64_t rtos_arch_now_ns(void);             /* the wall clock, read now */
/* Prepare t so that resuming it runs rtos_thread_body(t). */
void rtos_arch_context_init(struct rtos_tcb *t);
/*
 * Save the executing context in from (NULL: discard it, from is gone) and
 * resume to.  Returns when from is resumed.  Task context, interrupts off.
 */
void rtos_arch_context_switch(struct rtos_tcb *from, struct rtos_tcb *to);
/* Prepare a fresh FPU state in t->ctx.fp_area. */
void rtos_arch_fp_init(struct rtos_tcb *t);
/* t is being deleted: its FPU state need not be saved any more. */
void rtos_arch_fp_forget(struct rtos_tcb *t);
__attribute__((noreturn)) void rtos_arch_fatal(rtos_status_code code, const char *why);

#endif
