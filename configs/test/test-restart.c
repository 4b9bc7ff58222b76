/*
 * System test: a restart costs only the restarting partition's own time
 * and self-requested restarts are bounded (tests/system/cases.py
 * "restart-bounded", issue 8 defect 4).
 *
 *   watch  (guests/tests/iso-part, system) checks its windows and the HM log
 *   big    (guests/tests/iso-part, 16 MiB) asks for its own cold restart at once,
 *          every time; the wipe and reload of 16 MiB take several of its
 *          windows each, and after restart_limit of them it is halted
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "watch", .module = "iso-part.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "big", .module = "iso-big.elf", .mem_size = 16 * 1024 * 1024,
		  .restart_limit = 3 },      /* BIG_LIMIT in guests/tests/iso-part/restart.c */
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 1, .offset_us = 2000, .duration_us = 8000 },
			},
		},
	},
};
