/* expect: hm_action[BH_HM_OVERFLOW] is BH_HM_ACT_IGNORE: ignoring a fault would re-execute it forever; only traps may be ignored: BH_HM_DEBUG_TRAP, BH_HM_APPLICATION_ERROR */
/* code: BH_EINVAL */
/* From ring 3 BH_HM_OVERFLOW is #BR (bound), a fault: the kernel would halt
 * the partition instead, so the validator refuses it (hypercall.h, BH_HM_TRAPS). */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .hm_action = { [BH_HM_OVERFLOW] = BH_HM_ACT_IGNORE } },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 4000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 2000, .duration_us = 2000 },
		} },
	},
};
