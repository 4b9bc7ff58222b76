/* What the boot loader told us, in the kernel's own terms. */
#ifndef CORE_BOOT_H
#define CORE_BOOT_H

#include <stddef.h>
#include <stdint.h>
#include <bulkhead/config.h>

#define BOOT_MAX_MODULES 16

#define BOOT_NAME_MAX    (BH_MODULE_NAME_MAX + 1)
#define BOOT_CMDLINE_MAX 256

/* Strings are copied: the loader's memory may be handed out later. */
struct boot_module {
	uint32_t start, end;       /* physical, [start, end) */
	char name[BOOT_NAME_MAX];  /* basename of the file; "" if too long */
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	uint32_t n_modules;
	struct boot_module modules[BOOT_MAX_MODULES];
	const char *module_names[BOOT_MAX_MODULES];
	uint32_t ram_start, ram_end;   /* the largest usable region above 1 MiB */
	uint32_t free_start;           /* first byte after kernel and modules */
};

extern struct boot_info boot_info;

int boot_has_option(const char *opt);
/* The value of the command line's word key... (key ends in '='), copied
 * into out (n bytes, cut short); 0 if there is none. */
int boot_option(const char *key, char *out, size_t n);

/* CPUs running, the boot CPU included (kmain, from arch_smp_init). */
extern unsigned cpus_online;
const struct boot_module *boot_find_module(const char *name);

/* Physical pages for partitions and page tables (zeroed; 0 when exhausted). */
void pmem_init(uint32_t start, uint32_t end);
uint32_t pmem_alloc(uint32_t pages);
uint32_t pmem_free_bytes(void);

/*
 * The pages pmem_alloc hands out for each partition besides its own memory
 * (setup_memory in partition.c, paging_new_space in paging.c): the shared
 * vCPU page, the I/O permission bitmap, the page directory, the page table
 * of the 4 MiB below BH_PART_BASE and one page table per 4 MiB of memory.
 * The validator counts the same pages, so a configuration it accepts never
 * runs out of memory at boot.  pmem_alloc never aligns: nothing is wasted.
 */
#define PMEM_VCPU_PAGES      1u
#define PMEM_IOBITMAP_PAGES  2u
#define PMEM_PGDIR_PAGES     1u
#define PMEM_HI_PT_PAGES     1u
#define PMEM_PT_PAGES(size)  (((size) >> 22) + (((size) & 0x3fffffu) != 0))
#define PMEM_PART_KERNEL_PAGES(size) (PMEM_VCPU_PAGES + PMEM_IOBITMAP_PAGES + \
				      PMEM_PGDIR_PAGES + PMEM_HI_PT_PAGES + \
				      PMEM_PT_PAGES(size))
/* A memory area (bh_area): its own pages are counted with its size; the
 * kernel adds one page table per 4 MiB of it in each user's directory. */
#define PMEM_AREA_KERNEL_PAGES(size, users) ((users) * PMEM_PT_PAGES(size))

#endif
