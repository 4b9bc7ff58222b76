/*
 * System test of virtual interrupts (tests/system/cases.py, case "virq").
 * virq-test checks delivery, deferral, device lines and virtual time, so
 * the numbers below are repeated in guests/tests/virq-test/virq.h: keep them
 * equal.  virq-hostile abuses the upcall interface and is restarted by the
 * health monitor twice; virq-test, the system partition, checks the log.
 * COM2 (ports 0x2f8..0x2ff, line 3) is virq-test's device line; the case
 * gives QEMU a second serial port for it.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{
			.name = "virq-test",
			.module = "virq-test.elf",
			.mem_size = 256 * 1024,
			.flags = BH_PART_F_SYSTEM,
			.io = { { .base = 0x2f8, .count = 8 } },
			.irq_lines = 1u << 3,
		},
		{
			.name = "virq-hostile",
			.module = "virq-hostile.elf",
			.mem_size = 256 * 1024,
			.hm_action = {
				[BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART,
				[BH_HM_INVALID_OPCODE] = BH_HM_ACT_RESTART,
			},
			.restart_limit = 2,
		},
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
