#ifndef ARCH_DESC_H
#define ARCH_DESC_H

#include <stdint.h>

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "TSS layout");

struct gdt_entry {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, gran, base_hi;
} __attribute__((packed));

/* The limit covers the 8 KiB bitmap and the 0xff byte after it. */
#define TSS_LIMIT       (sizeof(struct tss) + 8192)
#define TSS             ((struct tss *)TSS_VA)

void desc_init(void);
void idt_load(void);
/*
 * The user TLS descriptor (SEG_UTLS) for the partition about to run: a
 * ring-3 data segment of limit_bytes from base, or not present.  The
 * descriptor is per processor (in this CPU's GDT) and rewritten at every
 * switch, so a partition only ever sees its own (trapret reloads %gs from
 * it).  desc_switch_utls, the switch's test: arch/smp.h.
 */
void desc_set_utls(uint32_t base, uint32_t limit_bytes, int present);
void idt_set_gate(unsigned vector, uint32_t handler, unsigned dpl);
unsigned idt_gate_dpl(unsigned vector);
int idt_gate_is_task(unsigned vector, unsigned selector);

/* NMIs taken so far (the NMI task counts them; trap.c reports them). */
extern volatile uint32_t nmi_count;

#endif
