/* expect: partition 1 ("b") irq_lines grants IRQ line 5, already granted to partition 0 ("a"): a hardware line can be granted to one partition only */
/* code: BH_EINVAL */
/* A line granted to two partitions: one that attached and never acknowledged
 * would keep the line masked for the other. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .irq_lines = (1u << 3) | (1u << 5) },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000,
		  .irq_lines = (1u << 5) | (1u << 7) },
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
