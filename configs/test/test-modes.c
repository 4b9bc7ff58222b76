/*
 * System test "modes" (tests/system/cases.py): ARINC 653 partition modes,
 * start conditions, warm and cold restarts, IDLE until a system partition
 * starts it again, the system partition's control and status services
 * (guests/tests/mode-ctl/modes.h tells the steps).
 *
 *   mode-ctl   (system) drives and checks mode-sub from outside
 *   mode-sub   restarts itself warm and cold, page-faults (HM table:
 *              warm restart), is stopped and started by mode-ctl, raises
 *              an application error (HM table: warm restart)
 *   mode-peer  a normal partition: system services refused, never touched;
 *              its application error is logged and ignored
 */
#include <bulkhead/config.h>

/* mode-sub's and mode-peer's CPU (test-smp-modes.c: cpu 1, mode-ctl on
 * cpu 0, so every control crosses CPUs). */
#ifndef SUB_CPU
#define SUB_CPU 0
#endif

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 3,
	.partitions = {
		{ .name = "mode-ctl", .module = "mode-ctl.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "mode-sub", .module = "mode-sub.elf", .mem_size = 128 * 1024,
		  .restart_limit = 8,
		  .hm_action = { [BH_HM_PAGE_FAULT] = BH_HM_ACT_WARM_RESTART,
				 [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_WARM_RESTART } },
		{ .name = "mode-peer", .module = "mode-peer.elf", .mem_size = 128 * 1024,
		  .hm_action = { [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_IGNORE } },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 3000 },
				{ .partition = 1, .offset_us = 3000, .duration_us = 4000, .cpu = SUB_CPU },
				{ .partition = 2, .offset_us = 7000, .duration_us = 3000, .cpu = SUB_CPU },
			},
		},
	},
};

/* configs are also #included together (tests/unit/ticks.mk) */
#undef SUB_CPU
