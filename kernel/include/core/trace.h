/*
 * The kernel trace (trace.c): the hooks the hot paths call.
 *
 *   trace_ev(BH_TR_WIN_START, part, a, b);
 *
 * is one test of a bit (the event's class) in trace_mask, and a call of
 * trace_put only when the class is recorded.  Built with BH_TRACE_BUILD 0
 * (make TRACE=0) every hook compiles to nothing.
 */
#ifndef CORE_TRACE_H
#define CORE_TRACE_H

#include <stdint.h>
#include <bulkhead/trace.h>
#include <bulkhead/config.h>

#ifndef BH_TRACE_BUILD
#define BH_TRACE_BUILD 1
#endif

struct partition;
struct hc_args;

/* The classes recorded now (0 before trace_init, and when off); written
 * only by trace_set_classes, which keeps the scheduler's copy of the
 * classes its window end refuses (sched.h, one_pass_off). */
extern uint32_t trace_mask;
void trace_set_classes(uint32_t mask);

void trace_put(unsigned type, unsigned part, uint32_t a, uint32_t b);
void trace_init(const struct bh_config *cfg);
int32_t hc_trace(struct partition *p, struct hc_args *a);

/* Whether class (BH_TRACE_*, a constant) is recorded: with a constant,
 * one test of memory against an immediate and a branch. */
#if BH_TRACE_BUILD
#define trace_on(class) __builtin_expect((trace_mask & (class)) != 0, 0)
#else
#define trace_on(class) 0
#endif

#define trace_ev(type, part, a, b) do { \
	if (trace_on(1u << ((type) >> 4))) \
		trace_put((type), (part), (a), (b)); \
} while (0)

/* The hypercall path: traced dispatch out of line (hypercall.c), so the
 * untraced one pays one test. */
int32_t hypercall_traced(uint32_t nr, struct hc_args *a);

/* The id of p for an event, or BH_TRACE_NO_PART for none (idle). */
#define trace_pid(p) ((p) ? (p)->id : BH_TRACE_NO_PART)

#endif
