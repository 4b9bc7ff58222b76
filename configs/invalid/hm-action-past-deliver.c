/* expect: partition 0 ("a") hm_action[BH_HM_PAGE_FAULT] is 5 */
/* code: BH_EINVAL */
/* The first value past BH_HM_ACT_DELIVER, the last action. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .hm_action = { [BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER + 1 } },
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
