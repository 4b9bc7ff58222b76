/* expect: plan 1 window 0 (part "b", offset 0 us, 5000 us) puts partition 1 on cpu 0, but plan 0 window 1 has it on cpu 1: a partition is bound to one CPU */
/* code: BH_EINVAL */
/* Never at once, but in two plans on two CPUs: still refused (one CPU per partition). */
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
	.n_plans = 2,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .cpu = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .cpu = 1, .offset_us = 0, .duration_us = 10000 },
		} },
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 1, .cpu = 0, .offset_us = 0, .duration_us = 5000 },
			{ .partition = 0, .cpu = 0, .offset_us = 5000, .duration_us = 5000 },
		} },
	},
};
