/* The I/O APIC (ioapic.c): the ISA lines' controller on a machine with
 * more than one CPU running; the 8259 pair's otherwise. */
#ifndef ARCH_IOAPIC_H
#define ARCH_IOAPIC_H

#include <stdint.h>

struct madt_info;
enum irq_eoi;

/* 1 once the I/O APIC carries the lines (the 8259 is then masked). */
extern uint32_t ioapic_on;

int ioapic_init(const struct madt_info *m, uint32_t boot_apic_id);
void ioapic_mask(unsigned line);
void ioapic_unmask(unsigned line);
void ioapic_route(unsigned line, uint32_t apic_id);
uint32_t ioapic_dest(unsigned line);
void ioapic_mask_eoi(unsigned line, enum irq_eoi eoi);
int ioapic_latch(unsigned line);
void lapic_send_self(uint32_t vector);
void lapic_eoi(void);

#endif
