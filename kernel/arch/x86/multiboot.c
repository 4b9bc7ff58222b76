/*
 * Multiboot v1 parsing (boot_arch_parse): the memory map, the modules
 * (partition images) and the command line, into the core's boot_info.
 * Module memory is never handed out: it stays the pristine copy each
 * partition is restarted from.
 */
#include "core/arch.h"
#include "core/boot.h"
#include "core/console.h"
#include "core/lib.h"
#include "arch/multiboot.h"

extern char _kernel_end[];

#define PAGE_UP(x) (((x) + 0xfffu) & ~0xfffu)
/* Identity-mapped kernel space ends where the per-partition area begins. */
#define RAM_LIMIT 0x3f800000u

static void parse_mmap(const struct mb_info *mbi)
{
	uint32_t off = 0;

	kprintf("memory map:\n");
	while (off + sizeof(struct mb_mmap) <= mbi->mmap_length) {
		const struct mb_mmap *m = (const void *)(mbi->mmap_addr + off);
		uint64_t end = m->addr + m->len;

		kprintf("  %08llx-%08llx %s\n", m->addr, end - 1,
			m->type == 1 ? "available" : "reserved");
		if (m->type == 1 && m->addr >= 0x100000 && m->addr < RAM_LIMIT) {
			uint32_t e = end > RAM_LIMIT ? RAM_LIMIT : (uint32_t)end;

			if (e - (uint32_t)m->addr > boot_info.ram_end - boot_info.ram_start) {
				boot_info.ram_start = (uint32_t)m->addr;
				boot_info.ram_end = e;
			}
		}
		off += m->size + 4;
	}
}

/*
 * The module's name: the base name of the first word of its command line
 * (GRUB and QEMU pass the file's path, maybe followed by arguments).  A
 * name too long to keep whole is dropped rather than cut, so that no
 * configuration can match a truncated name.
 */
static void module_name(char *dst, size_t len, const char *cmdline)
{
	const char *word = cmdline, *p;
	size_t n = 0;

	for (p = cmdline; *p && *p != ' '; p++)
		if (*p == '/')
			word = p + 1;
	while (word + n < p && n + 1 < len) {
		dst[n] = word[n];
		n++;
	}
	if (word + n < p)
		n = 0;
	dst[n] = '\0';
}

static void parse_modules(const struct mb_info *mbi)
{
	const struct mb_module *mods = (const void *)mbi->mods_addr;
	uint32_t i;

	if (mbi->mods_count > BOOT_MAX_MODULES)
		kprintf("warning: %u modules, only the first %u are used\n",
			mbi->mods_count, BOOT_MAX_MODULES);
	for (i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
		struct boot_module *b = &boot_info.modules[i];
		const char *cmdline = mods[i].cmdline ? (const char *)mods[i].cmdline : "";

		b->start = mods[i].start;
		b->end = mods[i].end;
		module_name(b->name, sizeof(b->name), cmdline);
		boot_info.module_names[i] = b->name;
		if (PAGE_UP(b->end) > boot_info.free_start)
			boot_info.free_start = PAGE_UP(b->end);
		if (!b->name[0] && *cmdline)
			kprintf("module %u: name longer than %u characters, ignored\n",
				i, BH_MODULE_NAME_MAX);
		kprintf("module %u: %s at %08x, %u bytes\n", i, b->name, b->start,
			b->end - b->start);
	}
	boot_info.n_modules = i;
}

void boot_arch_parse(uint32_t magic, uint32_t mbi_addr)
{
	const struct mb_info *mbi = (const void *)mbi_addr;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a multiboot loader (magic %08x)", magic);
	boot_info.free_start = PAGE_UP((uint32_t)_kernel_end);
	if (mbi->flags & MB_INFO_CMDLINE)
		bh_snprintf(boot_info.cmdline, sizeof(boot_info.cmdline), "%s",
			    (const char *)mbi->cmdline);
	kprintf("command line: %s\n", boot_info.cmdline);
	if (mbi->flags & MB_INFO_MMAP)
		parse_mmap(mbi);
	else if (mbi->flags & MB_INFO_MEMORY) {
		boot_info.ram_start = 0x100000;
		boot_info.ram_end = 0x100000 + mbi->mem_upper * 1024;
		if (boot_info.ram_end > RAM_LIMIT)
			boot_info.ram_end = RAM_LIMIT;
	}
	if (mbi->flags & MB_INFO_MODS)
		parse_modules(mbi);
	if (boot_info.ram_end <= boot_info.free_start)
		panic("no usable memory above the kernel and modules");
	kprintf("usable RAM %08x-%08x, free from %08x (%u KiB)\n",
		boot_info.ram_start, boot_info.ram_end - 1, boot_info.free_start,
		(boot_info.ram_end - boot_info.free_start) / 1024);
}
