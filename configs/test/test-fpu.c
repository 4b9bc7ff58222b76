/*
 * System test "fpu-grant" (issue 9): only a partition with BH_PART_F_FPU
 * may use the FPU/SSE.
 *
 *   fpuwatch  (guests/tests/iso-part, FPU, system) keeps a pattern in every
 *             FPU/SSE register across nofpu's windows and reads the HM log
 *   nofpu     (guests/tests/iso-part, no FPU grant) tries x87, SSE, MMX and
 *             fxsave, one per incarnation; each must be an FPU event that
 *             restarts it
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "fpuwatch", .module = "iso-part.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM | BH_PART_F_FPU },
		{ .name = "nofpu", .module = "iso-nofpu.elf", .mem_size = 128 * 1024,
		  .hm_action = { [BH_HM_FPU_ERROR] = BH_HM_ACT_RESTART },
		  .restart_limit = 8 },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 4000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 1, .offset_us = 2000, .duration_us = 2000 },
			},
		},
	},
};
