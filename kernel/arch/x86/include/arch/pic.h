/* The 8259A pair's end-of-interrupt rule (pure: host-testable).  Needs
 * enum irq_eoi: include core/arch.h first. */
#ifndef ARCH_PIC_H
#define ARCH_PIC_H

#include <stdint.h>

/* Which end-of-interrupt a line needs given the in-service register isr
 * (read only for lines 7 and 15); *spurious set when the request was
 * spurious: IRQ 7 or 15 raised while not in service. */
static inline enum irq_eoi pic_eoi_for(unsigned line, uint16_t isr, int *spurious)
{
	*spurious = 0;
	if (line == 7 && !(isr & (1u << 7))) {
		*spurious = 1;             /* master raised nothing: no EOI */
		return EOI_NONE;
	}
	if (line == 15 && !(isr & (1u << 15))) {
		*spurious = 1;             /* the master did take the cascade line */
		return EOI_MASTER;
	}
	return line < 8 ? EOI_MASTER : EOI_BOTH;
}

/* The lines masked now (cached: masking needs no read). */
extern uint16_t pic_mask;

/* End of interrupt for a line of the master controller. */
static inline void pic_eoi_master(void)
{
	__asm__ volatile("outb %0, $0x20" : : "a"((uint8_t)0x20));
}

/* The in-service register of both controllers (pic.c). */
uint16_t pic_in_service(void);
uint16_t pic_read_irr(void);
uint16_t pic_read_irr_all(void);
void pic_init(void);

#endif
