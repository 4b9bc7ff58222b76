/*
 * The kernel trace read by hypercall (tests/system/cases.py 'trace-read'):
 * trace-sys, a system partition, reads the ring (guests/tests/trace-rd);
 * trace-user (guests/tests/trace-user), without authority, is refused.  Windows and
 * hypercalls traced into a 256-event ring.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "trace-sys", .module = "trace-rd.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "trace-user", .module = "trace-user.elf", .mem_size = 128 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
				{ .partition = 1, .offset_us = 5000, .duration_us = 5000 },
			},
		},
	},
	.trace = { .classes = BH_TRACE_SCHED | BH_TRACE_HCALL, .ring_events = 256 },
};
