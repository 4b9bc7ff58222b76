/*
 * Ticket spinlocks (issue 14): the shared state of several CPUs — the
 * ports, the HM log, the console queue, the trace ring, the plan switch —
 * each behind one, held with interrupts off (the kernel runs so) for a
 * short section whose length never depends on what a guest chose beyond
 * the configured limits; docs/architecture.md, "Multiprocessor", states
 * each one's bound.  Tickets serve the waiters in order: a CPU waits at
 * most for every other CPU's one section, never starves.
 *
 * Once a CPU has stopped every other one to end the machine (a panic, a
 * module-level HM stop: arch_stop_others), it waits for no lock: the CPU
 * that held it is parked for good.  It then reads and appends to what
 * that CPU may have left half-written (the console queue, the HM log):
 * at worst one torn record, and the report is made.
 */
#ifndef CORE_LOCK_H
#define CORE_LOCK_H

#include <stdint.h>
#include "core/arch.h"

struct tlock {
	volatile uint16_t next, owner;
};

/* With one CPU started (arch_smp clear) no one else can hold a lock: a
 * test of one word instead of the locked add, the wait and the release.
 * smp_multi is set once at boot, before any other CPU runs and with no
 * lock held, so a lock's take and give always agree on it. */
static inline void tlock_take(struct tlock *l)
{
	uint16_t me;

	if (!arch_smp())
		return;
	me = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me) {
		/* Stopping the machine, the others parked: a lock one of them
		 * held is never given; the report goes on without it. */
		if (arch_cpu_alone())
			return;
		arch_cpu_relax();
	}
}

static inline void tlock_give(struct tlock *l)
{
	if (!arch_smp())
		return;
	__atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

#endif
