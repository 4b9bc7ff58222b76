/*
 * Software IDT dispatch.  Kernel-owned lines run their handler; routed lines
 * are masked and acknowledged at once and left pending in each subscriber,
 * which unmasks the line when it has serviced its device — the kernel never
 * waits for a partition, and a level-triggered source cannot storm.
 */
#include "core/irq.h"
#include "core/lib.h"
#include <bulkhead/errno.h>

struct irq_line irq_lines[NR_IRQ_LINES];

/* Out of line: the kernel-owned lines (the tick) skip its registers. */
static __attribute__((noinline)) void route(struct irq_line *l, unsigned line)
{
	uint32_t subs = l->subscribers;

	arch_irq_mask(line);
	l->awaiting_ack = subs;
	while (subs) {
		unsigned p = (unsigned)__builtin_ctz(subs);

		subs &= subs - 1;
		vcpu_raise_hw(p, line);
		l->routed++;
	}
}

void irq_dispatch(unsigned line)
{
	struct irq_line *l = &irq_lines[line];
	int spurious;
	enum irq_eoi eoi = irq_arch_eoi_for(line, &spurious);

	if (spurious) {
		l->spurious++;
		arch_irq_eoi(eoi);
		return;
	}
	l->raised++;
	if (l->subscribers)
		route(l, line);
	else if (!l->handler)
		arch_irq_mask(line);       /* nobody wants it: keep it quiet */
	/* Acknowledge before the handler: it may switch partitions. */
	arch_irq_eoi(eoi);
	if (l->handler)
		l->handler(line, l->arg);
}

static void update_mask(unsigned line)
{
	struct irq_line *l = &irq_lines[line];

	l->awaiting_ack &= l->subscribers;
	if ((l->handler || l->subscribers) && !l->awaiting_ack)
		arch_irq_unmask(line);
	else
		arch_irq_mask(line);
}

int irq_set_handler(unsigned line, irq_handler_t fn, void *arg)
{
	if (line >= NR_IRQ_LINES)
		return -BH_EINVAL;
	irq_lines[line].handler = fn;
	irq_lines[line].arg = arg;
	update_mask(line);
	return 0;
}

int irq_subscribe(unsigned line, unsigned partition)
{
	if (line >= NR_IRQ_LINES || partition >= 32)
		return -BH_EINVAL;
	if (irq_lines[line].subscribers & (1u << partition))
		return -BH_EBUSY;
	irq_lines[line].subscribers |= 1u << partition;
	update_mask(line);
	return 0;
}

int irq_unsubscribe(unsigned line, unsigned partition)
{
	if (line >= NR_IRQ_LINES || partition >= 32)
		return -BH_EINVAL;
	if (!(irq_lines[line].subscribers & (1u << partition)))
		return -BH_ENOENT;
	irq_lines[line].subscribers &= ~(1u << partition);
	update_mask(line);
	return 0;
}

/* A subscriber has serviced its device; the line opens again once every
 * subscriber that was given the interrupt has said so. */
int irq_ack(unsigned line, unsigned partition)
{
	if (line >= NR_IRQ_LINES || partition >= 32)
		return -BH_EINVAL;
	if (!(irq_lines[line].subscribers & (1u << partition)))
		return -BH_EPERM;
	irq_lines[line].awaiting_ack &= ~(1u << partition);
	update_mask(line);
	return 0;
}

void irq_reset(void)
{
	bh_memset(irq_lines, 0, sizeof(irq_lines));
}
