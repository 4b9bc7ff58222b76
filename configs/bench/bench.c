/*
 * The benchmark system (make bench): the bench partition owns COM2 so it
 * can raise a routed interrupt at will; bench-peer is its partner for the
 * partition-switch measurement.  Windows are back to back.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{
			.name = "bench",
			.module = "bench.elf",
			.mem_size = 256 * 1024,
			.flags = BH_PART_F_SYSTEM,
			.io = { { .base = 0x2f8, .count = 8 } },
			.irq_lines = 1u << 3,
		},
		{
			.name = "peer",
			.module = "bench-peer.elf",
			.mem_size = 128 * 1024,
		},
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 20000,
			.n_windows = 2,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 10000 },
				{ .partition = 1, .offset_us = 10000, .duration_us = 10000 },
			},
		},
	},
	/* Ports: bench talks to itself for the copy paths; peer notifies
	 * bench at each of its windows for the delivery at window start. */
	.n_ports = 6,
	.ports = {
		{ .name = "bs-out", .partition = 0, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64 },
		{ .name = "bs-in", .partition = 0, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64,
		  .refresh_us = 100000 },
		{ .name = "bq-out", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64, .max_nb_msgs = 4 },
		{ .name = "bq-in", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .max_nb_msgs = 4 },
		{ .name = "pn-out", .partition = 1, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 8, .max_nb_msgs = 8 },
		{ .name = "pn-in", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 8, .max_nb_msgs = 8 },
	},
	.n_channels = 3,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
		{ .source = 2, .n_dests = 1, .dests = { 3 } },
		{ .source = 4, .n_dests = 1, .dests = { 5 } },
	},
};
