/*
 * Memory areas (bh_area): pages of their own, allocated once at boot and
 * mapped at the same address in each user, read-only or read-write as the
 * configuration says.  They outlive restarts of their users (a restart
 * reloads the partition's own memory only).  A write to a read-only area
 * is a page fault, for the health monitor.  Hypercall buffers never lie in
 * an area: the kernel takes pointers into the partition's own memory only.
 */
#include <bulkhead/config.h>
#include "core/area.h"
#include "core/partition.h"
#include "core/boot.h"
#include "core/console.h"
#include "core/arch.h"

static void map_users(const struct bh_area *a, uint32_t phys)
{
	for (uint32_t u = 0; u < a->n_users; u++) {
		struct partition *p = &partitions[a->users[u].partition];
		int rw = (a->users[u].access & BH_AREA_WRITE) != 0;

		if (p->state == PART_FAILED)
			continue;
		if (part_arch_map_area(&p->arch, a->va, phys, a->size, rw, pmem_alloc))
			panic("area %s: out of memory mapping it", a->name);
		kprintf("area %s: %u KiB at %08x for %s, %s\n", a->name, a->size / 1024,
			a->va, p->cfg->name, rw ? "read-write" : "read-only");
	}
}

void areas_init(const struct bh_config *cfg)
{
	for (uint32_t i = 0; i < cfg->n_areas; i++) {
		const struct bh_area *a = &cfg->areas[i];
		/* Counted by the validator (check_machine_memory): cannot fail. */
		uint32_t phys = pmem_alloc(a->size / BH_PAGE_SIZE);

		if (!phys)
			panic("area %s: out of memory", a->name);
		map_users(a, phys);
	}
}
