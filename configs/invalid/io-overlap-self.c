/* expect: partition 0 ("a") io[2] ports 0x2fc..0x2ff overlap its own io[0] ports 0x2f8..0x2ff */
/* code: BH_EINVAL */
/* Overlapping ranges inside one partition are a typo waiting to happen. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .io = { { .base = 0x2f8, .count = 8 }, { 0 }, { .base = 0x2fc, .count = 4 } } },
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
