/* expect: plan 0 window 0 (part "a", offset 0 us, 15000 us) is shorter than two timer ticks (20001 us at tick_hz 100, one tick is 10000151 ns) */
/* code: BH_EINVAL */
/* At 100 Hz a tick is 10.0002 ms: a 15 ms window always gets a tick but
 * can be cut to a third of its length. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 100,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 45000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 15000 },
			{ .partition = 1, .offset_us = 15000, .duration_us = 30000 },
		} },
	},
};
