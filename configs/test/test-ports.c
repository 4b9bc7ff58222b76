/*
 * System test of ARINC 653 ports (tests/system/cases.py, case "ports"):
 * port-tx sends on a sampling channel (two destinations) and a queuing
 * channel to port-rx, in separate windows; both abuse the interface and
 * check each other's results; port-mon reads the memory area port-tx
 * writes, then writes it and faults; port-rs drains a second queue that
 * port-tx floods and restarts itself (cold) in between.  Numbers repeated in ports.h of
 * guests/tests/port-tx and port-rx: keep them equal.
 */
#include <bulkhead/config.h>

/* The CPU of port-rx and port-rs (test-smp-ports.c: cpu 1, so that every
 * channel crosses CPUs). */
#ifndef RX_CPU
#define RX_CPU 0
#endif

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 4,
	.partitions = {
		{ .name = "port-rx", .module = "port-rx.elf", .mem_size = 256 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "port-tx", .module = "port-tx.elf", .mem_size = 256 * 1024 },
		{ .name = "port-mon", .module = "port-mon.elf", .mem_size = 64 * 1024 },
		{ .name = "port-rs", .module = "port-rs.elf", .mem_size = 64 * 1024,
		  .restart_limit = 5 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 12000, .n_windows = 4, .windows = {
			{ .partition = 1, .offset_us = 0, .duration_us = 3000 },
			{ .partition = 2, .offset_us = 3000, .duration_us = 2000 },
			{ .partition = 0, .offset_us = 5000, .duration_us = 4000, .cpu = RX_CPU },
			{ .partition = 3, .offset_us = 9000, .duration_us = 3000, .cpu = RX_CPU },
		} },
	},
	.n_ports = 7,
	.ports = {
		{ .name = "s-out", .partition = 1, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64 },
		{ .name = "s-in", .partition = 0, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64,
		  .refresh_us = 30000 },
		{ .name = "q-out", .partition = 1, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64, .max_nb_msgs = 4 },
		{ .name = "q-in", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .max_nb_msgs = 4,
		  .discipline = BH_QUEUE_PRIORITY },
		{ .name = "s-in2", .partition = 0, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64 },
		{ .name = "q2-out", .partition = 1, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64, .max_nb_msgs = 4 },
		{ .name = "q2-in", .partition = 3, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .max_nb_msgs = 4 },
	},
	.n_channels = 3,
	.channels = {
		{ .source = 0, .n_dests = 2, .dests = { 1, 4 } },
		{ .source = 2, .n_dests = 1, .dests = { 3 } },
		{ .source = 5, .n_dests = 1, .dests = { 6 } },
	},
	/* port-tx writes, port-mon only reads (its write faults). */
	.n_areas = 2,
	.areas = {
		{ .name = "telemetry", .va = 0x7f000000, .size = 0x2000, .n_users = 2,
		  .users = { { 1, BH_AREA_READ | BH_AREA_WRITE }, { 2, BH_AREA_READ } } },
		/* port-rs's memory across its own restarts. */
		{ .name = "rs-state", .va = 0x7f400000, .size = 0x1000, .n_users = 1,
		  .users = { { 3, BH_AREA_READ | BH_AREA_WRITE } } },
	},
};

/* configs are also #included together (tests/unit/ticks.mk) */
#undef RX_CPU
