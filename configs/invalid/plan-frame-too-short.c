/* expect: plan 0 major_frame_us 1000 is shorter than two timer ticks (2000 us at tick_hz 1000 */
/* code: BH_EINVAL */
/* The 1 kHz, 500 + 500 us frame of issue 8: with a tick of 999.847 us a
 * partition went 3.3 s without the CPU. */
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
			{ .partition = 0, .offset_us = 0, .duration_us = 500 },
			{ .partition = 1, .offset_us = 500, .duration_us = 500 },
		} },
	},
};
