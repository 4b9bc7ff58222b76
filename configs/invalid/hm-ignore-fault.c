/* expect: hm_action[BH_HM_GENERAL_PROTECTION] is BH_HM_ACT_IGNORE: ignoring a fault would re-execute it forever */
/* code: BH_EINVAL */
/* After a fault the CPU returns to the faulting instruction; ignoring it loops. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .hm_action = { [BH_HM_GENERAL_PROTECTION] = BH_HM_ACT_IGNORE } },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 4000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 2000, .duration_us = 2000 },
		} },
	},
};
