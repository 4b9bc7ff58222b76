/* Multiboot v1 information, as far as the kernel reads it. */
#ifndef ARCH_MULTIBOOT_H
#define ARCH_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u
#define MB_INFO_MEMORY  0x001u
#define MB_INFO_CMDLINE 0x004u
#define MB_INFO_MODS    0x008u
#define MB_INFO_MMAP    0x040u

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_module {
	uint32_t start, end, cmdline, reserved;
} __attribute__((packed));

struct mb_mmap {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;              /* 1 = available RAM */
} __attribute__((packed));

#endif
