/*
 * System test of the guest RTOS: its test partition (guests/tests/rtos-test)
 * in a 10 ms window of a 20 ms frame, beside the system monitor, which
 * ends the run.  The rate-monotonic case needs the partition to run at
 * least every 40 ms.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "sysmon", .module = "sysmon.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "rtos", .module = "rtos-test.elf", .mem_size = 512 * 1024,
		  .flags = BH_PART_F_FPU },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 20000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
			{ .partition = 1, .offset_us = 10000, .duration_us = 10000 },
		  } },
	},
};
