/*
 * System test of APEX (tests/system/cases.py, case "apex"): apex-test runs
 * the cases (guests/tests/apex-test), apex-peer answers on the queuing
 * ports and publishes on a sampling port.  The windows are far apart so
 * that a blocked receive is released in a later window, by the peer.
 */
#include <bulkhead/config.h>

#define Q(n, p, dir, disc) { .name = n, .partition = p, .kind = BH_PORT_QUEUING, \
		.direction = dir, .max_msg_size = 32, .max_nb_msgs = 4, .discipline = disc }
#define S(n, p, dir, refresh) { .name = n, .partition = p, .kind = BH_PORT_SAMPLING, \
		.direction = dir, .max_msg_size = 16, .refresh_us = refresh }

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "apex-test", .module = "apex-test.elf", .mem_size = 512 * 1024,
		  .flags = BH_PART_F_SYSTEM,
		  .hm_action = { [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_IGNORE,
				 /* to APEX's error handler (t_fault.c) */
				 [BH_HM_DIVIDE_ERROR] = BH_HM_ACT_DELIVER,
				 [BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER } },
		{ .name = "apex-peer", .module = "apex-peer.elf", .mem_size = 256 * 1024,
		  .restart_limit = 2 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 20000, .n_windows = 2, .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .offset_us = 12000, .duration_us = 6000 },
		} },
	},
	.n_ports = 14,
	.ports = {
		Q("T_PING", 0, BH_PORT_SOURCE, BH_QUEUE_FIFO),
		Q("P_PING", 1, BH_PORT_DESTINATION, BH_QUEUE_FIFO),
		Q("P_PONG", 1, BH_PORT_SOURCE, BH_QUEUE_FIFO),
		Q("T_PONG", 0, BH_PORT_DESTINATION, BH_QUEUE_PRIORITY),
		Q("T_FULL", 0, BH_PORT_SOURCE, BH_QUEUE_FIFO),
		Q("P_FULL", 1, BH_PORT_DESTINATION, BH_QUEUE_FIFO),
		Q("P_IDLE", 1, BH_PORT_SOURCE, BH_QUEUE_FIFO),
		Q("T_IDLE", 0, BH_PORT_DESTINATION, BH_QUEUE_FIFO),
		S("P_SAMP", 1, BH_PORT_SOURCE, 0),
		S("T_SAMP", 0, BH_PORT_DESTINATION, 1000000),
		S("T_SOUT", 0, BH_PORT_SOURCE, 0),
		S("P_SIN", 1, BH_PORT_DESTINATION, 0),
		S("P_SNONE", 1, BH_PORT_SOURCE, 0),
		S("T_SNONE", 0, BH_PORT_DESTINATION, 0),
	},
	.n_channels = 7,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
		{ .source = 2, .n_dests = 1, .dests = { 3 } },
		{ .source = 4, .n_dests = 1, .dests = { 5 } },
		{ .source = 6, .n_dests = 1, .dests = { 7 } },
		{ .source = 8, .n_dests = 1, .dests = { 9 } },
		{ .source = 10, .n_dests = 1, .dests = { 11 } },
		{ .source = 12, .n_dests = 1, .dests = { 13 } },
	},
};
