/* expect: partition 0 ("a") io[1] ports 0x62..0x64 overlap the keyboard controller command port (reset, A20) at 0x64..0x64, which reaches the whole machine: grant it only deliberately, with .flags = BH_IO_F_DELIBERATE in io[1] */
/* code: BH_EPERM */
/* The keyboard controller resets the machine; io[0] shows a deliberate grant
 * of another such port is accepted. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 2,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x20000,
		  .io = { { .base = 0x92, .count = 1, .flags = BH_IO_F_DELIBERATE },
			  { .base = 0x62, .count = 3 } } },
		{ .name = "b", .module = "b.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 4000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 2000, .duration_us = 2000 },
		} },
	},
};
