/* expect: port 1 ("in") .refresh_us 1000: a refresh period is for sampling ports */
/* code: BH_EINVAL */
/* Validity belongs to sampling ports. */
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
		{ .name = "out", .partition = 0, .kind = BH_PORT_QUEUING, .direction = BH_PORT_SOURCE, .max_msg_size = 8, .max_nb_msgs = 2 },
		{ .name = "in", .partition = 1, .kind = BH_PORT_QUEUING, .direction = BH_PORT_DESTINATION, .max_msg_size = 8, .max_nb_msgs = 2, .refresh_us = 1000 },
	},
	.n_channels = 1,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
	},
};
