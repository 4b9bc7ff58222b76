/*
 * System test: one partition's flood of health-monitor events cannot
 * erase another's records (tests/system/cases.py "hm-flood", issue 8
 * defect 7).  Roles in guests/tests/iso-part/hmflood.c; the partition ids are
 * used there.
 *
 *   hmwatch  (system) reads the log and the per-partition accounting
 *   stepper  single-steps with #DB configured "ignore": thousands of events
 *   faulter  one invalid opcode, halted, before the stepper's flood
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 3,
	.partitions = {
		{ .name = "hmwatch", .module = "iso-part.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "stepper", .module = "iso-step.elf", .mem_size = 128 * 1024,
		  .hm_action = { [BH_HM_DEBUG_TRAP] = BH_HM_ACT_IGNORE } },
		{ .name = "faulter", .module = "iso-fault.elf", .mem_size = 128 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 2, .offset_us = 2000, .duration_us = 2000 },
				{ .partition = 1, .offset_us = 4000, .duration_us = 6000 },
			},
		},
	},
};
