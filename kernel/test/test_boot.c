/*
 * In-kernel tests of what the validator promises about the real machine:
 * the module it found is the module the kernel loads, and memory it says
 * fits does fit, to the page, once the kernel's own pages are counted.
 * (The ktest image has one module, hello.elf, and starts no partition, so
 * its free memory is untouched when these run.)
 */
#include <bulkhead/config.h>
#include <bulkhead/errno.h>
#include <bulkhead/layout.h>
#include "ktest.h"
#include "core/boot.h"
#include "core/partition.h"
#include "core/lib.h"

static struct bh_config one_partition(const char *module, uint32_t mem_size)
{
	return (struct bh_config){
		.signature = BH_CONFIG_SIGNATURE, .revision = BH_CONFIG_REVISION,
		.n_partitions = 1,
		.partitions = { { .name = "fit", .module = module, .mem_size = mem_size } },
		.n_plans = 1,
		.plans = { { .major_frame_us = 10000, .n_windows = 1,
			     .windows = { { 0, 0, 10000 } } } },
	};
}

/* Against this machine's modules, with mem_bytes of memory. */
static int validate_with(const struct bh_config *cfg, uint32_t mem_bytes, char *msg,
			 unsigned len)
{
	struct bh_machine m = {
		.mem_bytes = mem_bytes,
		.n_modules = boot_info.n_modules,
		.module_names = boot_info.module_names,
	};

	return bh_config_validate(cfg, &m, msg, len);
}

static int validate(const struct bh_config *cfg, char *msg, unsigned len)
{
	return validate_with(cfg, pmem_free_bytes(), msg, len);
}

/* Module checks only: memory as if plenty (the memory test may run first). */
static int validate_modules(const struct bh_config *cfg, char *msg, unsigned len)
{
	return validate_with(cfg, 0xffffffffu, msg, len);
}

/* The validator and boot_find_module agree on every module name. */
KTEST(module_lookup_agrees_with_the_validator)
{
	struct bh_config cfg = one_partition("hello.elf", 0x10000);
	char msg[160];
	int err;

	KEXPECT(boot_info.n_modules >= 1 && !bh_strcmp(boot_info.modules[0].name,
						       "hello.elf"),
		"module 0 is \"%s\", want hello.elf (the base name of its path)",
		boot_info.n_modules ? boot_info.modules[0].name : "(none)");
	err = validate_modules(&cfg, msg, sizeof(msg));
	KEXPECT(err == 0, "hello.elf refused: %s", msg);
	KEXPECT(boot_find_module("hello.elf") == &boot_info.modules[0],
		"validated hello.elf, but boot_find_module does not find it");

	/* A path: boot never finds it, so the validator must refuse it. */
	cfg.partitions[0].module = "guests/hello.elf";
	err = validate_modules(&cfg, msg, sizeof(msg));
	KEXPECT(err == -BH_EINVAL, "guests/hello.elf: %d \"%s\", want refused", err, msg);
	KEXPECT(!boot_find_module("guests/hello.elf"), "boot found guests/hello.elf");
	cfg.partitions[0].module = "hello";
	KEXPECT(validate_modules(&cfg, msg, sizeof(msg)) == -BH_ENOENT && !boot_find_module("hello"),
		"a prefix of the name matched: %s", msg);
}

/* The largest memory size whose pages, with the kernel's, fit in pages. */
static uint32_t fitting_pages(uint32_t pages)
{
	uint32_t m = pages;

	while (m && m + PMEM_PART_KERNEL_PAGES(m * BH_PAGE_SIZE) > pages)
		m--;
	return m;
}

/*
 * Exactly the free memory: accepted, and the partition really is created
 * with every page used; one page more: refused.  It uses up the memory
 * (no other case needs any) and leaves the partition unscheduled.
 */
KTEST(memory_that_exactly_fits_boots)
{
	uint32_t free = pmem_free_bytes() / BH_PAGE_SIZE, m = fitting_pages(free);
	static struct bh_config cfg;
	char msg[160];
	int err;

	/* Not every total is reachable (a page table per 4 MiB): use up the
	 * at most one page that no size can fill. */
	if (m + PMEM_PART_KERNEL_PAGES(m * BH_PAGE_SIZE) < free)
		KEXPECT(pmem_alloc(free - m - PMEM_PART_KERNEL_PAGES(m * BH_PAGE_SIZE)),
			"could not take the spare page");
	cfg = one_partition("hello.elf", (m + 1) * BH_PAGE_SIZE);
	err = validate(&cfg, msg, sizeof(msg));
	KEXPECT(err == -BH_ENOSPC, "one page more than fits (%u pages of %u free): "
		"%d \"%s\", want -BH_ENOSPC", m + 1, free, err, msg);
	cfg.partitions[0].mem_size = m * BH_PAGE_SIZE;
	err = validate(&cfg, msg, sizeof(msg));
	KEXPECT(err == 0, "%u pages + the kernel's %u = all %u free pages: refused: %s",
		m, PMEM_PART_KERNEL_PAGES(m * BH_PAGE_SIZE), free, msg);
	partitions_init(&cfg);
	KEXPECT(partitions[0].state == PART_RUNNABLE, "the partition was not created "
		"(state %d) although the validator accepted it", partitions[0].state);
	KEXPECT(pmem_free_bytes() == 0, "%u bytes left over: the validator and the "
		"kernel count different pages", pmem_free_bytes());
}
