/* expect: trace.ring_events 1000: use 0 (the default, 4096) or a power of two in 64..16384 */
/* code: BH_EINVAL */
/* The ring is indexed by a mask: its size is a power of two. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 1,
	.partitions = { { .name = "a", .module = "a.elf", .mem_size = 0x10000 } },
	.n_plans = 1,
	.plans = { { .major_frame_us = 1000, .n_windows = 1,
		     .windows = { { .partition = 0, .offset_us = 0, .duration_us = 1000 } } } },
	.trace = { .classes = BH_TRACE_ALL, .ring_events = 1000 },
};
