/*
 * Ticket spinlocks (issue 14): the shared state of several CPUs — the
 * ports, the HM log, the console queue, the trace ring, the plan switch —
 * each behind one, held with interrupts off (the kernel runs so) for a
 * short section whose length never depends on what a guest chose beyond
 * the configured limits; docs/architecture.md, "Multiprocessor", states
 * each one's bound.  Tickets serve the waiters in order: a CPU waits at
 * most for every other CPU's one section, never starves.
 */
#ifndef CORE_LOCK_H
#define CORE_LOCK_H

#include <stdint.h>
#include "core/arch.h"

struct tlock {
	volatile uint16_t next, owner;
};

static inline void tlock_take(struct tlock *l)
{
	uint16_t me = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		arch_cpu_relax();
}

static inline void tlock_give(struct tlock *l)
{
	__atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

#endif
