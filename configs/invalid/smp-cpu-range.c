/* expect: plan 0 window 1 (part "b", cpu 8, offset 0 us, 10000 us) is on cpu 8, but CPUs are 0..7 */
/* code: BH_EINVAL */
/* BH_MAX_CPUS is 8. */
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
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .cpu = 8, .offset_us = 0, .duration_us = 10000 },
		} },
	},
};
