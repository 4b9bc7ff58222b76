/* expect: plan 0 window 2 (part "a", cpu 1, offset 5000 us, 5000 us) puts partition 0 on cpu 1, but plan 0 window 0 has it on cpu 0: a partition is bound to one CPU */
/* code: BH_EINVAL */
/* Partition a would run on cpu 0 and cpu 1 at once (its windows overlap in time on the two CPUs). */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 3,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
		{ .name = "c", .module = "c.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 3,
		  .windows = {
			{ .partition = 0, .cpu = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .cpu = 1, .offset_us = 0, .duration_us = 5000 },
			{ .partition = 0, .cpu = 1, .offset_us = 5000, .duration_us = 5000 },
		} },
	},
};
