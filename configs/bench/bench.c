/*
 * The benchmark system (make bench): the bench partition owns COM2 so it
 * can raise a routed interrupt at will; bench-peer is its partner for the
 * partition-switch measurement.  Windows are back to back.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{
			.name = "bench",
			.module = "bench.elf",
			.mem_size = 256 * 1024,
			.flags = BH_PART_F_SYSTEM,
			.io = { { .base = 0x2f8, .count = 8 } },
			.irq_lines = 1u << 3,
		},
		{
			.name = "peer",
			.module = "bench-peer.elf",
			.mem_size = 128 * 1024,
		},
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 20000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 10000 },
				{ .partition = 1, .offset_us = 10000, .duration_us = 10000 },
			},
		},
	},
};
