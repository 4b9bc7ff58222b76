/*
 * System case "smp2-xcpu-hostile" (issue 14 review): a ring-3 partition on
 * cpu 1 reaches for cpu 0's state — its struct cpu (GDT, NMI stack), its
 * main TSS, its kernel stacks (its boot stack and the victim's kernel
 * stack), its struct pcpu, the local APIC's command register — at the
 * addresses of this very image (guests/tests/xcpu-hostile/addrs.sh reads
 * them at build time), and at those sgdt/sidt give where UMIP is off.
 *
 *   victim    (guests/tests/xcpu-hostile, cpu 0) keeps its windows on
 *             time, is never blamed, and ends the run once attacker is done
 *   attacker  (guests/tests/xcpu-hostile, cpu 1) one attempt per
 *             incarnation, restarted by the health monitor after each
 *
 * The partition ids are used by guests/tests/xcpu-hostile/main.c.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "victim", .module = "xcpu-victim.elf",
		  .mem_size = 128 * 1024, .flags = BH_PART_F_SYSTEM },
		{ .name = "attacker", .module = "xcpu-hostile.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM,
		  .hm_action = {
			[BH_HM_GENERAL_PROTECTION] = BH_HM_ACT_RESTART,
			[BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART,
			[BH_HM_PARTITION_RESTART] = BH_HM_ACT_RESTART,
		  },
		  .restart_limit = 14 },      /* the steps in xcpu-hostile/main.c */
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
				{ .partition = 1, .offset_us = 0, .duration_us = 5000,
				  .cpu = 1 },
			},
		},
	},
};
