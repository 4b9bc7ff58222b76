/*
 * The in-kernel test image (build/ktest.elf): its cases run before any
 * partition would start, so this configuration only has to be valid.  Its
 * partitions are the modules the stop cases (kernel/test/stop.c, option
 * smp_stop=) schedule on two CPUs with a plan of their own; here every
 * window is on cpu 0, so the image boots on one CPU unless a case asks.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "hello", .module = "hello.elf", .mem_size = 0x10000 },
		{ .name = "chatter", .module = "chatter.elf", .mem_size = 0x10000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 4000, .n_windows = 2,
		  .windows = { { .partition = 0, .offset_us = 0, .duration_us = 2000 },
			       { .partition = 1, .offset_us = 2000, .duration_us = 2000 } } },
	},
};
