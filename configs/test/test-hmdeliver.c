/*
 * System test "hm-deliver" (tests/system/cases.py): errors delivered to
 * the partition's error handler (BH_HM_ACT_DELIVER), and escalated
 * (hm_escalate, a cold restart) when they cannot be: see
 * guests/tests/hm-deliver.  hmd is a system partition only to read the
 * HM log and to end the run.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "hmd", .module = "hm-deliver.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM, .restart_limit = 8,
		  .hm_action = { [BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER,
				 [BH_HM_DIVIDE_ERROR] = BH_HM_ACT_DELIVER,
				 [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_DELIVER },
		  .hm_escalate = BH_HM_ACT_RESTART },
		{ .name = "bystander", .module = "hello.elf", .mem_size = 64 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 6000 },
				{ .partition = 1, .offset_us = 6000, .duration_us = 4000 },
			},
		},
	},
};
