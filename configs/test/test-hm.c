/*
 * System test: spatial isolation, the health monitor and the hypercall
 * interface (tests/system/cases.py "isolation-hm").
 *
 *   obs       (guests/tests/iso-part, system) watches its windows and the HM log
 *   victim    (guests/tests/iso-victim, system) commits one fault per restart
 *   hcall     (guests/tests/iso-hcall) checks every hypercall's arguments, then
 *             reads a port granted to the victim (restarted), then
 *             commits a #BR (a fault, which no configuration may
 *             ignore: halted)
 *   edge-ok   an image ending exactly at its image area's end: runs
 *   edge-bad  the same, one byte longer: refused at boot
 *   seg-below an image with a segment over the vCPU page: refused
 *   trunc     a truncated image: refused
 * The broken images come from guests/tests/iso-broken; the partition ids are
 * used by guests/tests/iso-part/hmobs.c and guests/tests/iso-hcall/main.c.
 */
#include <bulkhead/config.h>

#define ALL_RESTART(ignored) {                                          \
	[BH_HM_DIVIDE_ERROR] = BH_HM_ACT_RESTART,                       \
	[BH_HM_DEBUG_TRAP] = ignored,                                   \
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
	.n_partitions = 7,
	.partitions = {
		{ .name = "obs", .module = "iso-part.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "victim", .module = "iso-victim.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM | BH_PART_F_FPU,
		  .io = { { .base = 0x2f8, .count = 8 } },          /* COM2 */
		  .hm_action = ALL_RESTART(BH_HM_ACT_IGNORE),
		  .restart_limit = 31 },      /* the victim's steps (iso-victim) */
		{ .name = "hcall", .module = "iso-hcall.elf", .mem_size = 128 * 1024,
		  .io = { { .base = 0x80, .count = 1 } },            /* POST port */
		  .hm_action = { [BH_HM_GENERAL_PROTECTION] = BH_HM_ACT_RESTART },
		  .restart_limit = 1 },
		{ .name = "edge-ok", .module = "iso-edge-ok.elf", .mem_size = 128 * 1024 },
		{ .name = "edge-bad", .module = "iso-edge-bad.elf", .mem_size = 128 * 1024 },
		{ .name = "seg-below", .module = "iso-seg-below.elf", .mem_size = 64 * 1024 },
		{ .name = "trunc", .module = "iso-trunc.elf", .mem_size = 64 * 1024 },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			/* Windows of at least two ticks (the validator's rule);
			 * the three refused images never run, so they have none. */
			.n_windows = 4,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 1, .offset_us = 2000, .duration_us = 3000 },
				{ .partition = 2, .offset_us = 5000, .duration_us = 2000 },
				{ .partition = 3, .offset_us = 7000, .duration_us = 3000 },
			},
		},
	},
};
