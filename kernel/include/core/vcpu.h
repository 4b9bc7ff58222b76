/* Virtual interrupts: pending state, upcall delivery and the iret path. */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdint.h>
#include "core/partition.h"

void vcpu_reset(struct partition *p);
void vcpu_raise(struct partition *p, unsigned line);
void vcpu_deliver(struct partition *p, struct trap_frame *tf);
/* BH_HC_IRET, a hypercall handler: the frame at a->a0 resumed. */
int32_t vcpu_iret(struct partition *p, struct hc_args *a);
int vcpu_attach(struct partition *p, unsigned line);
int vcpu_detach(struct partition *p, unsigned line);
int vcpu_unmask(struct partition *p, unsigned line);
int vcpu_set_entry(struct partition *p, uint32_t entry, uint32_t stack);
void vcpu_window_start(struct partition *p, uint64_t start, uint64_t len,
		       uint32_t plan, uint32_t window);
void vcpu_tick(struct partition *p, uint64_t now);

/* Virtual timers (vtimer.c). */
int vtimer_set(struct partition *p, uint32_t flags, uint64_t first, uint64_t period);
void vtimer_check(uint64_t now);

/*
 * The exit path, before every return to ring 3: a handful of instructions
 * when nothing is pending.  The guest's flag is read, never trusted further.
 */
static inline void vcpu_exit_to_user(struct trap_frame *tf)
{
	struct partition *p = current;

	if (p->vcpu.pending && !p->vcpu.shared->irq_masked && p->vcpu.entry)
		vcpu_deliver(p, tf);
}

#endif
