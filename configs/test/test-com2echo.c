/*
 * System test of device passthrough (tests/system/cases.py, case
 * "com2echo"): the com2echo partition alone, owning COM2, with system
 * authority so the test can end the run by sending EOT.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 1,
	.partitions = {
		{
			.name = "com2echo",
			.module = "com2echo.elf",
			.mem_size = 256 * 1024,
			.flags = BH_PART_F_SYSTEM,
			.io = { { .base = 0x2f8, .count = 8 } },
			.irq_lines = 1u << 3,
		},
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 1,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
			},
		},
	},
};
