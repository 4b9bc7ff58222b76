/* expect: partition 0 ("a") io[0] ports 0xe9..0xe9 overlap the emulator debug port 0xe9 */
/* code: BH_EPERM */
/* The kernel's own ports stay refused even when marked deliberate. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .io = { { .base = 0xe9, .count = 1, .flags = BH_IO_F_DELIBERATE } } },
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
