/* expect: flags 0x5 has unknown bits 0x4 */
/* code: BH_EINVAL */
/* Only BH_PART_F_SYSTEM and BH_PART_F_FPU are defined. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .flags = 0x5 },
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
