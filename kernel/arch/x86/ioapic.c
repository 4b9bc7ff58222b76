/*
 * The I/O APIC: the interrupt controller for the sixteen ISA lines once
 * more than one CPU runs (smp.c decides).  Each line keeps its vector
 * (T_IRQ0 + line), so the entry stubs, irq_dispatch and the line numbers
 * of the ABI do not change; what changes is how a line is masked (see
 * latched below) and where it is acknowledged (the local APIC's EOI,
 * which the I/O APIC hears for level-triggered lines).  The 8259 pair is
 * then masked whole and the boot CPU's LINT0 (ExtINT) closed, so a line
 * comes by one path only.  pic_mask stays the record of which lines are
 * masked, in both modes (arch_irq_masked reads it).
 *
 * Every line is delivered to one CPU, in physical destination mode: the
 * boot CPU for now; ioapic_route moves a line to the CPU that owns it.
 */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/pic.h"
#include "arch/paging.h"
#include "arch/acpi.h"
#include "arch/smp.h"
#include "arch/ioapic.h"
#include "core/console.h"
#include "core/lock.h"

#define REG_VER        0x01u
#define REG_REDIR(n)   (0x10u + 2u * (n))
#define RTE_MASKED     (1u << 16)
#define RTE_LEVEL      (1u << 15)
#define RTE_ACTIVE_LOW (1u << 13)
#define INTI_POLARITY  3u          /* MPS INTI flags: bits 1:0 */
#define INTI_LOW       3u
#define INTI_TRIGGER   (3u << 2)   /* bits 3:2 */
#define INTI_LEVEL     (3u << 2)

uint32_t ioapic_on;
static volatile uint32_t *regs;
static uint8_t pin[16];            /* ISA line -> redirection entry */
static uint32_t rte_lo[16];        /* its low word, mask bit aside */
static uint8_t dest[16];           /* its destination's APIC id */
static uint8_t usable[16];
/* The index/data register pair and the latched requests are shared by
 * every CPU (a line's interrupt, mask and unmask run on its owner's CPU,
 * but two CPUs may touch two lines at once): io_lock around each public
 * operation, a few register writes. */
static struct tlock io_lock;

static uint32_t rd(uint32_t reg)
{
	regs[0] = reg;
	return regs[4];
}

static void wr(uint32_t reg, uint32_t v)
{
	regs[0] = reg;
	regs[4] = v;
}

static void write_entry(unsigned line, int masked)
{
	wr(REG_REDIR(pin[line]) + 1, (uint32_t)dest[line] << 24);
	wr(REG_REDIR(pin[line]), rte_lo[line] | (masked ? RTE_MASKED : 0));
}

/*
 * The redirection entry's low word for an ISA line with MPS flags f:
 * ISA's defaults (edge, active high) unless the MADT overrides them.
 */
static uint32_t entry_for(unsigned line, uint16_t f)
{
	uint32_t lo = T_IRQ0 + line;          /* fixed delivery, physical */

	if ((f & INTI_POLARITY) == INTI_LOW)
		lo |= RTE_ACTIVE_LOW;
	if ((f & INTI_TRIGGER) == INTI_LEVEL)
		lo |= RTE_LEVEL;
	return lo;
}

/*
 * The 8259's masking, kept.  An I/O APIC drops an edge that comes while
 * its pin is masked; the 8259 latched it (its request register) and
 * delivered it on unmask, and the routed-IRQ path relies on that: a line
 * is masked from its interrupt until its partition acknowledges it, and
 * an edge in between must not be lost.  So an edge line other than the
 * timer's is masked in software only (pic_mask): its pin stays open
 * until an interrupt comes while the line is masked, which is then
 * latched here and the pin closed (one latched request, as the 8259
 * held); unmasking opens the pin and replays a latched request as a
 * self-IPI at the line's vector.  Level lines are masked at the pin.
 */
static uint16_t latched;

static int soft_masked(unsigned line)
{
	return !(rte_lo[line] & RTE_LEVEL) && line != BH_IRQ_TIMER;
}

/*
 * What the 8259 held when the I/O APIC took over (interrupts are off at
 * boot): an edge it latched would otherwise be lost — the 8254's
 * one-shot, which stays high after it fires, would never interrupt again
 * and the event timer's chain would stop.  Each request is replayed: now
 * for an open line, on unmask for a masked one.
 */
static void keep_requests(uint16_t irr)
{
	for (unsigned line = 0; line < 16; line++) {
		if (!(irr & (1u << line)))
			continue;
		if ((pic_mask >> line) & 1)
			latched |= (uint16_t)(1u << line);
		else
			lapic_send_self(T_IRQ0 + line);
	}
}

/*
 * Take the ISA lines over from the 8259: every redirection entry written
 * with the line's current mask (pic_mask), to the boot CPU, then the 8259
 * and ExtINT closed.  Interrupts must be off.  Returns 0, or -1 (and the
 * 8259 stays) when the I/O APIC cannot carry lines 0-15.
 */
int ioapic_init(const struct madt_info *m, uint32_t boot_apic_id)
{
	uint16_t irr;
	uint32_t max;
	unsigned line;

	if (!m->ioapic_pa)
		return -1;
	paging_map_ioapic(m->ioapic_pa);
	regs = (volatile uint32_t *)(IOAPIC_VA + (m->ioapic_pa & 0xfffu));
	max = (rd(REG_VER) >> 16) & 0xffu;
	for (line = 0; line < 16; line++) {
		uint32_t g = m->gsi[line] - m->ioapic_gsi_base;

		usable[line] = m->gsi[line] >= m->ioapic_gsi_base && g <= max;
		pin[line] = (uint8_t)g;
		rte_lo[line] = entry_for(line, m->gsi_flags[line]);
		dest[line] = (uint8_t)boot_apic_id;
	}
	/* A line whose entry an override gave another line (ISA line 2,
	 * the cascade, when line 0 moves to global interrupt 2) has none. */
	for (line = 0; line < 16; line++)
		for (unsigned k = 0; k < 16; k++)
			if (k != line && pin[k] == pin[line] && m->gsi[k] != k)
				usable[line] = 0;
	usable[BH_IRQ_CASCADE] = 0;
	if (!usable[0] || !usable[4])
		return -1;                    /* the timer and COM1 at least */
	for (line = 0; line < 16; line++)
		if (usable[line])
			write_entry(line, !soft_masked(line) && ((pic_mask >> line) & 1));
	irr = pic_read_irr_all() & (uint16_t)~(1u << BH_IRQ_CASCADE);
	outb(BH_PORT_PIC1 + 1, 0xff);
	outb(BH_PORT_PIC2 + 1, 0xff);
	lapic_mask_lint0();
	ioapic_on = 1;
	keep_requests(irr);
	return 0;
}

void ioapic_mask(unsigned line)
{
	tlock_take(&io_lock);
	if (line < 16 && usable[line] && !soft_masked(line))
		write_entry(line, 1);
	tlock_give(&io_lock);
}

void ioapic_unmask(unsigned line)
{
	if (line >= 16 || !usable[line])
		return;
	tlock_take(&io_lock);
	write_entry(line, 0);
	if (latched & (1u << line)) {
		latched &= (uint16_t)~(1u << line);
		lapic_send_self(T_IRQ0 + line);
	}
	tlock_give(&io_lock);
}

/* An interrupt on a line masked in software: latched, its pin closed,
 * acknowledged; 1 if so (the caller then dispatches nothing). */
int ioapic_latch(unsigned line)
{
	if (line >= 16 || !((pic_mask >> line) & 1))
		return 0;
	tlock_take(&io_lock);
	latched |= (uint16_t)(1u << line);
	if (usable[line])
		write_entry(line, 1);
	tlock_give(&io_lock);
	lapic_eoi();
	return 1;
}

/* Deliver line to the CPU with APIC id apic_id from now on. */
void ioapic_route(unsigned line, uint32_t apic_id)
{
	if (line >= 16)
		return;
	tlock_take(&io_lock);
	dest[line] = (uint8_t)apic_id;
	if (usable[line])
		write_entry(line, (!soft_masked(line) || (latched >> line) & 1) &&
			    ((pic_mask >> line) & 1));
	tlock_give(&io_lock);
}

/* A line's destination APIC id (the tests read it back). */
uint32_t ioapic_dest(unsigned line)
{
	return line < 16 && usable[line] ? rd(REG_REDIR(pin[line]) + 1) >> 24 : ~0u;
}

/* The routed-IRQ path's acknowledgement (irq_arch_mask_eoi). */
void ioapic_mask_eoi(unsigned line, enum irq_eoi eoi)
{
	ioapic_mask(line);
	if (eoi != EOI_NONE)
		lapic_eoi();
}
