/* expect: partitions need 292 KiB of memory in total (264 KiB mem_size and area sizes + 28 KiB of kernel pages: vCPU page, I/O bitmap, page tables), but the machine has only 288 KiB */
/* code: BH_ENOSPC */
/* machine: 294912 a.elf */
/* 64 pages of memory, 2 of area, 6 kernel pages for the partition and 1 page table for the area (PMEM_AREA_KERNEL_PAGES): one page short. */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 1,
	.partitions = {
		{ .name = "a", .module = "a.elf", .mem_size = 0x40000 },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 10000, .n_windows = 1,
		  .windows = { { .partition = 0, .offset_us = 0, .duration_us = 10000 } } },
	},
	.n_areas = 1,
	.areas = {
		{ .name = "shm", .va = 0x7f000000, .size = 0x2000, .n_users = 1,
		  .users = { { 0, BH_AREA_READ | BH_AREA_WRITE } } },
	},
};
