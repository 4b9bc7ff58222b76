/*
 * System test of the TLS segment (BH_HC_SET_TLS; case "tls"): tls-a and
 * tls-b each keep their own %gs block across many switches, tls-raw's load
 * of the TLS selector without a base of its own faults.  tls-a ends the run.
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
			{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 2000, .duration_us = 2000 },
			{ .partition = 2, .offset_us = 4000, .duration_us = 2000 },
		} },
	},
};
