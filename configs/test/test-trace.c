/*
 * The trace's overrun (tests/tools_test.py, Trace): the demo's hello
 * partition in 2 ms windows, every class traced into the smallest ring
 * (64 events): 100 ms of it write several hundred events, so the oldest
 * are dropped and counted, never silently.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 1,
	.partitions = {
		{ .name = "hello", .module = "hello.elf", .mem_size = 256 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 4000,
			.n_windows = 1,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			},
		},
	},
	.trace = { .classes = BH_TRACE_ALL, .ring_events = BH_TRACE_MIN_EVENTS },
};
