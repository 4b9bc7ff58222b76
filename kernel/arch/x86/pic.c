/*
 * The 8259A pair.  Remapped to vectors 0x20..0x2f; every line stays masked
 * until the software IDT unmasks it (a line nobody handles never fires).
 */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/seg.h"
#include "arch/pc.h"
#include "arch/pic.h"
#include "arch/ioapic.h"
#include "core/arch.h"
#include "core/irq.h"

#define PIC1_CMD  BH_PORT_PIC1
#define PIC1_DATA (BH_PORT_PIC1 + 1)
#define PIC2_CMD  BH_PORT_PIC2
#define PIC2_DATA (BH_PORT_PIC2 + 1)

/* The 8259 pair is where the ABI's count of hardware lines comes from. */
_Static_assert(BH_NR_HW_LINES == 16, "two 8259s have 16 lines");
#define PIC_EOI   0x20
#define OCW3_READ_IRR 0x0a
#define OCW3_READ_ISR 0x0b

uint16_t pic_mask = 0xffff;          /* cached: masking needs no read */

void pic_init(void)
{
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
	outb(PIC1_CMD, 0x11);             /* ICW1: edge, cascade, ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, T_IRQ0);          /* ICW2: vector base */
	outb(PIC2_DATA, T_IRQ0 + 8);
	outb(PIC1_DATA, 1 << BH_IRQ_CASCADE); /* ICW3: the slave's line */
	outb(PIC2_DATA, BH_IRQ_CASCADE);
	outb(PIC1_DATA, 0x01);            /* ICW4: 8086 mode, normal EOI */
	outb(PIC2_DATA, 0x01);
	pic_mask = 0xffff & ~(1u << BH_IRQ_CASCADE);   /* always open */
	outb(PIC1_DATA, pic_mask & 0xff);
	outb(PIC2_DATA, pic_mask >> 8);
	outb(PIC1_CMD, OCW3_READ_ISR);    /* later reads of the command port give ISR */
	outb(PIC2_CMD, OCW3_READ_ISR);
}

/* With the I/O APIC, several CPUs: the cached mask changes atomically
 * (two CPUs may mask two lines at once). */
void arch_irq_mask(unsigned line)
{
	if (ioapic_on) {
		__atomic_fetch_or(&pic_mask, (uint16_t)(1u << line), __ATOMIC_SEQ_CST);
		ioapic_mask(line);
		return;
	}
	pic_mask |= (uint16_t)(1u << line);
	if (line < 8)
		outb(PIC1_DATA, pic_mask & 0xff);
	else
		outb(PIC2_DATA, pic_mask >> 8);
}

void arch_irq_unmask(unsigned line)
{
	if (ioapic_on) {
		__atomic_fetch_and(&pic_mask, (uint16_t)~(1u << line), __ATOMIC_SEQ_CST);
		ioapic_unmask(line);
		return;
	}
	pic_mask &= (uint16_t)~(1u << line);
	if (line < 8)
		outb(PIC1_DATA, pic_mask & 0xff);
	else
		outb(PIC2_DATA, pic_mask >> 8);
}

int arch_irq_masked(unsigned line)
{
	return (pic_mask >> line) & 1;
}

uint16_t pic_in_service(void)
{
	return (uint16_t)(inb(PIC1_CMD) | (inb(PIC2_CMD) << 8));
}

void arch_irq_eoi(enum irq_eoi how)
{
	if (ioapic_on) {
		if (how != EOI_NONE)
			lapic_eoi();
		return;
	}
	if (how == EOI_BOTH)
		outb(PIC2_CMD, PIC_EOI);
	if (how != EOI_NONE)
		outb(PIC1_CMD, PIC_EOI);
}

/* The pending (requested, not yet serviced) lines, for the time base. */
uint16_t pic_read_irr(void)
{
	uint16_t irr;

	outb(PIC1_CMD, OCW3_READ_IRR);
	irr = inb(PIC1_CMD);
	outb(PIC1_CMD, OCW3_READ_ISR);
	return irr;
}

/* Both controllers' request registers (the I/O APIC's take-over keeps
 * what they hold). */
uint16_t pic_read_irr_all(void)
{
	uint16_t irr;

	outb(PIC1_CMD, OCW3_READ_IRR);
	outb(PIC2_CMD, OCW3_READ_IRR);
	irr = (uint16_t)(inb(PIC1_CMD) | inb(PIC2_CMD) << 8);
	outb(PIC1_CMD, OCW3_READ_ISR);
	outb(PIC2_CMD, OCW3_READ_ISR);
	return irr;
}
