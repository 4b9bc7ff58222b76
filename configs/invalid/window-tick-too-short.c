/* expect: plan 0 window 1 (part "b", offset 3500 us, 500 us) is shorter than two timer ticks (2000 us at tick_hz 1000, one tick is 999847 ns) */
/* code: BH_EINVAL */
/* At 1 kHz a tick is 999.847 us: a 500 us window runs only in frames where a
 * tick happens to land in it. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 4000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 3500 },
			{ .partition = 1, .offset_us = 3500, .duration_us = 500 },
		} },
	},
};
