/*
 * System test "time" (tests/system/cases.py; issue 13): exact window
 * starts and timers on the one-shot timer.  guests/tests/time-probe/time.h
 * repeats the plans below: keep them equal.
 *
 *   time-probe  (system) measures window starts and its own timers
 *   time-spin   spins with virtual interrupts off
 *   time-storm  4 MiB, restarts itself cold in a loop
 *
 * tick_hz only sets the validator's shortest window (two ticks, for the
 * periodic timer): 10 kHz allows the 200-300 us windows below.
 */
#include <bulkhead/config.h>

/* The CPU every window is on (test-smp-cpu1-time.c: cpu 1, cpu 0 idle). */
#ifndef TIME_CPU
#define TIME_CPU 0
#endif

#ifndef PROBE_NAME
#define PROBE_NAME "time-probe"
#endif

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 10000,
	.n_partitions = 3,
	.partitions = {
		{ .name = PROBE_NAME, .module = "time-probe.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "time-spin", .module = "time-spin.elf", .mem_size = 64 * 1024 },
		{ .name = "time-storm", .module = "time-storm.elf", .mem_size = 4096 * 1024,
		  .restart_limit = 1000 },
	},
	.n_plans = 4,
	.plans = {
		{
			.major_frame_us = 2000,
			.n_windows = 4,
			.windows = {
				{ .partition = 2, .offset_us = 0, .duration_us = 800, .cpu = TIME_CPU },
				{ .partition = 0, .offset_us = 800, .duration_us = 300, .cpu = TIME_CPU },
				{ .partition = 1, .offset_us = 1100, .duration_us = 500, .cpu = TIME_CPU },
				{ .partition = 0, .offset_us = 1600, .duration_us = 300, .cpu = TIME_CPU },
			},
		},
		{
			.major_frame_us = 1500,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 100, .duration_us = 300, .cpu = TIME_CPU },
				{ .partition = 2, .offset_us = 400, .duration_us = 800, .cpu = TIME_CPU },
				{ .partition = 0, .offset_us = 1200, .duration_us = 300, .cpu = TIME_CPU },
			},
		},
		{
			.major_frame_us = 500,
			.n_windows = 1,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 200, .cpu = TIME_CPU },
			},
		},
		{
			.major_frame_us = 1000,
			.n_windows = 1,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 1000, .cpu = TIME_CPU },
			},
		},
	},
};

/* configs are also #included together (tests/unit/ticks.mk) */
#undef TIME_CPU
