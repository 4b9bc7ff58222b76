/* expect: partition 1 ("b") is granted IRQ line 4, which belongs to the kernel (COM1) */
/* code: BH_EPERM */
/* Line 4 is the kernel console's UART. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .irq_lines = 1u << 3 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000,
		  .irq_lines = (1u << 4) | (1u << 5) },
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
