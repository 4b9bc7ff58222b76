/* Virtual interrupts: pending state, upcall delivery and the iret path. */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdint.h>
#include "core/partition.h"
#include "core/vlines.h"
#include "core/trace.h"

void vcpu_reset(struct partition *p);

/* Several CPUs run schedules: a raise may be for another CPU's partition. */
extern int vcpu_smp;
void vcpu_raise_remote(struct partition *p, unsigned line);
/* The raises other CPUs posted for p, now p's (on p's CPU). */
void vcpu_fold_remote(struct partition *p);

/* One occurrence of line for p: pending if attached (inline: the routed
 * interrupt raises it without a call).  For a partition of another CPU
 * it is posted to that CPU (vcpu_raise_remote). */
static inline void vcpu_raise(struct partition *p, unsigned line)
{
	struct vcpu *v = &p->vcpu;

	if (__builtin_expect(vcpu_smp, 0) && p->cpu != arch_cpu_id()) {
		vcpu_raise_remote(p, line);
		return;
	}

	vlines_raise(v->shared, &v->pending, &v->attached, line);
	trace_ev(BH_TR_VIRQ_RAISE, p->id, line, v->attached >> line & 1);
}

ARCH_REGCALL void vcpu_deliver(struct partition *p, struct trap_frame *tf);
/* BH_HC_IRET, a hypercall handler: the frame at a->a0 resumed. */
int32_t vcpu_iret(struct partition *p, struct hc_args *a);
int vcpu_attach(struct partition *p, unsigned line);
int vcpu_detach(struct partition *p, unsigned line);
int vcpu_unmask(struct partition *p, unsigned line);
int vcpu_set_entry(struct partition *p, uint32_t entry, uint32_t stack);
ARCH_REGCALL void vcpu_window_start(struct partition *p, uint64_t start, uint64_t len,
		       uint32_t plan, uint32_t window);

/* The clocks in p's shared page, at every tick (inline: it is on it). */
static inline void vcpu_tick(struct partition *p, uint64_t now)
{
	struct bh_vcpu_info *s = p->vcpu.shared;

	s->wall_ns = now;
	s->exec_ns = partition_exec_ns(p, now);
}

/* Virtual timers (vtimer.c). */
int vtimer_set(struct partition *p, uint32_t flags, uint64_t first, uint64_t period);
void vtimer_fire_exec(struct partition *p, uint64_t now);
void vtimer_fire_wall(uint64_t now);
int vtimer_own_tick(uint64_t now);
/* When p's timer is next due on the wall clock, were p to run from now
 * on (~0: disarmed): the instant the one-shot timer is armed for. */
uint64_t vtimer_next_armed(const struct partition *p, uint64_t now);
static inline uint64_t vtimer_next(const struct partition *p, uint64_t now)
{
	const struct vtimer *t = &p->vcpu.timer;

	if (!t->deadline)
		return ~0ull;
	/* A wall timer is its deadline (on every rearm: inline); the
	 * execution clock's needs the partition's run so far. */
	return t->clock == BH_CLOCK_WALL ? t->deadline : vtimer_next_armed(p, now);
}

/* At every timer interrupt: memory reads only unless a timer is due. */
static inline void vtimer_check(uint64_t now)
{
	struct partition *p = current;
	uint64_t w = pcpu_this()->next_wall;    /* this CPU's earliest wall timer */

	if (p && p->vcpu.timer.deadline && p->vcpu.timer.clock == BH_CLOCK_EXEC)
		vtimer_fire_exec(p, now);
	if (now >= w)
		vtimer_fire_wall(now);
}

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
