/*
 * System test "tls-first": tls-raw's window comes first, so it loads the
 * TLS selector before any partition has ever had a TLS segment.  It must
 * meet the same segment fault as when it runs after tls-a and tls-b (the
 * descriptor is set up not present at boot, never left all zero).
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 3,
	.partitions = {
		{ .name = "tls-a", .module = "tls-a.elf", .mem_size = 64 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "tls-b", .module = "tls-b.elf", .mem_size = 128 * 1024 },
		{ .name = "tls-raw", .module = "tls-raw.elf", .mem_size = 64 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 6000, .n_windows = 3, .windows = {
			{ .partition = 2, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 0, .offset_us = 2000, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 4000, .duration_us = 2000 },
		} },
	},
};
