/*
 * rtos-test: system tests of the guest RTOS on bulkhead.  One console
 * line per case, "TEST <name> PASS|FAIL ...", then "TESTS DONE".
 */
#include "rtest.h"

#define MAX_TRACKED  RTOS_MAX_TASKS
#define LOG_SIZE     128

static rtos_id tracked[MAX_TRACKED];
static rtos_id done_sem;
static char log_buf[LOG_SIZE];
static volatile unsigned log_len;

rtos_id rtest_task_created(const char *name, rtos_task_priority prio,
			   rtos_mode modes, rtos_attribute attributes)
{
	rtos_id id = 0;
	unsigned i;

	if (rtos_task_create(RTEST_NAME(name), prio, 0, modes, attributes, &id) != RTOS_SUCCESSFUL)
		return 0;
	for (i = 0; i < MAX_TRACKED; i++) {
		if (!tracked[i]) {
			tracked[i] = id;
			break;
		}
	}
	return id;
}

rtos_id rtest_task(const char *name, rtos_task_priority prio, rtos_mode modes,
		   rtos_attribute attributes, rtos_task_entry entry,
		   rtos_task_argument arg)
{
	rtos_id id = rtest_task_created(name, prio, modes, attributes);

	if (id && rtos_task_start(id, entry, arg) != RTOS_SUCCESSFUL)
		return 0;
	return id;
}

/* Tasks that already deleted themselves just answer "invalid id". */
void rtest_cleanup(void)
{
	unsigned i;

	for (i = 0; i < MAX_TRACKED; i++) {
		if (tracked[i])
			rtos_task_delete(tracked[i]);
		tracked[i] = 0;
	}
	while (rtos_semaphore_obtain(done_sem, RTOS_NO_WAIT, 0) == RTOS_SUCCESSFUL)
		;
}

void rtest_done(void)
{
	rtos_semaphore_release(done_sem);
}

unsigned rtest_wait_done(unsigned n, rtos_interval timeout)
{
	unsigned got = 0;

	while (got < n && rtos_semaphore_obtain(done_sem, RTOS_WAIT, timeout) == RTOS_SUCCESSFUL)
		got++;
	return got;
}

void rtest_log(char c)
{
	rtos_interrupt_level level = rtos_interrupt_disable();

	if (log_len < LOG_SIZE - 1)
		log_buf[log_len++] = c;
	log_buf[log_len] = 0;
	rtos_interrupt_enable(level);
}

const char *rtest_log_text(void)
{
	return log_buf;
}

void rtest_log_reset(void)
{
	log_len = 0;
	log_buf[0] = 0;
}

void rtest_spin_ticks(unsigned n)
{
	uint64_t end = rtos_clock_get_ticks64() + n;

	while (rtos_clock_get_ticks64() < end)
		__asm__ volatile("pause");
}

uint64_t rtest_wall_ticks(uint64_t wall_ns)
{
	uint64_t tick = rtos_clock_tick_ns();

	return (wall_ns - rtos_clock_epoch_ns() + tick / 16) / tick;
}

/* The registered cases of SUITE (bh_test.h), each with a fresh log and
 * cleaned up after. */
static void rtest_suite(const char *suite)
{
	bh_test_suite(suite, rtest_log_reset, rtest_cleanup);
}

static void init_task(rtos_task_argument arg)
{
	if (rtos_semaphore_create(RTEST_NAME("DONE"), 0, RTOS_COUNTING_SEMAPHORE,
				  &done_sem) != RTOS_SUCCESSFUL)
		rtos_fatal(RTOS_INTERNAL_ERROR, "cannot create the done semaphore");
	rtest_suite("sched");
	rtest_suite("sync");
	rtest_suite("time");
	rtest_suite("fpu");
	bh_tests_done();
	rtos_task_suspend(RTOS_SELF);
}

int main(void)
{
	static const struct rtos_config cfg = {
		.tick_us = 10000,
		.timeslice_ticks = 3,
		.init_priority = 1,
		.init_entry = init_task,
	};

	bh_set_mode(BH_MODE_NORMAL);
	rtos_start(&cfg);
}
