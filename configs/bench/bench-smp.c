/*
 * The two-CPU benchmark system (make bench's second boot, -smp 2; issue
 * 14).  Plan 0: on cpu 1 xrecv and xpeer back to back (the per-CPU
 * switch, taken at 2 ms while cpu 0 is idle), on cpu 0 xsend, whose
 * window opens inside xrecv's: it sends xrecv a notified message and gives
 * up its window, so cpu 1 takes the IPI (the cross-CPU notification).
 * Plan 1: time-flood (guests/tests) hammers the shared services on cpu 0
 * while xrecv's window starts on cpu 1 are measured; under QEMU's
 * round-robin they wait for cpu 0's next deadline (its window boundary at
 * 1 ms), which docs/benchmarks.md explains; system case smp2-interference
 * measures the same on Bochs.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 10000,
	.n_partitions = 4,
	.partitions = {
		{ .name = "xrecv", .module = "xrecv.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "xpeer", .module = "xpeer.elf", .mem_size = 64 * 1024 },
		{ .name = "xsend", .module = "xsend.elf", .mem_size = 64 * 1024 },
		{ .name = "time-flood", .module = "time-flood.elf", .mem_size = 256 * 1024,
		  .flags = BH_PART_F_SYSTEM, .restart_limit = 1000,
		  .hm_action = { [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_RESTART,
				 [BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART } },
	},
	.n_plans = 2,
	.plans = {
		{
			.major_frame_us = 4000,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000, .cpu = 1 },
				{ .partition = 1, .offset_us = 2000, .duration_us = 2000, .cpu = 1 },
				{ .partition = 2, .offset_us = 500, .duration_us = 1000, .cpu = 0 },
			},
		},
		{
			.major_frame_us = 2000,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 300, .duration_us = 1500, .cpu = 1 },
				{ .partition = 3, .offset_us = 0, .duration_us = 1000, .cpu = 0 },
				{ .partition = 3, .offset_us = 1000, .duration_us = 1000, .cpu = 0 },
			},
		},
	},
	/* xsend -> xrecv, notified; time-flood's loop to itself. */
	.n_ports = 4,
	.ports = {
		{ .name = "xs-out", .partition = 2, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 8, .max_nb_msgs = 8 },
		{ .name = "xs-in", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 8, .max_nb_msgs = 8 },
		{ .name = "fl-out", .partition = 3, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64, .max_nb_msgs = 4 },
		{ .name = "fl-in", .partition = 3, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .max_nb_msgs = 4 },
	},
	.n_channels = 2,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
		{ .source = 2, .n_dests = 1, .dests = { 3 } },
	},
};
