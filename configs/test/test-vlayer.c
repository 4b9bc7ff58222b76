/*
 * System test of the RTEMS virtualization layer: the conformance partition
 * (guests/tests/vlayer-test) with COM2 for the character-input path, beside the
 * system monitor, which ends the run.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "sysmon", .module = "sysmon.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "vlayer", .module = "vlayer-test.elf", .mem_size = 256 * 1024,
		  .io = { { .base = 0x2f8, .count = 8 } }, .irq_lines = 1u << 3,
		  /* The fault cases: to RTEMS's exception handler. */
		  .hm_action = { [BH_HM_DIVIDE_ERROR] = BH_HM_ACT_DELIVER,
				 [BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER } },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 20000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
			{ .partition = 1, .offset_us = 5000, .duration_us = 10000 },
		  } },
	},
};
