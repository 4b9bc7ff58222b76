/*
 * Helpers shared by the RTOS system tests.  Cases run one after another in
 * the INIT task (priority 1, above every task a case creates); a case
 * creates tasks, lets them run by blocking on the "done" semaphore they
 * release, then checks what they recorded.  Task bodies never use
 * BH_EXPECT (that would end the task, not the case): they record, and the
 * case checks.
 */
#ifndef RTEST_H
#define RTEST_H

#include "bh_test.h"
#include "rtos.h"

#define RT_CHECK(call)                                                  \
	do {                                                            \
		rtos_status_code rt_r_ = (call);                        \
		BH_EXPECT(rt_r_ == RTOS_SUCCESSFUL, "%s: %s", #call,    \
			  rtos_status_text(rt_r_));                     \
	} while (0)

#define RT_EXPECT_STATUS(call, want)                                    \
	do {                                                            \
		rtos_status_code rt_r_ = (call);                        \
		BH_EXPECT(rt_r_ == (want), "%s: %s, expected %s", #call, \
			  rtos_status_text(rt_r_), rtos_status_text(want)); \
	} while (0)

#define RTEST_NAME(s) RTOS_BUILD_NAME((s)[0], (s)[1], (s)[2], (s)[3])

/* Tasks: created (and started) for the running case, deleted after it. */
rtos_id rtest_task(const char *name, rtos_task_priority prio, rtos_mode modes,
		   rtos_attribute attributes, rtos_task_entry entry,
		   rtos_task_argument arg);
rtos_id rtest_task_created(const char *name, rtos_task_priority prio,
			   rtos_mode modes, rtos_attribute attributes);
void rtest_cleanup(void);

/* Tasks release "done" when they finish; the case waits for n of them. */
void rtest_done(void);
unsigned rtest_wait_done(unsigned n, rtos_interval timeout);

/* An order log: tasks append one character per step. */
void rtest_log(char c);
const char *rtest_log_text(void);
void rtest_log_reset(void);

/* Busy for n ticks (interrupts on: the tick may preempt us). */
void rtest_spin_ticks(unsigned n);
/* Ticks the wall clock says have passed since tick 0 (with the clock's slack). */
uint64_t rtest_wall_ticks(uint64_t wall_ns);

#endif
