/* expect: module_action[BH_MOD_SELF_CHECK] is BH_MODULE_ACT_LOG: carrying on after it is not safe; use BH_MODULE_ACT_SHUTDOWN or BH_MODULE_ACT_RESET */
/* code: BH_EINVAL */
/* Logging and carrying on where that is not safe. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.module_action = { [BH_MOD_SELF_CHECK] = BH_MODULE_ACT_LOG },
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 1000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 500 },
			{ .partition = 1, .offset_us = 500, .duration_us = 500 },
		} },
	},
};
