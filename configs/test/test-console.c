/*
 * System test: console pressure (tests/system/cases.py "console-pressure").
 * The plans of configs/test/test-sched.c, with "spam" (guests/tests/iso-part/spam.c)
 * in the place of "spin": it writes console output without pause while
 * "ctl" and "yield" check every window they get against the plans.
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
		{ .name = "spam", .module = "iso-spin.elf", .mem_size = 128 * 1024 },
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
