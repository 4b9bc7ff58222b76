/* expect: plan 0 window 2 (part "c", cpu 2, offset 0 us, 10000 us) needs cpu 2, but the machine has 2 CPUs */
/* code: BH_EINVAL */
/* machine: 2097152 cpus=2 a.elf b.elf c.elf */
/* Valid on a machine with three CPUs or more; this one has two (the kernel checks again at boot). */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 3,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
		{ .name = "c", .module = "c.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 3,
		  .windows = {
			{ .partition = 0, .cpu = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .cpu = 1, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 2, .cpu = 2, .offset_us = 0, .duration_us = 10000 },
		} },
	},
};
