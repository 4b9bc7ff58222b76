/* Page directories for the kernel and for each partition. */
#include "arch/paging.h"
#include "arch/x86.h"
#include "arch/desc.h"
#include "core/arch.h"
#include "arch/timer.h"
#include "core/boot.h"
#include "core/lib.h"
#include "core/console.h"
#include <bulkhead/errno.h>

#define PDE_INDEX(va)  ((va) >> 22)
#define PTE_INDEX(va)  (((va) >> 12) & 0x3ff)

static uint32_t kernel_pgdir[1024] __attribute__((aligned(4096)));
static uint32_t low_pt[1024] __attribute__((aligned(4096)));      /* 0-4 MiB */
static uint32_t kernel_hi_pt[1024] __attribute__((aligned(4096)));
static uint8_t tss_page[4096] __attribute__((aligned(4096)));
static uint8_t deny_bitmap[8192] __attribute__((aligned(4096)));
static uint8_t bitmap_end[4096] __attribute__((aligned(4096)));
static uint32_t kernel_pdes;               /* identity PDEs in use */
static uint32_t lapic_pte;                 /* the local APIC's page, 0 = none */
static uint32_t ioapic_pte;                /* the I/O APIC's page, 0 = none */

/* The per-partition 4 MiB below BH_PART_BASE. */
static void fill_hi_pt(uint32_t *pt, uint32_t iobitmap, uint32_t vcpu_page)
{
	bh_memset(pt, 0, 4096);
	pt[PTE_INDEX(TSS_PAGE_VA)] = (uint32_t)tss_page | PTE_P | PTE_W | PTE_G;
	pt[PTE_INDEX(IOBITMAP_VA)] = iobitmap | PTE_P;
	pt[PTE_INDEX(IOBITMAP_VA) + 1] = (iobitmap + 4096) | PTE_P;
	pt[PTE_INDEX(IOBITMAP_END_VA)] = (uint32_t)bitmap_end | PTE_P | PTE_G;
	if (vcpu_page)
		pt[PTE_INDEX(BH_VCPU_PAGE)] = vcpu_page | PTE_P | PTE_W | PTE_U;
	pt[PTE_INDEX(LAPIC_VA)] = lapic_pte;
	pt[PTE_INDEX(IOAPIC_VA)] = ioapic_pte;
}

/* The local APIC's registers at LAPIC_VA, uncached, kernel-only, in
 * every address space (the timer's EOI comes in any partition's). */
void paging_map_lapic(uint32_t phys)
{
	lapic_pte = phys | PTE_P | PTE_W | PTE_PCD | PTE_PWT | PTE_G;
	kernel_hi_pt[PTE_INDEX(LAPIC_VA)] = lapic_pte;
	__asm__ volatile("invlpg (%0)" : : "r"(LAPIC_VA) : "memory");
}

/* The I/O APIC's registers, the same way (a routed line is masked at it
 * on the interrupt path, in whichever space is loaded).  Set before any
 * partition's space is made. */
void paging_map_ioapic(uint32_t phys)
{
	ioapic_pte = (phys & ~0xfffu) | PTE_P | PTE_W | PTE_PCD | PTE_PWT | PTE_G;
	kernel_hi_pt[PTE_INDEX(IOAPIC_VA)] = ioapic_pte;
	__asm__ volatile("invlpg (%0)" : : "r"(IOAPIC_VA) : "memory");
}

void paging_init(uint32_t ram_end)
{
	uint32_t i, top = (ram_end + 0x3fffffu) & ~0x3fffffu;

	if (top > KERNEL_MAP_LIMIT)
		top = KERNEL_MAP_LIMIT;
	for (i = 1; i < 1024; i++)              /* page 0 stays unmapped */
		low_pt[i] = (i << 12) | PTE_P | PTE_W | PTE_G;
	kernel_pgdir[0] = (uint32_t)low_pt | PTE_P | PTE_W;
	for (i = 1; i < PDE_INDEX(top); i++)
		kernel_pgdir[i] = (i << 22) | PTE_P | PTE_W | PTE_PS | PTE_G;
	kernel_pdes = PDE_INDEX(top);
	bh_memset(deny_bitmap, 0xff, sizeof(deny_bitmap));
	bh_memset(bitmap_end, 0xff, sizeof(bitmap_end));
	fill_hi_pt(kernel_hi_pt, (uint32_t)deny_bitmap, 0);
	kernel_pgdir[PDE_INDEX(TSS_PAGE_VA)] = (uint32_t)kernel_hi_pt | PTE_P | PTE_W;

	write_cr4(read_cr4() | CR4_PSE | CR4_PGE);
	write_cr3((uint32_t)kernel_pgdir);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
	kprintf("paging on: kernel identity map %u MiB, page 0 unmapped\n", top >> 20);
}

uint32_t paging_kernel_top(void)
{
	return kernel_pdes << 22;
}

uint32_t paging_kernel_cr3(void)
{
	return (uint32_t)kernel_pgdir;
}

int paging_new_space(struct addr_space *as, uint32_t phys, uint32_t size,
		     uint32_t ro_end, uint32_t guard_va, uint32_t vcpu_page,
		     uint32_t iobitmap, uint32_t (*alloc)(uint32_t pages))
{
	uint32_t n_pt = PMEM_PT_PAGES(size);
	uint32_t pgdir = alloc(PMEM_PGDIR_PAGES), hi_pt = alloc(PMEM_HI_PT_PAGES);
	uint32_t pts = alloc(n_pt), off;

	if (!pgdir || !hi_pt || !pts)
		return -BH_ENOSPC;
	bh_memcpy((void *)pgdir, kernel_pgdir, kernel_pdes * 4);
	((uint32_t *)pgdir)[0] = kernel_pgdir[0];
	fill_hi_pt((uint32_t *)hi_pt, iobitmap, vcpu_page);
	/* U in the directory entry; the kernel-only pages lack it in their PTEs */
	((uint32_t *)pgdir)[PDE_INDEX(TSS_PAGE_VA)] = hi_pt | PTE_P | PTE_W | PTE_U;
	for (off = 0; off < n_pt; off++)
		((uint32_t *)pgdir)[PDE_INDEX(BH_PART_BASE) + off] =
			(pts + off * 4096) | PTE_P | PTE_W | PTE_U;
	for (off = 0; off < size; off += 4096) {
		uint32_t va = BH_PART_BASE + off;

		if (va == guard_va)
			continue;       /* the stack guard page stays unmapped */
		((uint32_t *)pts)[off >> 12] = (phys + off) | PTE_P | PTE_U |
					       (va < ro_end ? 0 : PTE_W);
	}
	as->pgdir = pgdir;
	as->iobitmap = iobitmap;
	return 0;
}

/* A memory area: page tables of its own (the validator keeps areas in
 * separate 4 MiB slots above partition memory), user pages, writable or
 * read-only. */
int paging_map_area(struct addr_space *as, uint32_t va, uint32_t phys, uint32_t size,
		    int writable, uint32_t (*alloc)(uint32_t pages))
{
	uint32_t n_pt = PMEM_PT_PAGES(size), pts = alloc(n_pt), off;
	uint32_t *pgdir = (uint32_t *)as->pgdir;

	if (!pts)
		return -BH_ENOSPC;
	for (off = 0; off < n_pt; off++)
		pgdir[PDE_INDEX(va) + off] = (pts + off * 4096) | PTE_P | PTE_W | PTE_U;
	for (off = 0; off < size; off += 4096)
		((uint32_t *)pts)[off >> 12] = (phys + off) | PTE_P | PTE_U |
					       (writable ? PTE_W : 0);
	return 0;
}

void iobitmap_allow(uint32_t iobitmap, uint16_t base, uint16_t count)
{
	uint8_t *map = (uint8_t *)iobitmap;
	uint32_t port;

	for (port = base; port < (uint32_t)base + count && port < 0x10000; port++)
		map[port >> 3] &= (uint8_t)~(1u << (port & 7));
}
