/* expect: .max_nb_msgs 4 differ from its source "out" (64 / 8) */
/* code: BH_EINVAL */
/* A queuing channel's ends agree on depth. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000 },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 5000 },
			{ .partition = 1, .offset_us = 5000, .duration_us = 5000 },
		} },
	},
	.n_ports = 2,
	.ports = {
		{ .name = "out", .partition = 0, .kind = BH_PORT_QUEUING, .direction = BH_PORT_SOURCE, .max_msg_size = 64, .max_nb_msgs = 8 },
		{ .name = "in", .partition = 1, .kind = BH_PORT_QUEUING, .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .max_nb_msgs = 4 },
	},
	.n_channels = 1,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
	},
};
