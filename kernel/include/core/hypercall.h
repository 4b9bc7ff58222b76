/*
 * Hypercall dispatch: one table indexed by the number, with a bounds
 * check.  The arch decodes the caller's registers once (struct hc_args,
 * a0..a4 in ABI order); each handler takes them and returns the result.
 */
#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

#include <stdint.h>
#include <bulkhead/hypercall.h>
#include "core/arch.h"
#include "core/partition.h"
#include "core/trace.h"

typedef int32_t (*hypercall_fn)(struct partition *p, struct hc_args *a);

extern const hypercall_fn hypercalls[BH_HC_COUNT];

/* Inline into the arch's entry: one call from the entry to the handler. */
static inline int32_t hypercall_dispatch(uint32_t nr, struct hc_args *a)
{
	if (trace_on(BH_TRACE_HCALL))
		return hypercall_traced(nr, a);
	return nr < BH_HC_COUNT ? hypercalls[nr](current, a) : -BH_ENOSYS;
}

#endif
