/* expect: area 0 ("shm") .va 0x00400000 + .size 0x1000 */
/* code: BH_EINVAL */
/* The kernel lives below 0x40000000. */
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
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
			{ .partition = 1, .offset_us = 5000, .duration_us = 5000 },
		} },
	},
	.n_areas = 1,
	.areas = {
		{ .name = "shm", .va = 0x00400000, .size = 0x1000, .n_users = 1, .users = { { 0, BH_AREA_READ } } },
	},
};
