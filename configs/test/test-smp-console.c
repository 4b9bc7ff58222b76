/*
 * The console on two CPUs (case smp2-console-cpu1): cpu 0 is never idle
 * (time-spin, virtual interrupts off, through the whole frame) and takes
 * the UART's interrupt; hello, on cpu 1, prints a line in each of its
 * windows and gives the rest away.  Its lines must come out in its
 * windows, although the CPU that sends them always runs another
 * partition (kernel/core/console.c, owner()).
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "spin", .module = "time-spin.elf", .mem_size = 0x40000 },
		{ .name = "hello", .module = "hello.elf", .mem_size = 0x40000 },
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
