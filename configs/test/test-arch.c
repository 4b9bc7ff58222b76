/*
 * System test: the x86 entry path against a hostile partition
 * (tests/system/cases.py "arch-hostile").
 *
 *   neighbour  (guests/tests/iso-hostile, system) keeps its windows on time,
 *              is never blamed, and shuts down once hostile is done
 *   hostile    (guests/tests/iso-hostile, system) one attempt per incarnation:
 *              virtual-8086 mode by iret, NT and IOPL, LDT selectors,
 *              task-gate vectors, sysenter/syscall, UMIP instructions;
 *              restarted after each
 *              until its restart limit
 * The partition ids are used by guests/tests/iso-hostile/main.c.
 */
#include <bulkhead/config.h>

/* hostile's CPU (test-smp-arch.c: cpu 1, the neighbour on cpu 0). */
#ifndef HOSTILE_CPU
#define HOSTILE_CPU 0
#endif

#define HOSTILE_ACTIONS {                                                   \
	[BH_HM_DIVIDE_ERROR] = BH_HM_ACT_RESTART,                       \
	[BH_HM_DEBUG_TRAP] = BH_HM_ACT_RESTART,                         \
	[BH_HM_OVERFLOW] = BH_HM_ACT_RESTART,                          \
	[BH_HM_INVALID_OPCODE] = BH_HM_ACT_RESTART,                     \
	[BH_HM_GENERAL_PROTECTION] = BH_HM_ACT_RESTART,                 \
	[BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART,                         \
	[BH_HM_STACK_FAULT] = BH_HM_ACT_RESTART,                        \
	[BH_HM_SEGMENT_FAULT] = BH_HM_ACT_RESTART,                      \
	[BH_HM_FPU_ERROR] = BH_HM_ACT_RESTART,                          \
	[BH_HM_ALIGNMENT] = BH_HM_ACT_RESTART,                          \
	[BH_HM_UPCALL_FAULT] = BH_HM_ACT_RESTART,                       \
	[BH_HM_PARTITION_RESTART] = BH_HM_ACT_RESTART,                  \
}

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "neighbour", .module = "iso-neighbour.elf",
		  .mem_size = 128 * 1024, .flags = BH_PART_F_SYSTEM },
		{ .name = "hostile", .module = "iso-hostile.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM, .hm_action = HOSTILE_ACTIONS,
		  .restart_limit = 22 },      /* the steps in iso-hostile/main.c */
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 3000 },
				{ .partition = 1, .offset_us = 3000, .duration_us = 5000,
				  .cpu = HOSTILE_CPU },
			},
		},
	},
};

/* configs are also #included together (tests/unit/ticks.mk) */
#undef HOSTILE_ACTIONS
#undef HOSTILE_CPU
