/* expect: partition 1 ("b") io[0] ports 0xcf8..0xcff overlap PCI configuration space and the reset control register 0xcf9 at 0xcf8..0xcff, which reaches the whole machine */
/* code: BH_EPERM */
/* PCI configuration reaches every device (and 0xcf9 resets the machine). */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000,
		  .io = { { .base = 0xcf8, .count = 8 } } },
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
