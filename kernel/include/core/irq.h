/*
 * The software IDT: per hardware line, one kernel handler slot and a set of
 * subscribed partitions, plus counters.  Dispatch costs the same whatever
 * the number of partitions not subscribed to the line.
 */
#ifndef CORE_IRQ_H
#define CORE_IRQ_H

#include <stdint.h>
#include "core/arch.h"

#include <bulkhead/vcpu.h>

#define NR_IRQ_LINES BH_NR_HW_LINES

typedef void (*irq_handler_t)(unsigned line, void *arg);

struct irq_line {
	irq_handler_t handler;   /* kernel slot, may be NULL */
	void *arg;
	uint32_t subscribers;    /* bit p: partition p attached */
	uint32_t awaiting_ack;   /* subscribers that have not yet unmasked */
	uint32_t raised;         /* genuine interrupts seen */
	uint32_t spurious;       /* spurious IRQ 7 / 15 recognised */
	uint32_t routed;         /* times marked pending in subscribers */
} __attribute__((aligned(32)));  /* indexed with a shift on every interrupt */

extern struct irq_line irq_lines[NR_IRQ_LINES];

ARCH_REGCALL void irq_dispatch(unsigned line);
void irq_tick(void);
/* The timer line's handler (main.c), what entry.S's fast case stands in for. */
void timer_event(unsigned line, void *arg);
int irq_set_handler(unsigned line, irq_handler_t fn, void *arg);
int irq_subscribe(unsigned line, unsigned partition);
int irq_unsubscribe(unsigned line, unsigned partition);
int irq_ack(unsigned line, unsigned partition);
void irq_reset(void);

#endif
