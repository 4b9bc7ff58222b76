/* RTOS core: the tick, delays, catch-up after time out of the window,
 * rate-monotonic periods, and the workspace. */
#include "test_rtos.h"

#define TICK RT_TICK_NS

static void test_wake_after(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);

	RT_OK(rtos_task_wake_after(3));
	rt_ticks(2);
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(1);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rtos_clock_get_ticks_since_boot(), 3);
}

/*
 * Out of the window for 7 tick periods: one (coalesced) interrupt
 * announces all 7, so the count matches the wall clock again and the
 * delay that ended meanwhile fires.
 */
static void test_catch_up(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);

	RT_OK(rtos_task_wake_after(5));
	rt_advance(7 * TICK);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rtos_clock_get_ticks64(), 7);
	assert_int_equal(rtos_clock_late_ticks(), 6);
	/* Half a period later nothing; the next boundary is still on the grid. */
	rt_advance(TICK / 2);
	assert_int_equal(rtos_clock_get_ticks64(), 7);
	rt_advance(TICK / 2);
	assert_int_equal(rtos_clock_get_ticks64(), 8);
}

/* After any gap the tick count is the wall clock's, within one tick. */
static void test_ticks_follow_wall_clock(void **state)
{
	static const uint64_t gaps[] = { 3 * TICK + 1, TICK / 3, 97 * TICK + TICK / 2,
					 TICK - 1, 1, 12 * TICK };
	uint64_t expect;
	unsigned i;

	for (i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++) {
		rt_advance(gaps[i]);
		expect = (rt_now_ns - RT_EPOCH_NS + TICK / 16) / TICK;
		assert_int_equal(rtos_clock_get_ticks64(), expect);
	}
}

/* An interrupt slightly early (under 1/16 tick) still counts its tick. */
static void test_early_interrupt(void **state)
{
	rt_advance(TICK - TICK / 32);
	assert_int_equal(rtos_clock_get_ticks64(), 1);
	rt_advance(TICK / 32 + TICK - TICK / 8);     /* 1/8 early: not yet */
	assert_int_equal(rtos_clock_get_ticks64(), 1);
	rt_advance(TICK / 8);
	assert_int_equal(rtos_clock_get_ticks64(), 2);
}

static void test_wake_when(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);

	RT_OK(rtos_task_wake_when(RT_EPOCH_NS + 25000000));   /* 25 ms: tick 3 */
	rt_ticks(2);
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(1);
	assert_int_equal(rt_running(), h);
	/* Past on the wall clock, even if after the last tick: invalid. */
	rt_now_ns += TICK / 2;
	assert_int_equal(rtos_task_wake_when(rt_now_ns - 1), RTOS_INVALID_CLOCK);
	assert_int_equal(rtos_task_wake_when(0), RTOS_INVALID_CLOCK);
	/* Future, but its tick already announced (1/32 tick early): at once. */
	rt_now_ns = RT_EPOCH_NS + 4 * TICK - TICK / 32;
	rt_advance(0);
	assert_int_equal(rtos_clock_get_ticks64(), 4);
	assert_int_equal(rtos_task_wake_when(rt_now_ns + TICK / 64), RTOS_SUCCESSFUL);
	assert_int_equal(rt_running(), h);
}

/* Delays ending on the same tick wake in the order they began. */
static void test_same_tick_fifo(void **state)
{
	rtos_id a, b;

	rt_boot(1);
	a = rt_task("A   ", 5, 0);
	b = rt_task("B   ", 5, 0);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	assert_int_equal(rt_running(), a);
	RT_OK(rtos_task_wake_after(2));            /* A: tick 2 */
	assert_int_equal(rt_running(), b);
	rt_ticks(1);
	RT_OK(rtos_task_wake_after(1));            /* B: tick 2 as well */
	rt_ticks(1);
	assert_int_equal(rt_running(), a);
	RT_OK(rtos_task_wake_after(RTOS_YIELD_PROCESSOR));
	assert_int_equal(rt_running(), b);
}

static rtos_id period(void)
{
	rtos_id id = 0;

	RT_OK(rtos_rate_monotonic_create(RTOS_BUILD_NAME('P', 'E', 'R', '1'), &id));
	return id;
}

static struct rtos_period_statistics stats(rtos_id p)
{
	struct rtos_period_statistics s;

	RT_OK(rtos_rate_monotonic_get_statistics(p, &s));
	return s;
}

static void test_period_on_time(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);
	rtos_id p = period();

	assert_int_equal(rtos_rate_monotonic_period(p, RTOS_PERIOD_STATUS), RTOS_NOT_DEFINED);
	RT_OK(rtos_rate_monotonic_period(p, 10));          /* starts */
	RT_OK(rtos_rate_monotonic_period(p, RTOS_PERIOD_STATUS));
	rtos_rate_monotonic_period(p, 10);                 /* waits */
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(9);
	assert_int_equal(rt_running(), rt_init);
	rt_ticks(1);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_SUCCESSFUL);
	rtos_rate_monotonic_period(p, 10);
	rt_ticks(10);                                      /* no drift: tick 20 */
	assert_int_equal(rt_running(), h);
	assert_int_equal(stats(p).count, 3);
	assert_int_equal(stats(p).missed_count, 0);
}

static void test_period_overrun(void **state)
{
	rtos_id p = period();

	RT_OK(rtos_rate_monotonic_period(p, 5));
	rt_ticks(6);                                       /* the owner overran */
	assert_int_equal(stats(p).missed_count, 1);
	assert_int_equal(rtos_rate_monotonic_period(p, RTOS_PERIOD_STATUS), RTOS_TIMEOUT);
	assert_int_equal(rtos_rate_monotonic_period(p, 5), RTOS_TIMEOUT);  /* restarts */
	RT_OK(rtos_rate_monotonic_period(p, RTOS_PERIOD_STATUS));
	assert_int_equal(stats(p).count, 2);
	assert_int_equal(stats(p).missed_count, 1);
}

/*
 * A period waiting across time out of the window: the end that passed
 * while the partition was away releases the owner; the next end, also
 * past, finds the owner not back yet -- a miss.
 */
static void test_period_across_window_gap(void **state)
{
	rtos_id h = rt_task("H   ", 5, 0);
	rtos_id p = period();

	RT_OK(rtos_rate_monotonic_period(p, 5));
	rtos_rate_monotonic_period(p, 5);
	rt_advance(12 * TICK);
	assert_int_equal(rt_running(), h);
	assert_int_equal(rt_result(h), RTOS_SUCCESSFUL);
	assert_int_equal(stats(p).missed_count, 1);
	assert_int_equal(rtos_rate_monotonic_period(p, 5), RTOS_TIMEOUT);
}

static void test_period_owner_and_delete(void **state)
{
	rtos_id p = period();
	rtos_id h = rt_task("H   ", 5, 0);

	assert_int_equal(rtos_rate_monotonic_period(p, 5), RTOS_NOT_OWNER_OF_RESOURCE);
	RT_OK(rtos_task_suspend(RTOS_SELF));
	RT_OK(rtos_rate_monotonic_period(p, 5));           /* INIT again */
	rtos_rate_monotonic_period(p, 5);
	assert_int_equal(rt_running(), 0);                  /* idle */
	RT_OK(rtos_rate_monotonic_delete(p));
	assert_int_equal(rt_running(), rt_init);
	assert_int_equal(rt_result(rt_init), RTOS_OBJECT_WAS_DELETED);
	(void)h;
}

static void test_workspace(void **state)
{
	uint32_t before = rtos_workspace_free_bytes();
	void *a = workspace_alloc(100), *b = workspace_alloc(5000), *c = workspace_alloc(1);

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal((uintptr_t)a % 16, 0);
	assert_int_equal((uintptr_t)b % 16, 0);
	assert_null(workspace_alloc(before));
	workspace_free(b);
	workspace_free(a);
	workspace_free(c);
	assert_int_equal(rtos_workspace_free_bytes(), before);
	a = workspace_alloc(before - 64);     /* coalesced into one block again */
	assert_non_null(a);
	workspace_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_wake_after, rt_setup),
		cmocka_unit_test_setup(test_catch_up, rt_setup),
		cmocka_unit_test_setup(test_ticks_follow_wall_clock, rt_setup),
		cmocka_unit_test_setup(test_early_interrupt, rt_setup),
		cmocka_unit_test_setup(test_wake_when, rt_setup),
		cmocka_unit_test_setup(test_same_tick_fifo, rt_setup),
		cmocka_unit_test_setup(test_period_on_time, rt_setup),
		cmocka_unit_test_setup(test_period_overrun, rt_setup),
		cmocka_unit_test_setup(test_period_across_window_gap, rt_setup),
		cmocka_unit_test_setup(test_period_owner_and_delete, rt_setup),
		cmocka_unit_test_setup(test_workspace, rt_setup),
	};

	return cmocka_run_group_tests_name("rtos_time", tests, NULL, NULL);
}
