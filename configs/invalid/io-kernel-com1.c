/* expect: partition 0 ("a") io[0] ports 0x3f8..0x3ff overlap COM1 (the kernel console) at 0x3f8..0x3ff, which the kernel owns */
/* code: BH_EPERM */
/* COM1 is the kernel console; a partition may not drive it. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .io = { { .base = 0x3f8, .count = 8 } } },
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
