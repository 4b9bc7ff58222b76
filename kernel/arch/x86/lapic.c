/*
 * The local APIC: its timer is the kernel's one-shot event timer where the
 * CPU has one.  All access to the APIC's registers is here (issue 14 adds
 * the other CPUs' APICs and IPIs to this file).  The 8259 stays the
 * interrupt controller for the hardware lines: LINT0 passes its requests
 * through as ExtINT, so only the timer comes from the APIC.
 */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/cpu.h"
#include "arch/timer.h"
#include "arch/paging.h"
#include "arch/smp.h"
#include "core/irq.h"

#define MSR_APIC_BASE   0x1bu
#define APIC_BASE_EN    (1u << 11)
#define CPUID1_EDX_APIC (1u << 9)

#define REG_ID          0x020u
#define REG_TPR         0x080u
#define REG_EOI         LAPIC_REG_EOI
#define REG_SVR         0x0f0u
#define REG_ISR         0x100u
#define REG_ICR_LO      0x300u
#define REG_ICR_HI      0x310u
#define REG_LVT_TIMER   0x320u
#define REG_LVT_LINT0   0x350u
#define REG_LVT_LINT1   0x360u
#define REG_LVT_ERROR   0x370u
#define REG_TIMER_INIT  LAPIC_REG_TIMER_INIT
#define REG_TIMER_CUR   0x390u
#define REG_TIMER_DIV   0x3e0u

#define SVR_ENABLE      (1u << 8)
#define LVT_MASKED      (1u << 16)
#define LVT_EXTINT      (7u << 8)
#define LVT_NMI         (4u << 8)
#define DIV_BY_1        0xbu
#define CAL_MS          10u        /* the timer measured over 10 ms of TSC */

uint32_t lapic_timer_on;
static uint32_t phys;
uint64_t lapic_counts_per_ns_q32;   /* timer counts per ns, 32.32 (arch/timer.h) */

static inline uint32_t rd(uint32_t reg)
{
	return *(volatile uint32_t *)(LAPIC_VA + reg);
}

static inline void wr(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(LAPIC_VA + reg) = v;
}

static uint64_t rdmsr(uint32_t msr)
{
	uint64_t v;

	__asm__ volatile("rdmsr" : "=A"(v) : "c"(msr));
	return v;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "A"(v));
}

int lapic_present(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if (!(r[3] & CPUID1_EDX_APIC))
		return 0;
	phys = (uint32_t)rdmsr(MSR_APIC_BASE) & 0xfffff000u;
	paging_map_lapic(phys);
	return 1;
}

/*
 * Timer counts over CAL_MS of the TSC.  The same instructions read the
 * pair at both ends, so their own time cancels out of the difference.
 */
static uint64_t measure(uint64_t tsc_rate)
{
	uint64_t span = tsc_rate / (1000 / CAL_MS), t0, t1;
	uint32_t c0, c1;

	wr(REG_TIMER_INIT, 0xffffffffu);
	t0 = rdtsc();
	c0 = rd(REG_TIMER_CUR);
	while (rdtsc() - t0 < span)
		;
	t1 = rdtsc();
	c1 = rd(REG_TIMER_CUR);
	wr(REG_TIMER_INIT, 0);
	return (uint64_t)(c0 - c1) * tsc_rate / (t1 - t0);
}

/*
 * This CPU's local APIC on, accepting every priority.  The boot CPU's
 * LINT0 passes the 8259's requests as ExtINT (until the I/O APIC takes
 * the lines: lapic_mask_lint0); an AP's LINT0 stays masked, so device
 * lines reach one CPU only.  The timer is left masked.
 */
void lapic_enable(uint32_t spurious_vector)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	int bsp = (base >> 8) & 1;

	if (!(base & APIC_BASE_EN))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	wr(REG_SVR, SVR_ENABLE | spurious_vector);
	wr(REG_TPR, 0);
	wr(REG_LVT_LINT0, bsp ? LVT_EXTINT : LVT_MASKED);
	wr(REG_LVT_LINT1, LVT_NMI);
	wr(REG_LVT_ERROR, LVT_MASKED);
	wr(REG_TIMER_DIV, DIV_BY_1);
	wr(REG_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
}

uint64_t lapic_timer_setup(uint64_t tsc_rate)
{
	uint64_t hz;

	if (!phys || !tsc_rate)
		return 0;
	lapic_enable(LAPIC_SPURIOUS);
	hz = measure(tsc_rate);
	if (!hz || hz >> 36)
		return 0;
	lapic_counts_per_ns_q32 = (hz << 32) / 1000000000u;
	wr(REG_LVT_TIMER, TIMER_VECTOR);       /* one-shot, unmasked */
	lapic_timer_on = 1;
	return hz;
}

int arch_timer_per_cpu(void)
{
	return lapic_timer_on;
}

/* ticktraps' window end (entry.S): the APIC's EOI, timer_event's case. */
int arch_tick_one_pass(void)
{
	return lapic_timer_on && irq_lines[BH_IRQ_TIMER].handler == timer_event;
}

/* An AP's timer, as the boot CPU's (same vector, one-shot, the rate the
 * boot CPU measured: every CPU's APIC runs on the same bus clock). */
void lapic_timer_start(void)
{
	if (lapic_timer_on)
		wr(REG_LVT_TIMER, TIMER_VECTOR);
}

/* arch_timer_arm: inline in arch/timer.h (on every rearm). */

void lapic_eoi(void)
{
	wr(REG_EOI, 0);
}

uint32_t lapic_id(void)
{
	return rd(REG_ID) >> 24;
}

void lapic_mask_lint0(void)
{
	wr(REG_LVT_LINT0, LVT_MASKED);
}

/* vector's bit in the in-service register: an interrupt being served,
 * not a spurious one (which sets none). */
int lapic_in_service(uint32_t vector)
{
	return (rd(REG_ISR + (vector >> 5) * 0x10) >> (vector & 31)) & 1;
}

#define ICR_PENDING     (1u << 12)
#define ICR_ASSERT      (1u << 14)
#define ICR_LEVEL       (1u << 15)
#define ICR_INIT        (5u << 8)
#define ICR_STARTUP     (6u << 8)
#define ICR_NMI         (4u << 8)

/* Write the ICR (destination first: the low write sends), then wait
 * until the APIC has taken the message. */
static void icr_send(uint32_t apic_id, uint32_t lo)
{
	unsigned spin = 1000000;

	wr(REG_ICR_HI, apic_id << 24);
	wr(REG_ICR_LO, lo);
	while ((rd(REG_ICR_LO) & ICR_PENDING) && --spin)
		;
}

/* INIT, asserted then deasserted (the deassert is what the P6 family's
 * MP protocol wants; later processors ignore it). */
void lapic_send_init(uint32_t apic_id)
{
	icr_send(apic_id, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	icr_send(apic_id, ICR_INIT | ICR_LEVEL);
}

/* Start-up IPI: the AP begins in real mode at page << 12. */
void lapic_send_sipi(uint32_t apic_id, uint32_t page)
{
	icr_send(apic_id, ICR_STARTUP | ICR_ASSERT | (page >> 12));
}

/* A non-maskable interrupt to one CPU: taken with interrupts off, in a
 * spin wait, anywhere but inside its NMI task (smp_stop_others). */
void lapic_send_nmi(uint32_t apic_id)
{
	icr_send(apic_id, ICR_ASSERT | ICR_NMI);
}

/* A fixed interrupt at vector, to one CPU. */
void lapic_send_ipi(uint32_t apic_id, uint32_t vector)
{
	icr_send(apic_id, ICR_ASSERT | vector);
}

/* The vector a spurious interrupt of this CPU's APIC comes at. */
void lapic_set_spurious(uint32_t vector)
{
	wr(REG_SVR, SVR_ENABLE | vector);
}

/* A fixed interrupt at vector to this CPU (the I/O APIC's replay of a
 * latched line). */
void lapic_send_self(uint32_t vector)
{
	icr_send(0, (1u << 18) | ICR_ASSERT | vector);
}
