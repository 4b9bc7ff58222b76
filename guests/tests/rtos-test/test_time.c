/*
 * System tests: the tick against the wall clock (also across time out of
 * the partition's window), wake_when, rate-monotonic deadline misses.
 */
#include "rtest.h"

#define MAX_ERRORS 4

static char time_error[96];
static volatile int time_failed;

static void record_error(const char *what, unsigned a, unsigned b)
{
	if (!time_failed)
		bh_snprintf(time_error, sizeof(time_error), "%s (%u, %u)", what, a, b);
	time_failed = 1;
}

/* The announced tick count agrees with the wall clock within one tick. */
static void check_tick_matches_wall(const char *what)
{
	uint64_t ticks = rtos_clock_get_ticks64();
	uint64_t wall = rtest_wall_ticks(rtos_clock_now_ns());

	if (ticks + 1 < wall || ticks > wall + 1)
		record_error(what, (unsigned)ticks, (unsigned)wall);
}

static void sleeper(rtos_task_argument arg)
{
	static const rtos_interval delays[] = { 1, 2, 3, 7, 25 };
	uint64_t k0, k1, t0, t1, tick = rtos_clock_tick_ns();
	unsigned i;

	for (i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		k0 = rtos_clock_get_ticks64();
		t0 = rtos_clock_now_ns();
		rtos_task_wake_after(delays[i]);
		k1 = rtos_clock_get_ticks64();
		t1 = rtos_clock_now_ns();
		if (k1 < k0 + delays[i])
			record_error("woke early (ticks)", (unsigned)(k1 - k0), delays[i]);
		if (t1 - t0 + tick / 16 < (delays[i] - 1) * tick)
			record_error("woke early (wall us)", (unsigned)((t1 - t0) / 1000),
				     delays[i]);
		check_tick_matches_wall("ticks vs wall after wake_after");
	}
	rtest_done();
}

BH_TEST(time, wake_after_wall_clock, "wake_after_wall_clock")
{
	time_failed = 0;
	BH_EXPECT(rtest_task("SLEP", 5, 0, 0, sleeper, 0), "create");
	BH_EXPECT_EQ(rtest_wait_done(1, 200), 1);
	BH_EXPECT(!time_failed, "%s", time_error);
}

/*
 * Give the window away a few times (the partition is then out of its
 * window for at least the rest of the major frame): the tick interrupts
 * that expire meanwhile arrive as one, and the catch-up must bring the
 * count back to the wall clock; a delay that ended meanwhile fires.
 */
BH_TEST(time, out_of_window_catch_up, "out_of_window_catch_up")
{
	uint64_t late0 = rtos_clock_late_ticks(), k0 = rtos_clock_get_ticks64();
	unsigned i;

	time_failed = 0;
	for (i = 0; i < 5; i++) {
		bh_yield();             /* interrupts on: the tick comes in as we return */
		check_tick_matches_wall("ticks vs wall after a yield");
	}
	BH_EXPECT(!time_failed, "%s", time_error);
	BH_EXPECT(rtos_clock_get_ticks64() > k0, "no tick in five windows");
	bh_printf("out of window: %u ticks, %u announced late\n",
		  (unsigned)(rtos_clock_get_ticks64() - k0),
		  (unsigned)(rtos_clock_late_ticks() - late0));
}

BH_TEST(time, wake_when, "wake_when")
{
	uint64_t target = rtos_clock_now_ns() + 55000000u;    /* 55 ms */
	uint64_t now;

	RT_CHECK(rtos_task_wake_when(target));
	now = rtos_clock_now_ns();
	BH_EXPECT(now + rtos_clock_tick_ns() / 16 >= target, "woke %u us early",
		  (unsigned)((target - now) / 1000));
	RT_EXPECT_STATUS(rtos_task_wake_when(now - 1000000), RTOS_INVALID_CLOCK);
}

/* -------------------------------------------------------- rate monotonic -- */

static rtos_status_code rm_status[8];
static struct rtos_period_statistics rm_stats;

/* Five periods of 5 ticks: work 1 tick in each, except 8 ticks in the fourth. */
static void periodic(rtos_task_argument arg)
{
	rtos_id p;
	unsigned i;

	if (rtos_rate_monotonic_create(RTEST_NAME("PER1"), &p) != RTOS_SUCCESSFUL) {
		rtest_done();
		return;
	}
	rtos_rate_monotonic_period(p, 5);
	for (i = 0; i < 5; i++) {
		rtest_spin_ticks(i == 3 ? 8 : 1);
		rm_status[i] = rtos_rate_monotonic_period(p, 5);
	}
	rtos_rate_monotonic_get_statistics(p, &rm_stats);
	rtos_rate_monotonic_delete(p);
	rtest_done();
}

BH_TEST(time, rate_monotonic_miss, "rate_monotonic_miss")
{
	unsigned i;

	BH_EXPECT(rtest_task("PERI", 5, 0, 0, periodic, 0), "create");
	BH_EXPECT_EQ(rtest_wait_done(1, 200), 1);
	for (i = 0; i < 5; i++)
		BH_EXPECT(rm_status[i] == (i == 3 ? RTOS_TIMEOUT : RTOS_SUCCESSFUL),
			  "period %u: %s", i, rtos_status_text(rm_status[i]));
	BH_EXPECT_EQ(rm_stats.missed_count, 1);
	BH_EXPECT_EQ(rm_stats.count, 6);
}
