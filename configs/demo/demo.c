/*
 * The demo system `make run` boots, under a 20 ms major frame:
 *   sysmon     the system partition: reports, reads the health-monitor log,
 *              shuts the machine down after 4 s;
 *   hello      a native partition printing the windows it observes;
 *   rtos       the guest RTOS: the classic ticker (three periodic tasks)
 *              and an interrupt-driven echo task on COM2, whose 16550 is
 *              passed through to it (ports and IRQ 3).
 * The native COM2 echo partition (guests/demos/com2echo) has its own test
 * configuration: COM2 can be granted to one partition only.
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
			.name = "rtos",
			.module = "rtos-demo.elf",
			.mem_size = 512 * 1024,
			.flags = BH_PART_F_FPU,        /* its task switch saves FPU/SSE */
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
				{ .partition = 0, .offset_us = 0, .duration_us = 3000 },
				{ .partition = 1, .offset_us = 3000, .duration_us = 5000 },
				{ .partition = 2, .offset_us = 8000, .duration_us = 12000 },
			},
		},
	},
};
