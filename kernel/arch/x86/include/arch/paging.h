/*
 * Address spaces.  The kernel is identity-mapped, supervisor-only, in every
 * page directory (page 0 left out so a NULL dereference faults).  The 4 MiB
 * just below BH_PART_BASE is per-partition: the TSS (shared) followed by the
 * partition's own I/O permission bitmap (so switching CR3 switches the
 * bitmap, no copy) and, at BH_VCPU_PAGE, its shared vCPU page.
 */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <stdint.h>
#include <bulkhead/layout.h>

#define PTE_P    0x001u
#define PTE_W    0x002u
#define PTE_U    0x004u
#define PTE_PWT  0x008u
#define PTE_PCD  0x010u
#define PTE_PS   0x080u
#define PTE_G    0x100u

#define KERNEL_MAP_LIMIT  0x3fc00000u       /* identity map ends here */
#define TSS_PAGE_VA       0x3fffb000u
#define IOBITMAP_VA       0x3fffc000u       /* two pages */
#define IOBITMAP_END_VA   0x3fffe000u       /* the terminating 0xff byte */
#define TSS_VA            (IOBITMAP_VA - 104)
#define IOAPIC_VA         0x3fff9000u       /* kernel-only, uncached */

struct addr_space {
	uint32_t pgdir;            /* physical = kernel virtual */
	uint32_t iobitmap;         /* physical address of 8 KiB */
};

void paging_init(uint32_t ram_end);
/* Map [phys, phys + size) at BH_PART_BASE: read-only below ro_end, no page
 * at guard_va; plus the vCPU page and the I/O bitmap. */
int paging_new_space(struct addr_space *as, uint32_t phys, uint32_t size,
		     uint32_t ro_end, uint32_t guard_va, uint32_t vcpu_page,
		     uint32_t iobitmap, uint32_t (*alloc)(uint32_t pages));
int paging_map_area(struct addr_space *as, uint32_t va, uint32_t phys, uint32_t size,
		    int writable, uint32_t (*alloc)(uint32_t pages));
/* paging_switch: inline in arch/hooks.h (on the partition switch). */
uint32_t paging_kernel_cr3(void);
void paging_map_lapic(uint32_t phys);
void paging_map_ioapic(uint32_t phys);
/* The end of the kernel's identity map (readable from the kernel). */
uint32_t paging_kernel_top(void);
void iobitmap_allow(uint32_t iobitmap, uint16_t base, uint16_t count);

#endif
