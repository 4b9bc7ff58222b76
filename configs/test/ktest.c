/*
 * The in-kernel test image (build/ktest.elf): its cases run before any
 * partition would start, so this configuration only has to be valid.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 1,
	.partitions = {
		{ .name = "hello", .module = "hello.elf", .mem_size = 0x10000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 2000, .n_windows = 1,
		  .windows = { { .partition = 0, .offset_us = 0, .duration_us = 2000 } } },
	},
};
