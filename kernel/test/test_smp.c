/*
 * In-kernel tests of the processors' bring-up (kernel/arch/x86/smp.c):
 * every CPU started runs on descriptors, stacks and per-CPU data of its
 * own, hears an inter-processor interrupt sent to it and no other, and
 * holds nothing a partition can reach.  The same cases run on one CPU
 * (system case ktest) and on two and four (ktest-smp2, ktest-smp4),
 * where the boot must also report every CPU online.
 */
#include "ktest.h"
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/smp.h"
#include "arch/ioapic.h"
#include "arch/paging.h"
#include "arch/timer.h"
#include "core/boot.h"
#include "core/lib.h"

#define WAIT_NS 10000000u           /* 10 ms for an IPI to land */

KTEST(cpus_online_agree_and_are_distinct)
{
	uint32_t i, j;

	KEXPECT(ncpus_online >= 1 && ncpus_online <= NR_CPUS, "%u CPUs online", ncpus_online);
	KEXPECT(cpus_online == ncpus_online, "core counts %u, arch %u", cpus_online,
		ncpus_online);
	for (i = 0; i < ncpus_online; i++) {
		KEXPECT(cpus[i].online && cpus[i].id == i, "cpu %u: online %u id %u", i,
			cpus[i].online, cpus[i].id);
		for (j = 0; j < i; j++)
			KEXPECT(cpus[i].apic_id != cpus[j].apic_id,
				"cpus %u and %u share apic id %u", j, i, cpus[i].apic_id);
	}
	if (lapic_timer_on || ncpus_online > 1) {   /* else the APIC may be absent */
		uint32_t id = lapic_id();

		KEXPECT(cpus[0].apic_id == id, "cpu 0 is apic id %u, this CPU says %u",
			cpus[0].apic_id, id);
	}
}

static uint32_t desc_base(const struct gdt_entry *e)
{
	return e->base_lo | (uint32_t)e->base_mid << 16 | (uint32_t)e->base_hi << 24;
}

static uint32_t desc_limit(const struct gdt_entry *e)
{
	return e->limit_lo | (uint32_t)(e->gran & 0x0f) << 16;
}

/* What each CPU found when it looked (cpu 0 now, each AP as it started):
 * itself through its own GDT, its stack inside its own struct cpu, its
 * main TSS in its own slot of the TSS page, reaching the one I/O map. */
KTEST(each_cpu_has_its_own_gdt_tss_and_stack)
{
	uint32_t i;

	KEXPECT(this_cpu() == &cpus[0], "the boot CPU finds %p, not cpus[0]", this_cpu());
	KEXPECT(cpu_tss(0) == TSS, "cpu 0's TSS moved");
	for (i = 0; i < ncpus_online; i++) {
		const struct gdt_entry *t = &cpus[i].gdt[SEG_TSS >> 3];
		struct tss *tss = cpu_tss(i);

		KEXPECT(desc_base(t) == (uint32_t)tss, "cpu %u: TSS descriptor base %08x, "
			"want %08x", i, desc_base(t), (uint32_t)tss);
		KEXPECT(desc_limit(t) == TSS_LIMIT + i * TSS_STRIDE, "cpu %u: TSS limit %x", i,
			desc_limit(t));
		KEXPECT((uint32_t)tss + tss->iomap_base == IOBITMAP_VA,
			"cpu %u: I/O map at %08x", i, (uint32_t)tss + tss->iomap_base);
		KEXPECT((uint32_t)tss >= TSS_PAGE_VA, "cpu %u: TSS below its page", i);
		if (i == 0)
			continue;
		KEXPECT(cpus[i].seen_self == &cpus[i], "cpu %u found %p as itself", i,
			cpus[i].seen_self);
		KEXPECT(cpus[i].seen_esp > (uint32_t)cpus[i].stack &&
			cpus[i].seen_esp <= (uint32_t)cpus[i].stack + sizeof(cpus[i].stack),
			"cpu %u ran on %08x, outside its stack", i, cpus[i].seen_esp);
	}
}

static int landed(uint32_t i, uint32_t want)
{
	uint64_t t0 = rdtsc(), n = tsc_hz / 1000000000u * WAIT_NS + WAIT_NS;

	while (cpus[i].ipis != want && rdtsc() - t0 < n)
		__asm__ volatile("pause");
	return cpus[i].ipis == want;
}

/* An IPI to CPU i is taken by CPU i, once, and by no other CPU. */
KTEST(ipi_reaches_its_cpu_only)
{
	uint32_t i, j, before[NR_CPUS] = { 0 };

	KEXPECT(smp_ping(ncpus_online) == -1, "a ping past the CPUs online was sent");
	for (i = 1; i < ncpus_online; i++) {
		uint64_t t0;

		for (j = 0; j < ncpus_online; j++)
			before[j] = cpus[j].ipis;
		t0 = rdtsc();
		KEXPECT(smp_ping(i) == 0, "ping to cpu %u refused", i);
		KEXPECT(landed(i, before[i] + 1), "cpu %u took %u IPIs, want %u", i,
			cpus[i].ipis, before[i] + 1);
		kprintf("ipi to cpu %u: taken after %llu cycles\n", i, rdtsc() - t0);
		for (j = 0; j < ncpus_online; j++)
			KEXPECT(j == i || cpus[j].ipis == before[j],
				"cpu %u took an IPI meant for cpu %u", j, i);
	}
}

/* One CPU: the 8259 as ever.  More: the I/O APIC, the 8259 masked whole,
 * a line delivered where ioapic_route sends it. */
KTEST(device_lines_follow_the_cpu_count)
{
	if (ncpus_online == 1) {
		KEXPECT(!ioapic_on, "one CPU, yet the I/O APIC carries the lines");
		return;
	}
	KEXPECT(ioapic_on, "%u CPUs and the 8259 still carries the lines", ncpus_online);
	KEXPECT(inb(0x21) == 0xff && inb(0xa1) == 0xff, "8259 mask %02x %02x",
		inb(0x21), inb(0xa1));
	KEXPECT(ioapic_dest(4) == cpus[0].apic_id, "line 4 goes to apic id %u",
		ioapic_dest(4));
	ioapic_route(4, cpus[1].apic_id);
	KEXPECT(ioapic_dest(4) == cpus[1].apic_id, "line 4 not moved: apic id %u",
		ioapic_dest(4));
	ioapic_route(4, cpus[0].apic_id);
	KEXPECT(ioapic_dest(4) == cpus[0].apic_id, "line 4 not moved back");
}

/* Is va reachable from ring 3 in the space whose directory is pgdir? */
static int user_reachable(const uint32_t *pgdir, uint32_t va)
{
	uint32_t pde = pgdir[va >> 22];
	const uint32_t *pt;

	if (!(pde & PTE_P) || !(pde & PTE_U))
		return 0;
	if (pde & PTE_PS)
		return 1;
	pt = (const uint32_t *)(pde & ~0xfffu);
	return (pt[(va >> 12) & 0x3ff] & (PTE_P | PTE_U)) == (PTE_P | PTE_U);
}

/* Its own pages: an earlier case may have used up the allocator's. */
static uint8_t pool[5][4096] __attribute__((aligned(4096)));
static uint32_t pool_used;

static uint32_t alloc(uint32_t pages)
{
	uint32_t p;

	if (pages > 5 - pool_used)
		return 0;
	p = (uint32_t)pool[pool_used];
	bh_memset((void *)p, 0, pages * 4096);
	pool_used += pages;
	return p;
}

/* A partition's space maps no CPU's struct cpu (GDT, tasks, stacks),
 * TSS or local or I/O APIC for ring 3. */
KTEST(no_cpu_state_is_reachable_from_a_partition)
{
	struct addr_space as;
	uint32_t page = alloc(1), i, off;
	const uint32_t *pd;

	if (!page || paging_new_space(&as, page, 4096, 0, 0, 0, page, alloc) != 0) {
		KEXPECT(0, "no space made");
		return;
	}
	pd = (const uint32_t *)as.pgdir;
	KEXPECT(user_reachable(pd, BH_PART_BASE), "the check sees no user page at all");
	for (i = 0; i < NR_CPUS; i++) {
		for (off = 0; off < sizeof(struct cpu); off += 4096)
			KEXPECT(!user_reachable(pd, (uint32_t)&cpus[i] + off),
				"cpu %u's data at %08x reachable", i, (uint32_t)&cpus[i] + off);
		KEXPECT(!user_reachable(pd, (uint32_t)cpu_tss(i)), "cpu %u's TSS reachable", i);
	}
	KEXPECT(!user_reachable(pd, LAPIC_VA) && !user_reachable(pd, IOAPIC_VA),
		"an APIC is reachable");
}

/* Every AP's TSC was measured against CPU 0's at start-up: in step on
 * this machine (QEMU), each offset lies within its measurement's error. */
KTEST(ap_tsc_in_step_with_cpu0)
{
	for (uint32_t i = 1; i < ncpus_online; i++) {
		uint64_t off = cpus[i].tsc_offset < 0 ? (uint64_t)-cpus[i].tsc_offset
						      : (uint64_t)cpus[i].tsc_offset;

		KEXPECT(cpus[i].tsc_error != ~0ull, "cpu %u: TSC never measured", i);
		KEXPECT(off <= cpus[i].tsc_error, "cpu %u: TSC offset %lld beyond +- %llu", i,
			cpus[i].tsc_offset, cpus[i].tsc_error);
	}
}
