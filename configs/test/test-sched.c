/*
 * System test: temporal isolation (tests/system/cases.py "isolation-time").
 * Three partitions from guests/tests/iso-part, by name: "ctl" (system) checks its
 * windows and switches plan 0 -> 1 -> 0; "spin" never yields; "yield"
 * takes the window interrupt and yields.  Each checks every window it gets
 * against the plans below (guests/tests/iso-part/sched.c holds the same numbers)
 * and keeps its own x87/SSE pattern loaded across the switches.
 * Plan 1 lists its windows out of offset order on purpose.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 3,
	.partitions = {
		{ .name = "ctl", .module = "iso-part.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM | BH_PART_F_FPU },
		{ .name = "spin", .module = "iso-spin.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_FPU },
		{ .name = "yield", .module = "iso-yield.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_FPU },
	},
	.n_plans = 2,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 1, .offset_us = 2000, .duration_us = 3000 },
				{ .partition = 2, .offset_us = 5000, .duration_us = 3000 },
			},
		},
		{
			.major_frame_us = 12000,
			.n_windows = 3,
			.windows = {
				{ .partition = 1, .offset_us = 4000, .duration_us = 6000 },
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 2, .offset_us = 2000, .duration_us = 2000 },
			},
		},
	},
};
