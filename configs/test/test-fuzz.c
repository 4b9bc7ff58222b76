/*
 * Hostile-partition test: the hypercall fuzzer beside the system monitor,
 * which must keep every window and shut the system down at the end.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "sysmon", .module = "sysmon.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "fuzz", .module = "fuzz.elf", .mem_size = 128 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 2000, .duration_us = 8000 },
		  } },
	},
};
