/*
 * What the boot loader told us (filled by the arch: boot_arch_parse), and
 * the physical page allocator over the free memory it found.
 */
#include "core/boot.h"
#include "core/lib.h"

struct boot_info boot_info;

#define PAGE_UP(x) (((x) + 0xfffu) & ~0xfffu)

int boot_has_option(const char *opt)
{
	const char *s = boot_info.cmdline;
	size_t n = bh_strlen(opt);

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (!bh_memcmp(s, opt, n) && (s[n] == ' ' || s[n] == '\0'))
			return 1;
		while (*s && *s != ' ')
			s++;
	}
	return 0;
}

int boot_option(const char *key, char *out, size_t n)
{
	const char *s = boot_info.cmdline;
	size_t k = bh_strlen(key), i;

	while (*s) {
		while (*s == ' ')
			s++;
		if (!bh_memcmp(s, key, k)) {
			for (i = 0, s += k; i + 1 < n && *s && *s != ' '; i++)
				out[i] = *s++;
			out[i] = '\0';
			return 1;
		}
		while (*s && *s != ' ')
			s++;
	}
	return 0;
}

/* The same rule the validator applied (and the validator has refused a
 * configuration where two modules match). */
const struct boot_module *boot_find_module(const char *name)
{
	uint32_t i;

	for (i = 0; i < boot_info.n_modules; i++)
		if (bh_module_matches(name, boot_info.modules[i].name))
			return &boot_info.modules[i];
	return 0;
}

/* A bump allocator with a hard upper bound: partitions are static. */
static uint32_t pmem_next, pmem_end;

void pmem_init(uint32_t start, uint32_t end)
{
	pmem_next = PAGE_UP(start);
	pmem_end = end & ~0xfffu;
}

uint32_t pmem_alloc(uint32_t pages)
{
	uint32_t p = pmem_next;

	if (pages > (pmem_end - pmem_next) / 0x1000)
		return 0;
	pmem_next += pages * 0x1000;
	bh_memset((void *)p, 0, pages * 0x1000);
	return p;
}

uint32_t pmem_free_bytes(void)
{
	return pmem_end - pmem_next;
}
