/*
 * Virtual-line bookkeeping: which attached lines are pending, which one is
 * delivered next (the lowest), and the per-line counters in the shared
 * vCPU page.  Portable and inline — it sits on the interrupt, delivery and
 * timer paths — so host unit tests (tests/unit/test_vlines.c) check the
 * very code the kernel runs.  The caller keeps the authoritative pending
 * and attached words; the shared page only gets copies.
 */
#ifndef CORE_VLINES_H
#define CORE_VLINES_H

#include <stdint.h>
#include <bulkhead/vcpu.h>

/* Copy the pending word to the guest's page for its cheap check. */
static inline void vlines_publish(struct bh_vcpu_info *s, uint32_t pending)
{
	s->pending = pending;
	s->upcall_pending = pending != 0;
}

/*
 * One occurrence of line: always counted (raised), pending only if the
 * line is attached.  A line already pending stays pending once: the
 * occurrence is coalesced, and raised - delivered says how many were.
 * attached comes by address so it is read after the count, as it was
 * before this was factored out: the kernel's code stays what it was.
 */
static inline void vlines_raise(struct bh_vcpu_info *s, uint32_t *pending,
				const uint32_t *attached, unsigned line)
{
	s->raised[line]++;
	if (!(*attached & (1u << line)))
		return;
	*pending |= 1u << line;
	vlines_publish(s, *pending);
}

/* The line delivered next: the lowest pending one (pending != 0). */
static inline unsigned vlines_next(uint32_t pending)
{
	return (unsigned)__builtin_ctz(pending);
}

/* line has been delivered and taken off pending (now the pending word):
 * publish that, and count the delivery. */
static inline void vlines_delivered(struct bh_vcpu_info *s, uint32_t pending,
				    unsigned line)
{
	vlines_publish(s, pending);
	s->delivered[line]++;
}

/* A timer whose next expiry is deadline (0 = disarmed): due at now? */
static inline int vtimer_due(uint64_t deadline, uint64_t now)
{
	return deadline && now >= deadline;
}

/* A deadline no clock reaches (2^64 ns is 584 years): additions that
 * would pass it stop there instead of wrapping to an early deadline. */
#define VTIMER_NEVER UINT64_MAX

static inline uint64_t vtimer_add(uint64_t t, uint64_t d)
{
	return t > VTIMER_NEVER - d ? VTIMER_NEVER : t + d;
}

/*
 * After a due expiry: move *deadline to the first expiry after now, on the
 * grid first + k * period, so a periodic timer never drifts (a one-shot,
 * period 0, disarms).  Returns the expiries passed meanwhile with nobody
 * looking (a long gap): they are counted as raised, not delivered.  Every
 * step saturates: a period near 2^64 puts the next expiry at
 * VTIMER_NEVER, never wrapped into the past, and the count of missed
 * periods stops at 2^32 - 1.
 */
static inline uint32_t vtimer_advance(uint64_t *deadline, uint64_t period, uint64_t now)
{
	uint64_t missed;

	if (!period) {
		*deadline = 0;
		return 0;
	}
	*deadline = vtimer_add(*deadline, period);
	if (*deadline > now)
		return 0;
	/* *deadline <= now: (missed - 1) * period <= now - *deadline fits. */
	missed = (now - *deadline) / period + 1;
	*deadline = vtimer_add(*deadline + (missed - 1) * period, period);
	return missed > 0xffffffffu ? 0xffffffffu : (uint32_t)missed;
}

#endif
