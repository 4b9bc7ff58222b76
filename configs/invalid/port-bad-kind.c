/* expect: port 0 ("out") .kind 3: use BH_PORT_SAMPLING or BH_PORT_QUEUING */
/* code: BH_EINVAL */
/* Two kinds of port. */
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
		{ .name = "out", .kind = 3, .max_msg_size = 8 },
		{ .name = "in", .partition = 1, .kind = BH_PORT_SAMPLING, .direction = BH_PORT_DESTINATION, .max_msg_size = 8 },
	},
	.n_channels = 1,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
	},
};
