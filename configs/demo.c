/*
 * The demo system `make run` boots: a system monitor, a native partition,
 * and com2echo, which owns COM2 (ports and interrupt line 3, driven from
 * ring 3) and echoes what it receives, under a 20 ms major frame.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 3,
	.partitions = {
		{
			.name = "sysmon",
			.module = "sysmon.elf",
			.mem_size = 256 * 1024,
			.flags = BH_PART_F_SYSTEM,
		},
		{
			.name = "hello",
			.module = "hello.elf",
			.mem_size = 256 * 1024,
			.hm_action = { [BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART },
			.restart_limit = 3,
		},
		{
			.name = "com2echo",
			.module = "com2echo.elf",
			.mem_size = 256 * 1024,
			.io = { { .base = 0x2f8, .count = 8 } },
			.irq_lines = 1u << 3,
		},
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 20000,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
				{ .partition = 1, .offset_us = 5000, .duration_us = 10000 },
				{ .partition = 2, .offset_us = 15000, .duration_us = 5000 },
			},
		},
	},
};
