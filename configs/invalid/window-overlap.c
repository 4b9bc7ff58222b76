/* expect: plan 0 window 1 (part "b", offset 400 us, 300 us) overlaps window 2 */
/* code: BH_EINVAL */
/* Window 1 runs until 700 us, but window 2 starts at 600 us. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 1000, .n_windows = 3,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 400 },
			{ .partition = 1, .offset_us = 400, .duration_us = 300 },
			{ .partition = 0, .offset_us = 600, .duration_us = 400 },
		} },
	},
};
