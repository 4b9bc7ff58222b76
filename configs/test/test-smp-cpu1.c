/*
 * Valid on its own (hello on cpu 0, iso-spin on cpu 1 at the same
 * time): the host check, which knows no machine, passes.  At boot the
 * kernel checks again against the CPUs it started: on one CPU it must
 * refuse the configuration by name, before any partition starts (case
 * smp-bootcheck); on two, per-CPU scheduling is issue 14's next step
 * and the kernel says so (case smp-bootcheck-2).
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "hello", .module = "hello.elf", .mem_size = 0x40000 },
		{ .name = "spin", .module = "iso-spin.elf", .mem_size = 0x40000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .cpu = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .cpu = 1, .offset_us = 0, .duration_us = 10000 },
		} },
	},
};
