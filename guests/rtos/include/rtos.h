/*
 * The bulkhead guest RTOS: a small RTOS in the spirit of the RTEMS Classic
 * API, built only on libpart.  A partition links build/guests/librtos.a,
 * compiles with -Iguests/rtos/include, and from main() calls rtos_start().
 *
 * Objects (tasks, semaphores, message queues, periods) are named by 32-bit
 * ids; RTOS_SELF (0) names the calling task.  Priorities: 1 is the highest,
 * 255 the lowest; the idle task runs below all of them.  Times are in clock
 * ticks unless the name says ns; a timeout of RTOS_NO_TIMEOUT waits forever.
 * Every call returns an rtos_status_code (RTEMS numbering).
 *
 * From an interrupt handler (rtos_interrupt_catch) only these may be used:
 * rtos_event_send, rtos_semaphore_release (counting and simple binary),
 * rtos_semaphore_obtain with RTOS_NO_WAIT, rtos_message_queue_send/urgent/
 * broadcast, rtos_message_queue_receive with RTOS_NO_WAIT, rtos_task_resume,
 * and the clock and interrupt-level calls.  A task switch they cause
 * happens when the interrupt ends.
 */
#ifndef RTOS_H
#define RTOS_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t rtos_id;
typedef uint32_t rtos_name;
typedef uint32_t rtos_interval;          /* clock ticks */
typedef uint32_t rtos_task_priority;
typedef uint32_t rtos_mode;
typedef uint32_t rtos_attribute;
typedef uint32_t rtos_option;
typedef uint32_t rtos_event_set;
typedef uint32_t rtos_task_argument;
typedef unsigned rtos_interrupt_level;   /* 0 enabled, 1 disabled */
typedef void (*rtos_task_entry)(rtos_task_argument arg);
typedef void (*rtos_isr)(void *arg);

typedef enum rtos_status_code {
	RTOS_SUCCESSFUL = 0,
	RTOS_TASK_EXITTED = 1,
	RTOS_INVALID_NAME = 3,
	RTOS_INVALID_ID = 4,
	RTOS_TOO_MANY = 5,
	RTOS_TIMEOUT = 6,
	RTOS_OBJECT_WAS_DELETED = 7,
	RTOS_INVALID_SIZE = 8,
	RTOS_INVALID_ADDRESS = 9,
	RTOS_INVALID_NUMBER = 10,
	RTOS_NOT_DEFINED = 11,
	RTOS_RESOURCE_IN_USE = 12,
	RTOS_UNSATISFIED = 13,
	RTOS_INCORRECT_STATE = 14,
	RTOS_ALREADY_SUSPENDED = 15,
	RTOS_ILLEGAL_ON_SELF = 16,
	RTOS_CALLED_FROM_ISR = 18,
	RTOS_INVALID_PRIORITY = 19,
	RTOS_INVALID_CLOCK = 20,
	RTOS_NOT_CONFIGURED = 22,
	RTOS_NOT_OWNER_OF_RESOURCE = 23,
	RTOS_NOT_IMPLEMENTED = 24,
	RTOS_INTERNAL_ERROR = 25,
	RTOS_NO_MEMORY = 26,
	RTOS_IO_ERROR = 27,
} rtos_status_code;

/* "TA1 " style names, as in RTEMS. */
#define RTOS_BUILD_NAME(a, b, c, d) \
	((rtos_name)(uint8_t)(a) << 24 | (rtos_name)(uint8_t)(b) << 16 | \
	 (rtos_name)(uint8_t)(c) << 8 | (rtos_name)(uint8_t)(d))

#define RTOS_SELF               ((rtos_id)0)
#define RTOS_NO_TIMEOUT         ((rtos_interval)0)
#define RTOS_YIELD_PROCESSOR    ((rtos_interval)0)
#define RTOS_CURRENT_PRIORITY   ((rtos_task_priority)0)
#define RTOS_PRIORITY_HIGHEST   ((rtos_task_priority)1)
#define RTOS_PRIORITY_LOWEST    ((rtos_task_priority)255)
#define RTOS_PENDING_EVENTS     ((rtos_event_set)0)
#define RTOS_ALL_EVENTS         ((rtos_event_set)0xffffffffu)
#define RTOS_EVENT_SET(n)       ((rtos_event_set)1u << (n))
#define RTOS_PERIOD_STATUS      ((rtos_interval)0)

/* Limits of the library build (object tables are static). */
#define RTOS_MAX_TASKS           24
#define RTOS_MAX_SEMAPHORES      32
#define RTOS_MAX_MESSAGE_QUEUES  16
#define RTOS_MAX_PERIODS         16
#define RTOS_MAX_CONDITIONS      48
#define RTOS_MINIMUM_STACK_SIZE  4096u   /* task + nested upcall frames */

/* Options */
#define RTOS_DEFAULT_OPTIONS  0u
#define RTOS_WAIT             0u
#define RTOS_NO_WAIT          1u
#define RTOS_EVENT_ALL        0u
#define RTOS_EVENT_ANY        2u

/* Attributes */
#define RTOS_DEFAULT_ATTRIBUTES        0u
#define RTOS_FIFO                      0u    /* wait queue order */
#define RTOS_PRIORITY                  0x1u
#define RTOS_COUNTING_SEMAPHORE        0u
#define RTOS_BINARY_SEMAPHORE          0x10u /* owner, nesting; a mutex */
#define RTOS_SIMPLE_BINARY_SEMAPHORE   0x20u /* 0 or 1, no owner */
#define RTOS_SEMAPHORE_CLASS           0x30u
#define RTOS_INHERIT_PRIORITY          0x40u /* binary + RTOS_PRIORITY only */
#define RTOS_NO_FLOATING_POINT         0u
#define RTOS_FLOATING_POINT            0x100u

/* Task modes */
#define RTOS_DEFAULT_MODES    0u
#define RTOS_PREEMPT          0u
#define RTOS_NO_PREEMPT       0x100u
#define RTOS_PREEMPT_MASK     0x100u
#define RTOS_NO_TIMESLICE     0u
#define RTOS_TIMESLICE        0x200u
#define RTOS_TIMESLICE_MASK   0x200u
#define RTOS_ALL_MODE_MASKS   (RTOS_PREEMPT_MASK | RTOS_TIMESLICE_MASK)

/* ------------------------------------------------------------ start-up -- */

struct rtos_config {
	uint32_t tick_us;              /* clock tick; 0 = 10000 (10 ms) */
	uint32_t timeslice_ticks;      /* round-robin quantum; 0 = 5 */
	/* The first task, created and started by rtos_start. */
	rtos_name init_name;           /* 0 = "INIT" */
	rtos_task_priority init_priority;   /* 0 = 1 */
	uint32_t init_stack_size;      /* 0 = RTOS_MINIMUM_STACK_SIZE * 2 */
	rtos_mode init_modes;
	rtos_attribute init_attributes;
	rtos_task_entry init_entry;
	rtos_task_argument init_argument;
};

/*
 * Take the partition's free memory as the RTOS workspace (stacks, FPU
 * areas, message buffers), start the clock tick and run the first task.
 * Call once, from main(), with virtual interrupts disabled (as main starts).
 */
__attribute__((noreturn)) void rtos_start(const struct rtos_config *cfg);

/* Stop the partition with a message (a fatal error in the application). */
__attribute__((noreturn)) void rtos_fatal(rtos_status_code code, const char *why);

const char *rtos_status_text(rtos_status_code code);

/* --------------------------------------------------------------- tasks -- */

rtos_status_code rtos_task_create(rtos_name name, rtos_task_priority priority,
				  uint32_t stack_size, rtos_mode modes,
				  rtos_attribute attributes, rtos_id *id);
rtos_status_code rtos_task_start(rtos_id id, rtos_task_entry entry,
				 rtos_task_argument arg);
/* Deleting a task that holds a binary semaphore: RTOS_RESOURCE_IN_USE. */
rtos_status_code rtos_task_delete(rtos_id id);
__attribute__((noreturn)) void rtos_task_exit(void);  /* also: entry returns */
rtos_status_code rtos_task_suspend(rtos_id id);
rtos_status_code rtos_task_resume(rtos_id id);
rtos_status_code rtos_task_is_suspended(rtos_id id);  /* SUCCESSFUL = no */
/* new_priority RTOS_CURRENT_PRIORITY only reads; *old is the real priority. */
rtos_status_code rtos_task_set_priority(rtos_id id, rtos_task_priority new_priority,
					rtos_task_priority *old);
/* The priority the task runs at now, inheritance included. */
rtos_status_code rtos_task_get_current_priority(rtos_id id, rtos_task_priority *out);
rtos_status_code rtos_task_mode(rtos_mode mode_set, rtos_mode mask, rtos_mode *previous);
/* ticks = RTOS_YIELD_PROCESSOR: go behind the other ready tasks of equal priority. */
rtos_status_code rtos_task_wake_after(rtos_interval ticks);
/* Sleep until the wall clock (ns since boot, bh_time) reaches wall_ns. */
rtos_status_code rtos_task_wake_when(uint64_t wall_ns);
rtos_status_code rtos_task_ident(rtos_name name, rtos_id *id);
rtos_id rtos_task_self(void);
rtos_status_code rtos_task_get_name(rtos_id id, rtos_name *name);

/* --------------------------------------------------------------- clock -- */

rtos_interval rtos_clock_get_ticks_since_boot(void);  /* since rtos_start */
uint64_t rtos_clock_get_ticks64(void);
uint32_t rtos_clock_get_ticks_per_second(void);
uint64_t rtos_clock_tick_ns(void);
uint64_t rtos_clock_epoch_ns(void);    /* wall-clock time of tick 0 */
uint64_t rtos_clock_now_ns(void);      /* the wall clock, read now */
/* Ticks announced late (coalesced while the partition was out of its window). */
uint64_t rtos_clock_late_ticks(void);
/*
 * hook(ticks) runs in the tick interrupt after every announcement (after
 * the delays and timeouts it ended), with the tick count reached: a place
 * for per-tick checks such as deadline monitoring.  NULL removes it.  It
 * may use the calls allowed from interrupt handlers.
 */
typedef void (*rtos_tick_hook)(uint64_t ticks);
void rtos_clock_set_tick_hook(rtos_tick_hook hook);

/* ---------------------------------------------------------- interrupts -- */

rtos_interrupt_level rtos_interrupt_disable(void);      /* -> previous level */
void rtos_interrupt_enable(rtos_interrupt_level level); /* restore that level */
void rtos_interrupt_flash(rtos_interrupt_level level);
int rtos_interrupt_is_in_progress(void);
/*
 * Run handler(arg) for each interrupt on a virtual line (bulkhead numbering:
 * 0..15 granted hardware lines, 16 the virtual timer -- taken by the clock
 * tick -- 17 the window start).  A handler for a hardware line calls
 * bh_irq_unmask(line) once its device is serviced.  Handlers must not use
 * the FPU.
 */
rtos_status_code rtos_interrupt_catch(unsigned line, rtos_isr handler, void *arg);
rtos_status_code rtos_interrupt_release(unsigned line);
/*
 * Run handler(arg), as an interrupt handler, at the end of every upcall for
 * line, after whatever handler libpart has for it -- e.g. libpart's 16550
 * driver, which owns its line and fills its input ring: a task can then
 * wait on a semaphore the handler releases instead of polling the ring.
 * handler NULL removes it.
 */
rtos_status_code rtos_interrupt_notify(unsigned line, rtos_isr handler, void *arg);

/* ---------------------------------------------------------- semaphores -- */

rtos_status_code rtos_semaphore_create(rtos_name name, uint32_t count,
				       rtos_attribute attributes, rtos_id *id);
rtos_status_code rtos_semaphore_delete(rtos_id id);
rtos_status_code rtos_semaphore_obtain(rtos_id id, rtos_option option,
				       rtos_interval timeout);
rtos_status_code rtos_semaphore_release(rtos_id id);
/* Wake every waiter with RTOS_UNSATISFIED (counting/simple binary only). */
rtos_status_code rtos_semaphore_flush(rtos_id id);
rtos_status_code rtos_semaphore_ident(rtos_name name, rtos_id *id);

/* ------------------------------------------------------ message queues -- */

rtos_status_code rtos_message_queue_create(rtos_name name, uint32_t count,
					   size_t max_message_size,
					   rtos_attribute attributes, rtos_id *id);
rtos_status_code rtos_message_queue_delete(rtos_id id);
/* A full queue: RTOS_TOO_MANY.  Too long a message: RTOS_INVALID_SIZE. */
rtos_status_code rtos_message_queue_send(rtos_id id, const void *buf, size_t size);
rtos_status_code rtos_message_queue_urgent(rtos_id id, const void *buf, size_t size);
rtos_status_code rtos_message_queue_broadcast(rtos_id id, const void *buf,
					      size_t size, uint32_t *count);
/* buf must hold max_message_size bytes.  Empty with RTOS_NO_WAIT: UNSATISFIED. */
rtos_status_code rtos_message_queue_receive(rtos_id id, void *buf, size_t *size,
					    rtos_option option, rtos_interval timeout);
rtos_status_code rtos_message_queue_flush(rtos_id id, uint32_t *count);
rtos_status_code rtos_message_queue_get_number_pending(rtos_id id, uint32_t *count);
rtos_status_code rtos_message_queue_ident(rtos_name name, rtos_id *id);

/* -------------------------------------------------------------- events -- */

rtos_status_code rtos_event_send(rtos_id id, rtos_event_set events);
/* events = RTOS_PENDING_EVENTS reads the pending set without waiting. */
rtos_status_code rtos_event_receive(rtos_event_set events, rtos_option option,
				    rtos_interval timeout, rtos_event_set *out);

/* ------------------------------------------------- rate-monotonic periods -- */

struct rtos_period_statistics {
	uint32_t count;          /* periods started */
	uint32_t missed_count;   /* deadlines missed: the owner was late for the period */
};

rtos_status_code rtos_rate_monotonic_create(rtos_name name, rtos_id *id);
rtos_status_code rtos_rate_monotonic_delete(rtos_id id);
rtos_status_code rtos_rate_monotonic_cancel(rtos_id id);
/*
 * First call starts the period.  Later calls block until the current
 * period ends, then start the next one (length ticks after the previous
 * end).  If the period already ended (the deadline was missed) it counts
 * the miss, starts a new period from now and returns RTOS_TIMEOUT.
 * length = RTOS_PERIOD_STATUS only reports: SUCCESSFUL (running),
 * TIMEOUT (expired) or NOT_DEFINED (not started).
 */
rtos_status_code rtos_rate_monotonic_period(rtos_id id, rtos_interval length);
rtos_status_code rtos_rate_monotonic_get_statistics(rtos_id id,
						    struct rtos_period_statistics *out);
rtos_status_code rtos_rate_monotonic_ident(rtos_name name, rtos_id *id);

/* ---------------------------------------------------------- conditions -- */
/*
 * A condition is a bare wait queue, FIFO or (RTOS_PRIORITY) by priority,
 * with no state of its own: the caller keeps the state (a buffer, a port)
 * and decides, with interrupts disabled, whether to wait.  The level the
 * task had when it called wait is the level it gets back, so
 *     level = rtos_interrupt_disable();
 *     while (!ready(x)) rtos_condition_wait(c, timeout);
 *     ... take x ...; rtos_interrupt_enable(level);
 * cannot miss a signal sent between the test and the wait.  Signals are not
 * remembered: a signal with nobody waiting does nothing.  signal and
 * broadcast may be called from interrupt handlers (a port's notification).
 */
rtos_status_code rtos_condition_create(rtos_name name, rtos_attribute attributes,
				       rtos_id *id);
rtos_status_code rtos_condition_delete(rtos_id id);
/* SUCCESSFUL when signalled, TIMEOUT, or OBJECT_WAS_DELETED. */
rtos_status_code rtos_condition_wait(rtos_id id, rtos_interval timeout);
/* Wake the first waiter: SUCCESSFUL, or UNSATISFIED if nobody waits. */
rtos_status_code rtos_condition_signal(rtos_id id);
/* Wake them all; *count (may be NULL) gets how many. */
rtos_status_code rtos_condition_broadcast(rtos_id id, uint32_t *count);
/* The task that signal would wake (UNSATISFIED if none), and how many wait. */
rtos_status_code rtos_condition_first(rtos_id id, rtos_id *task);
rtos_status_code rtos_condition_waiting(rtos_id id, uint32_t *count);

/* ------------------------------------------------------------ workspace -- */

uint32_t rtos_workspace_free_bytes(void);

#endif
