/*
 * The long in-QEMU hypercall fuzz run of `make fuzz` (tests/fuzz/qemu_fuzz.py):
 * the fuzzer alone, non-system as a hostile partition is, with no system
 * partition to end the run after a fixed time; the script ends it once
 * the fuzzer has reported.  The short run beside the system monitor is
 * configs/test/test-fuzz.c.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 1,
	.partitions = {
		{ .name = "fuzz", .module = "fuzz.elf", .mem_size = 128 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 1,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 8000 },
		  } },
	},
};
