/*
 * System test: with module_action[BH_MOD_NMI] = BH_MODULE_ACT_RESET an NMI resets the
 * machine (tests/system/cases.py "nmi-reset"); the spinning partition
 * of configs/test/test-nmi is never blamed for it.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 1,
	.partitions = {
		{ .name = "spin", .module = "iso-spin-nmi.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
	},
	.module_action = { [BH_MOD_NMI] = BH_MODULE_ACT_RESET },
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 1,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 10000 },
			},
		},
	},
};
