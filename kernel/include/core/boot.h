/* What the boot loader told us, in the kernel's own terms. */
#ifndef CORE_BOOT_H
#define CORE_BOOT_H

#include <stdint.h>

#define BOOT_MAX_MODULES 16

#define BOOT_NAME_MAX    48
#define BOOT_CMDLINE_MAX 256

/* Strings are copied: the loader's memory may be handed out later. */
struct boot_module {
	uint32_t start, end;       /* physical, [start, end) */
	char name[BOOT_NAME_MAX];  /* basename of the file */
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

void boot_parse(uint32_t magic, uint32_t mbi_addr);
int boot_has_option(const char *opt);
const struct boot_module *boot_find_module(const char *name);

/* Physical pages for partitions and page tables (zeroed; 0 when exhausted). */
void pmem_init(uint32_t start, uint32_t end);
uint32_t pmem_alloc(uint32_t pages);
uint32_t pmem_free_bytes(void);

#endif
