/* expect: plan 0 window 1 (part "b", offset 900 us, 200 us) runs past the major frame of 1000 us */
/* code: BH_EINVAL */
/* The last window ends at 1100 us, after the 1000 us major frame. */
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
		{ .major_frame_us = 1000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 900 },
			{ .partition = 1, .offset_us = 900, .duration_us = 200 },
		} },
	},
};
