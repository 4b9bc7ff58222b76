/*
 * System case "smp2-ctl-loop" (issue 14 review): partition control across
 * CPUs against a port flow.  ctl (cpu 0, system) restarts bouncer (cpu 1)
 * 20 times while tx (cpu 1) sends 400 messages on a sampling channel whose
 * destinations are bouncer and rx, and 400 on a queuing channel to rx
 * (cpu 0): nothing lost, every message notified, each restart seen by a
 * status read right after (guests/tests/ctl-loop).
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 4,
	.partitions = {
		{ .name = "ctl", .module = "ctl-loop.elf", .mem_size = 64 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "bouncer", .module = "ctl-loop-bouncer.elf", .mem_size = 64 * 1024 },
		{ .name = "tx", .module = "ctl-loop-tx.elf", .mem_size = 64 * 1024 },
		{ .name = "rx", .module = "ctl-loop-rx.elf", .mem_size = 64 * 1024,
		  .flags = BH_PART_F_SYSTEM },
	},
	.n_ports = 5,
	.ports = {
		{ .name = "t-out", .partition = 2, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 4 },
		{ .name = "b-in", .partition = 1, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 4 },
		{ .name = "r-in", .partition = 3, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 4 },
		{ .name = "t-q", .partition = 2, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 4, .max_nb_msgs = 8 },
		{ .name = "r-q", .partition = 3, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 4, .max_nb_msgs = 8 },
	},
	.n_channels = 2,
	.channels = {
		{ .source = 0, .n_dests = 2, .dests = { 1, 2 } },
		{ .source = 3, .n_dests = 1, .dests = { 4 } },
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 10000,
			.n_windows = 4,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
				{ .partition = 3, .offset_us = 2000, .duration_us = 6000 },
				{ .partition = 2, .offset_us = 0, .duration_us = 5000, .cpu = 1 },
				{ .partition = 1, .offset_us = 5000, .duration_us = 3000, .cpu = 1 },
			},
		},
	},
};
