/* expect: partitions need 304 KiB of memory in total (256 KiB mem_size + 48 KiB of kernel pages: vCPU page, I/O bitmap, page tables), but the machine has only 300 KiB */
/* code: BH_ENOSPC */
/* machine: 0x4b000 a.elf b.elf */
/* Two 128 KiB partitions and the kernel's 6 pages for each (vCPU page,
 * I/O bitmap, page directory, two page tables) need 304 KiB: 300 do not do. */
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
		{ .major_frame_us = 4000, .n_windows = 2,
		  .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 2000 },
			{ .partition = 1, .offset_us = 2000, .duration_us = 2000 },
		} },
	},
};
