/* expect: trace.classes 0x81 has unknown bits 0x80 */
/* code: BH_EINVAL */
/* A class bit the kernel does not know: a newer configuration's. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 1,
	.partitions = { { .name = "a", .module = "a.elf", .mem_size = 0x10000 } },
	.n_plans = 1,
	.plans = { { .major_frame_us = 1000, .n_windows = 1,
		     .windows = { { .partition = 0, .offset_us = 0, .duration_us = 1000 } } } },
	.trace = { .classes = 0x81 },
};
