/*
 * The application processors: found in the ACPI MADT, started one at a
 * time by INIT, start-up, start-up (Intel's MP protocol) through the
 * real-mode trampoline (trampoline.S) at TRAMP_PA, which the kernel keeps
 * for it: the page is below the kernel, outside the page allocator, and
 * what the boot loader left there (the multiboot information) has been
 * copied by then (boot_arch_parse).
 *
 * Each AP hardens itself (cpu_harden: caches, sysenter/syscall disarmed,
 * no breakpoints), sets its FPU/SSE and UMIP bits, loads its own GDT with
 * its own TSSs and the shared IDT (desc_cpu_load), enables its local APIC
 * with LINT0 masked (device lines come to one CPU only), says it is
 * online and waits with interrupts on: only T_IPI is ever sent to it.
 *
 * Once a second CPU runs, the I/O APIC carries the ISA lines (ioapic.c)
 * and the 8259 is masked; a machine with one CPU keeps the 8259 path it
 * always had, even where an I/O APIC exists, so that it runs exactly as
 * before.  Spurious APIC interrupts then come at T_AP_SPURIOUS on every
 * CPU, never at line 15's vector.
 */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/acpi.h"
#include "arch/timer.h"
#include "arch/ioapic.h"
#include "arch/smp.h"
#include "core/lib.h"
#include "core/console.h"

struct cpu cpus[NR_CPUS];
uint32_t ncpus_online = 1;
uint32_t smp_multi;
static struct madt_info madt;
static int umip;

struct tramp_params {
	uint32_t cr3, esp, arg, entry;
};
extern const uint8_t tramp_start[];
extern const uint32_t tramp_size, tramp_params_off;   /* trampoline.S */

static void delay_us(uint32_t us)
{
	uint64_t t0 = rdtsc(), n = tsc_hz / 1000000u * us;

	while (rdtsc() - t0 < n)
		__asm__ volatile("pause");
}

/*
 * The common time base: every CPU reads its own TSC, and window
 * boundaries on every CPU will be computed from it, so each AP's TSC is
 * measured against CPU 0's at start-up, by round trips: CPU 0 reads t0
 * and asks; the AP answers with its own TSC t; CPU 0 reads t1 when it
 * sees the answer.  Were both in step, t would fall in [t0, t1]: the
 * offset is t - (t0 + t1) / 2, within +- (t1 - t0) / 2, and the round with
 * the shortest trip bounds it tightest.  The boot report gives both; the
 * kernel corrects nothing yet (QEMU's and a modern PC's TSCs run in step:
 * the ktest holds each offset within its error).
 */
#define TSC_ROUNDS 8u

/* Both sides read the TSC in their waits: besides bounding them, under
 * QEMU's -icount a loop without it can run a whole time slice before the
 * other CPU gets a turn. */
static void tsc_answer(struct cpu *c)
{
	uint64_t limit = tsc_hz / 10;

	for (uint32_t k = 1; k <= TSC_ROUNDS; k++) {
		uint64_t t0 = rdtsc();

		while (__atomic_load_n(&c->tsc_req, __ATOMIC_ACQUIRE) != k)
			if (rdtsc() - t0 > limit)
				return;         /* CPU 0 gave up on us */
		c->tsc_seen = rdtsc();
		__atomic_store_n(&c->tsc_ack, k, __ATOMIC_RELEASE);
	}
}

static void tsc_measure(struct cpu *c)
{
	uint64_t limit = tsc_hz / 100;     /* 10 ms a round at most */

	c->tsc_error = ~0ull;
	for (uint32_t k = 1; k <= TSC_ROUNDS; k++) {
		uint64_t t0 = rdtsc(), t1, half;

		__atomic_store_n(&c->tsc_req, k, __ATOMIC_RELEASE);
		while (__atomic_load_n(&c->tsc_ack, __ATOMIC_ACQUIRE) != k &&
		       rdtsc() - t0 < limit)
			__asm__ volatile("pause");
		t1 = rdtsc();
		if (c->tsc_ack != k) {
			kprintf("cpu %u: no TSC answer in round %u (ack %u)\n", c->id, k,
				c->tsc_ack);
			return;
		}
		half = (t1 - t0 + 1) / 2;
		if (half < c->tsc_error) {
			c->tsc_error = half;
			c->tsc_offset = (int64_t)(c->tsc_seen - (t0 + (t1 - t0) / 2));
		}
	}
}

static void __attribute__((noreturn, used)) ap_main(struct cpu *c)
{
	uint32_t esp;

	cpu_harden();
	fpu_cpu_init();
	if (umip)
		cpu_enable_umip();
	desc_cpu_load(c);
	lapic_enable(T_AP_SPURIOUS);
	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	c->seen_self = this_cpu();
	c->seen_esp = esp;
	__atomic_store_n(&c->online, 1, __ATOMIC_RELEASE);
	tsc_answer(c);
	/* Halted until the schedule needs this CPU (a T_IPI wakes it). */
	while (!__atomic_load_n(&c->released, __ATOMIC_ACQUIRE))
		cpu_relax_halt();
	lapic_timer_start();
	kmain_ap();
}

/* The CPUs 1..n-1 run their schedules from sched_t0 (core/sched.c). */
void arch_smp_release(unsigned n)
{
	for (unsigned i = 1; i < n && i < ncpus_online; i++) {
		__atomic_store_n(&cpus[i].released, 1, __ATOMIC_RELEASE);
		lapic_send_ipi(cpus[i].apic_id, T_IPI);
	}
}

/* INIT, then start-up until it answers (a second start-up is what
 * Intel's protocol sends; one that finds the AP running is ignored). */
static int start_ap(struct cpu *c)
{
	struct tramp_params *p = (struct tramp_params *)(TRAMP_PA + tramp_params_off);
	unsigned tries, waited;

	bh_memcpy((void *)TRAMP_PA, tramp_start, tramp_size);
	p->cr3 = paging_kernel_cr3();
	p->esp = (uint32_t)(c->stack + sizeof(c->stack));
	p->arg = (uint32_t)c;
	p->entry = (uint32_t)ap_main;
	lapic_send_init(c->apic_id);
	delay_us(10000);
	for (tries = 0; tries < 2; tries++) {
		lapic_send_sipi(c->apic_id, TRAMP_PA);
		for (waited = 0; waited < (tries ? 100000u : 1000u); waited += 100) {
			if (__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
				return 0;
			delay_us(100);
		}
	}
	return -1;
}

static void report_madt(void)
{
	unsigned i;

	kprintf("cpus: %u in the MADT, apic ids", madt.ncpus);
	for (i = 0; i < madt.ncpus; i++)
		kprintf(" %u", madt.apic_id[i]);
	if (madt.cpus_ignored)
		kprintf(" (and %u more, past %u)", madt.cpus_ignored, MADT_MAX_CPUS);
	kprintf("; boot cpu apic id %u\n", cpus[0].apic_id);
}

static void take_lines(void)
{
	if (ioapic_init(&madt, cpus[0].apic_id) < 0) {
		kprintf("interrupts: no usable I/O APIC: device lines stay on the 8259, cpu 0\n");
		return;
	}
	lapic_set_spurious(T_AP_SPURIOUS);
	kprintf("interrupts: I/O APIC id %u at %08x carries lines 0-15 (8259 masked)\n",
		madt.ioapic_id, madt.ioapic_pa);
}

/*
 * The CPUs the MADT lists, read in arch_init, before the timer runs: on a
 * single-CPU machine that is all the multiprocessor code does, and it
 * cannot delay the first tick (the table walk costs some 100 us).
 */
static int madt_ok;

void smp_find_cpus(void)
{
	cpus[0].online = 1;
	if (acpi_madt(&madt) < 0 || madt.ncpus == 0) {
		kprintf("cpus: no MADT: one CPU, device lines on the 8259\n");
		return;
	}
	if (lapic_present())               /* mapped to read its id; still off */
		cpus[0].apic_id = lapic_id();
	madt_ok = 1;
	report_madt();
}

unsigned arch_smp_init(unsigned max_cpus)
{
	unsigned i, n = 1;

	if (!madt_ok || madt.ncpus < 2 || max_cpus == 1 || !lapic_present()) {
		kprintf("cpus: 1 online\n");
		return 1;
	}
	/* With the 8254 as the timer the APIC is still off: on now, to
	 * send the start-up messages. */
	if (!lapic_timer_on)
		lapic_enable(LAPIC_SPURIOUS);
	umip = (read_cr4() & CR4_UMIP) != 0;
	for (i = 0; i < madt.ncpus && n < NR_CPUS && (!max_cpus || n < max_cpus); i++) {
		struct cpu *c = &cpus[n];

		if (madt.apic_id[i] == cpus[0].apic_id)
			continue;
		c->id = n;
		c->apic_id = madt.apic_id[i];
		smp_multi = 1;
		if (start_ap(c) < 0) {
			kprintf("cpu %u: apic id %u did not start\n", n, c->apic_id);
			continue;
		}
		tsc_measure(c);
		kprintf("cpu %u: apic id %u online, tss %08x, stack %08x\n", n,
			c->apic_id, (uint32_t)cpu_tss(n), c->seen_esp);
		kprintf("cpu %u: tsc offset %lld cycles (+- %llu) against cpu 0\n", n,
			c->tsc_offset, c->tsc_error);
		n++;
	}
	ncpus_online = n;
	kprintf("cpus: %u online\n", n);
	if (n > 1)
		take_lines();
	return n;
}

/* T_IPI and an AP's spurious vector: interrupt gates, so interrupts are
 * off here; a spurious interrupt takes no EOI. */
void smp_interrupt(unsigned vector)
{
	if (vector != T_IPI)
		return;
	lapic_eoi();
	this_cpu()->ipis++;
}

void arch_irq_route(unsigned line, unsigned cpu)
{
	if (ioapic_on && cpu < ncpus_online)
		ioapic_route(line, cpus[cpu].apic_id);
}

void arch_cpu_kick(unsigned cpu)
{
	if (cpu < ncpus_online)
		lapic_send_ipi(cpus[cpu].apic_id, T_IPI);
}

/*
 * Stopping the machine (a panic, a module-level HM stop or reset): every
 * other CPU first, so that none keeps running partitions, writing the
 * console or holding what the report needs.  An NMI, since a CPU may have
 * interrupts off or be spinning on a lock this one holds; the NMI task
 * (desc.c) tells this one from any other NMI by smp_stopper, which is
 * set first, and parks its CPU for good instead of counting it.  The
 * first CPU to claim smp_stopper stops the others; one that finds it
 * claimed parks itself (the other's NMI may already be on its way), and
 * the owner calling again returns at once.  The wait is bounded (10 ms a
 * CPU): the number that did not answer is returned, for the report.
 */
volatile uint32_t smp_stopper;

void smp_park(void)
{
	__atomic_store_n(&this_cpu()->stopped, 1, __ATOMIC_RELEASE);
	for (;;)
		__asm__ volatile("cli; hlt");
}

unsigned arch_stop_others(void)
{
	uint32_t me, none = 0, i, late = 0;

	if (!smp_multi)
		return 0;
	me = this_cpu()->id + 1;
	if (!__atomic_compare_exchange_n(&smp_stopper, &none, me, 0, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST)) {
		if (none == me)
			return 0;
		smp_park();
	}
	for (i = 0; i < ncpus_online; i++)
		if (i + 1 != me)
			lapic_send_nmi(cpus[i].apic_id);
	for (i = 0; i < ncpus_online; i++) {
		uint64_t t0 = rdtsc(), limit = tsc_hz / 100;

		if (i + 1 == me)
			continue;
		while (!__atomic_load_n(&cpus[i].stopped, __ATOMIC_ACQUIRE) &&
		       rdtsc() - t0 < limit)
			__asm__ volatile("pause");
		late += !cpus[i].stopped;
	}
	return late;
}

int smp_ping(uint32_t i)
{
	if (i >= ncpus_online)
		return -1;
	lapic_send_ipi(cpus[i].apic_id, T_IPI);
	return 0;
}
