/*
 * The event timers of the PC (kernel/arch/x86: lapic.c, pit.c) and the
 * time-stamp counter's calibration (tsc.c).  Core sees only the hooks in
 * core/arch.h: arch_timer_init, arch_timer_arm, arch_cycles*.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <stdint.h>
#include "arch/pic.h"      /* needs core/arch.h first */

#define LAPIC_VA        0x3fffa000u  /* kernel-only, uncached, in every space */
#define LAPIC_REG_EOI   0x0b0u       /* (entry.S writes these two too) */
#define LAPIC_REG_TIMER_INIT 0x380u  /* the timer's initial count */
#define TIMER_VECTOR    0x20u        /* the 8254's vector: one entry (ticktraps) */
#define LAPIC_SPURIOUS  0x2fu        /* low nibble 1111 (P6); IRQ 15's spurious rule */

/* 1 if the timer line now is the local APIC's (EOI there, not at the PIC). */
extern uint32_t lapic_timer_on;

int lapic_present(void);
/* Enable the local APIC (PIC lines kept through LINT0 as ExtINT), measure
 * its timer against the TSC; returns its rate in Hz, 0 if unusable. */
uint64_t lapic_timer_setup(uint64_t tsc_hz);
void lapic_timer_start(void);        /* an AP's timer on, as the boot CPU's */
void lapic_eoi(void);

/* The 8254, channel 0: periodic at a divisor, or one-shot (mode 0). */
void pit_periodic(uint32_t divisor);
void pit_oneshot_arm(uint32_t delta_ns);

/* The APIC timer's counts per ns, 32.32 (lapic.c's; entry.S's virtual
 * timer case in ticktraps arms the timer with it too, the same count). */
extern uint64_t lapic_counts_per_ns_q32;

/*
 * core/arch.h's arch_timer_arm, inline (on every window switch and
 * rearm): the local APIC's timer, at least delta_ns from now (rounded
 * up, at least one count; a delta past the 32-bit count is cut short,
 * and the core arms again), or the 8254 without one.
 */
static inline void arch_timer_arm(uint32_t delta_ns)
{
	uint64_t q, c;
	uint32_t n;

	if (__builtin_expect(!lapic_timer_on, 0)) {
		pit_oneshot_arm(delta_ns);
		return;
	}
	q = lapic_counts_per_ns_q32;
	c = (uint64_t)delta_ns * (uint32_t)(q >> 32) +
	    (((uint64_t)delta_ns * (uint32_t)q + 0xffffffffu) >> 32);
	if (__builtin_expect(c > 0xffffffffu, 0))
		n = 0xffffffffu;
	else
		n = (uint32_t)c + ((uint32_t)c == 0);    /* at least 1 */
	*(volatile uint32_t *)(LAPIC_VA + LAPIC_REG_TIMER_INIT) = n;
}

/* TSC rate in Hz, measured against the 8254 (leaves channel 0 running). */
uint64_t tsc_calibrate(void);
/* Its result, kept by arch_timer_init (the APs' start-up delays). */
extern uint64_t tsc_hz;

/* End of interrupt for the timer's line, wherever it came from. */
extern uint32_t ioapic_on;

static inline void timer_eoi(void)
{
	if (lapic_timer_on || ioapic_on)
		lapic_eoi();
	else
		pic_eoi_master();
}

#endif
