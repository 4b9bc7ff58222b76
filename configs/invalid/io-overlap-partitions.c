/* expect: partition 1 ("b") io[1] ports 0x308..0x30b overlap partition 0 ("a") io[0] ports 0x300..0x30f */
/* code: BH_EINVAL */
/* A port can belong to one partition only. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .io = { { .base = 0x300, .count = 16 } } },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000,
		  .io = { { .base = 0x2f8, .count = 8 }, { .base = 0x308, .count = 4 } } },
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
