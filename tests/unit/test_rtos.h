/*
 * Host harness for the guest RTOS core (guests/rtos/src): a fake arch that
 * records context switches instead of making them.  A test plays the part
 * of whichever task is executing: after a blocking call "returns", the
 * test continues as the new executing task, and the blocked task's result
 * is read later from its wait.status.
 */
#ifndef TEST_RTOS_H
#define TEST_RTOS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "score.h"

#define RT_TICK_NS       10000000ull   /* 10 ms */
#define RT_EPOCH_NS      1000000000ull /* tick 0 at 1 s of wall time */
#define RT_TIMESLICE     3u

extern int rt_in_isr;
extern unsigned rt_level;
extern unsigned rt_switches;
extern rtos_id rt_init;          /* the first task, priority given to rt_boot */
extern uint64_t rt_now_ns;       /* the fake wall clock */

/* cmocka setup: fresh RTOS, INIT task executing at init_priority. */
void rt_boot(rtos_task_priority init_priority);
int rt_setup(void **state);      /* rt_boot(10) */

/* Create and start a task (body never runs on the host). */
rtos_id rt_task(const char *name4, rtos_task_priority prio, rtos_mode modes);
rtos_id rt_task_attr(const char *name4, rtos_task_priority prio, rtos_mode modes,
		     rtos_attribute attributes);
struct rtos_tcb *rt_tcb(rtos_id id);
rtos_id rt_running(void);        /* id of the executing task; 0 = idle */
rtos_status_code rt_result(rtos_id id);   /* a woken task's call result */

/* An interrupt: what rtos_interrupt_catch handlers and the exit hook do. */
void rt_isr_begin(void);
void rt_isr_end(void);           /* exit hook: switch if the heir changed */
/* Advance the wall clock by ns and deliver one tick interrupt. */
void rt_advance(uint64_t ns);
void rt_ticks(unsigned n);       /* n on-time tick interrupts */

#define RT_OK(call) assert_int_equal((call), RTOS_SUCCESSFUL)

#endif
