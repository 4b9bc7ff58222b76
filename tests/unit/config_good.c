/*
 * A valid configuration exercising most features, used by test_config.c
 * (which mutates copies of it) and usable as
 *     make check-config CONFIG=tests/unit/config_good.c
 */
#include <bulkhead/config.h>
#include <bulkhead/layout.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 3,
	.partitions = {
		{
			.name = "rtos",
			.module = "rtos.elf",
			.mem_size = 0x100000,
			.stack_size = 0x2000,
			.irq_lines = (1u << 3) | (1u << 10),
			.io = { { .base = 0x2f8, .count = 8 } },   /* COM2 */
			.hm_action = { [BH_HM_DEBUG_TRAP] = BH_HM_ACT_IGNORE,
				       [BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART },
			.restart_limit = 3,
		},
		{
			.name = "monitor",
			.module = "monitor.elf",
			.mem_size = 0x40000,
			.flags = BH_PART_F_SYSTEM,
			.irq_lines = 1u << 11,           /* lines are never shared */
		},
		{
			.name = "io",
			.module = "iodrv.elf",
			.mem_size = 0x10000,             /* 16 KiB stack, guard, 44 KiB image */
			.io = { { .base = 0x300, .count = 0x10 }, { 0 },
				{ .base = 0x310, .count = 0x10 } },
		},
	},
	.n_plans = 2,
	.initial_plan = 0,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 3,
			.windows = {       /* deliberately not sorted */
				{ .partition = 1, .offset_us = 6000, .duration_us = 2000 },
				{ .partition = 0, .offset_us = 0, .duration_us = 6000 },
				{ .partition = 2, .offset_us = 8000, .duration_us = 2000 },
			},
		},
		{
			/* Windows of at least two ticks (2000 us at 1 kHz); the
			 * short idle gaps between them need no such length. */
			.major_frame_us = 6000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 3000 },
				{ .partition = 1, .offset_us = 3400, .duration_us = 2100 },
			},
		},
	},
};
