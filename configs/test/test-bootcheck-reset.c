/*
 * System test "bootcheck-reset": valid on its own, but asks for more memory than the 64 MiB test machine
 * has: the host check (no machine) passes and the kernel's own check at
 * boot must refuse it with a message, before any partition starts; the
 * module table's BH_MOD_BOOT_CONFIG entry (here: reset) says what then.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.module_action = { [BH_MOD_BOOT_CONFIG] = BH_MODULE_ACT_RESET },
	.n_partitions = 1,
	.partitions = {
		{ .name = "hello", .module = "hello.elf", .mem_size = 96 * 1024 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 1,
		  .windows = { { .partition = 0, .offset_us = 0, .duration_us = 10000 } } },
	},
};
