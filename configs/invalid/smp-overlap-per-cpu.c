/* expect: plan 0 window 1 (part "b", cpu 1, offset 0 us, 6000 us) overlaps window 2 (part "c", cpu 1, offset 5000 us, 5000 us) */
/* code: BH_EINVAL */
/* On cpu 1, b runs until 6000 us but c starts at 5000 us; a's window on cpu 0 overlapping both in time is fine. */
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
			{ .partition = 1, .cpu = 1, .offset_us = 0, .duration_us = 6000 },
			{ .partition = 2, .cpu = 1, .offset_us = 5000, .duration_us = 5000 },
		} },
	},
};
