/*
 * Software IDT dispatch.  Kernel-owned lines run their handler; routed lines
 * are masked and acknowledged at once and left pending in each subscriber,
 * which unmasks the line when it has serviced its device — the kernel never
 * waits for a partition, and a level-triggered source cannot storm.
 */
#include "core/irq.h"
#include "core/vcpu.h"
#include "core/lib.h"
#include <bulkhead/errno.h>
#include "core/partition.h"
#include "core/trace.h"

struct irq_line irq_lines[NR_IRQ_LINES];

/*
 * A routed line: masked and acknowledged at once (one inline hook), then
 * pending in each subscriber.  Interrupts are off throughout, so the
 * order of the EOI and the marking does not matter.
 */
static inline void route(struct irq_line *l, unsigned line, enum irq_eoi eoi)
{
	uint32_t subs = l->subscribers;

	irq_arch_mask_eoi(line, eoi);
	l->awaiting_ack = subs;
	do {
		unsigned p = (unsigned)__builtin_ctz(subs);

		subs &= subs - 1;
		trace_ev(BH_TR_IRQ_ROUTE, p, line, 0);
		vcpu_raise(&partitions[p], line);
		l->routed++;
	} while (subs);
}

/* A spurious IRQ 7 or 15: counted, and the EOI it may need (the slave's
 * spurious 15 still needs the master's). */
static __attribute__((noinline)) void spurious(struct irq_line *l, enum irq_eoi eoi)
{
	l->spurious++;
	arch_irq_eoi(eoi);
}

/* A line with a kernel handler (and maybe subscribers too), or nobody's. */
static __attribute__((noinline)) void dispatch_kernel(struct irq_line *l, unsigned line,
						      enum irq_eoi eoi)
{
	if (l->subscribers)
		route(l, line, eoi);
	else if (!l->handler)
		irq_arch_mask_eoi(line, eoi);  /* nobody wants it: keep it quiet */
	else
		arch_irq_eoi(eoi);         /* before the handler: it may switch */
	if (l->handler)
		l->handler(line, l->arg);
}

/* The general case: spurious lines, lines with a kernel handler, lines
 * nobody wants (out of line: off the routed path). */
static __attribute__((noinline)) void dispatch_general(struct irq_line *l, unsigned line)
{
	int is_spurious;
	enum irq_eoi eoi = irq_arch_eoi_for(line, &is_spurious);

	if (is_spurious) {
		spurious(l, eoi);
		return;
	}
	l->raised++;
	trace_ev(BH_TR_IRQ_RAISE, trace_pid(current), line, 0);
	dispatch_kernel(l, line, eoi);
}

/*
 * The common case first: a routed line no kernel handler wants, and (as
 * validated configurations have it) one subscriber; the line's EOI is
 * asked for only once it is known not to be spurious.
 */
ARCH_REGCALL void irq_dispatch(unsigned line)
{
	struct irq_line *l = &irq_lines[line];
	uint32_t subs = l->subscribers;
	int is_spurious;
	enum irq_eoi eoi;

	if (__builtin_expect(!subs || (subs & (subs - 1)) || l->handler, 0)) {
		dispatch_general(l, line);
		return;
	}
	eoi = irq_arch_eoi_for(line, &is_spurious);
	if (__builtin_expect(is_spurious, 0)) {
		spurious(l, eoi);
		return;
	}
	irq_arch_mask_eoi(line, eoi);
	l->raised++;
	l->awaiting_ack = subs;
	l->routed++;
	trace_ev(BH_TR_IRQ_RAISE, trace_pid(current), line, 0);
	trace_ev(BH_TR_IRQ_ROUTE, __builtin_ctz(subs), line, 0);
	vcpu_raise(&partitions[__builtin_ctz(subs)], line);
}

/*
 * The timer's line, from the arch's own entry for it, which has sent the
 * EOI: the line is the kernel's (the validator lets no partition
 * subscribe) and never spurious, so only the count and the handler.
 */
void irq_tick(void)
{
	struct irq_line *l = &irq_lines[BH_IRQ_TIMER];

	l->raised++;
	if (l->handler)
		l->handler(BH_IRQ_TIMER, l->arg);
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
	/* To the CPU of its (latest) subscriber: its interrupt is then taken
	 * where the partition runs (issue 14). */
	if (partition < BH_MAX_PARTITIONS)
		arch_irq_route(line, partitions[partition].cpu);
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
