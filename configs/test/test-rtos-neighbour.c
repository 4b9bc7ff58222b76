/*
 * The guest RTOS's tests again, now beside a partition that faults and is
 * cold-restarted in every one of its windows: the RTOS must keep its
 * schedule and pass the same timing cases.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 3,
	.partitions = {
		{ .name = "sysmon", .module = "sysmon.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "rtos", .module = "rtos-test.elf", .mem_size = 512 * 1024,
		  .flags = BH_PART_F_FPU },
		{ .name = "crasher", .module = "crasher.elf", .mem_size = 64 * 1024,
		  .hm_action = { [BH_HM_DIVIDE_ERROR] = BH_HM_ACT_RESTART },
		  .restart_limit = 1000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 20000, .n_windows = 3,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 3000 },
			{ .partition = 2, .offset_us = 3000, .duration_us = 5000 },
			{ .partition = 1, .offset_us = 10000, .duration_us = 10000 },
		  } },
	},
};
