/*
 * bulkhead public ABI: the guest virtual address space.
 *
 * Every partition sees the same layout; only the backing physical memory
 * differs.  Partition images are ELF32 executables linked at BH_PART_BASE.
 *
 *   0x00000000 .. 0x3fffefff   kernel (supervisor only) or unmapped
 *   0x3ffff000                 the shared vCPU page (struct bh_vcpu_info)
 *   0x40000000 .. +mem_size    the partition's own memory:
 *        [BH_PART_BASE, stack_bottom - 4 KiB)   image, data, heap
 *        [stack_bottom - 4 KiB, stack_bottom)   guard page, never mapped
 *        [stack_bottom, BH_PART_BASE+mem_size)  the initial stack
 *   0x7f000000 .. 0xbeffffff   memory areas (bh_area), each at its .va,
 *                              4 MiB aligned, mapped only in its users
 *
 * A partition starts at its ELF entry point with esp at the top of its
 * memory, interrupts (virtual) disabled, eax = its partition id.
 */
#ifndef BULKHEAD_LAYOUT_H
#define BULKHEAD_LAYOUT_H

#define BH_PAGE_SIZE        0x1000u
#define BH_VCPU_PAGE        0x3ffff000u
#define BH_PART_BASE        0x40000000u
#define BH_PART_MAX_SIZE    0x3f000000u     /* up to BH_SHMEM_BASE */
#define BH_SHMEM_BASE       0x7f000000u
#define BH_SHMEM_END        0xbf000000u     /* memory areas below this */
#define BH_AREA_ALIGN       0x400000u       /* a memory area's .va */
#define BH_DEFAULT_STACK    0x4000u         /* 16 KiB unless configured */

#endif
