/* The cyclic scheduler: major frames of windows from the configuration. */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include <bulkhead/config.h>
#include <bulkhead/trace.h>
#include "core/pcpu.h"

struct partition;

void sched_init(const struct bh_config *cfg);
void sched_start(void) __attribute__((noreturn));
void sched_advance(uint64_t now);
#define sched_cut (pcpu_this()->cut)   /* when this CPU's partition stops, ns */
/* Several CPUs: each runs its own windows (sched_start_cpu, from the
 * arch's start of the others); all start at sched_t0. */
void sched_start_cpu(void) __attribute__((noreturn));
unsigned sched_cpus(void);        /* CPUs with windows: 1 + the highest */
extern uint64_t sched_t0;
/* How far ahead of the boot CPU's sched_start the CPUs start together:
 * time to wake the others and have them arm their timers. */
#define SCHED_START_LEAD_NS 2000000u
/* A plan switch asked less than this before the frame's end, with
 * several CPUs, takes effect a frame later (sched_plan_switch). */
#define SCHED_SWITCH_MARGIN_NS 20000u

/*
 * The window guard (one-shot timers only): a partition's window ends for
 * it this long before the slot's end, and the processor idles to the
 * exact end.  Whatever the partition was doing in the kernel with
 * interrupts off when its time ran out (a hypercall: an HM report's
 * console line is the longest, ~7 us) then delays only the end of its
 * own window, never the start of the next one, which stays the switch
 * path itself.  Larger than the longest interrupts-off path of any
 * hypercall (docs/architecture.md, "Exact time"); the validator keeps
 * windows well longer.
 */
#define SCHED_GUARD_NS 10000u
#define SCHED_GUARD_MAX_NS 1000000u     /* guard= on the command line: at most 1 ms */
extern uint32_t sched_guard_ns;      /* SCHED_GUARD_NS unless guard=US says */

void sched_rearm(uint64_t now);
void sched_cut_reached(uint64_t now);
/* At or past the cut: a window's end in its common case, whole (the
 * tick's bookkeeping too); 0 if it is not that case (nothing done). */
ARCH_REGCALL int sched_window_end(uint64_t now);
/*
 * sched_window_end's refusals that change seldom, as one word kept by
 * their writers (0: none holds): several CPUs or the periodic timer
 * (ONE_PASS_FIXED, decided at sched_start, set before it), the arch's
 * timer entry unable to call the one pass itself (ONE_PASS_ENTRY, at
 * sched_start: arch_tick_one_pass), and the trace's window and
 * virtual-interrupt classes as trace_mask has them (ONE_PASS_TRACED,
 * written with trace_mask by trace.c through sched_trace_classes).
 * sched_window_end tests it without ONE_PASS_ENTRY, then calls
 * sched_window_end_one; the arch's entry (x86: ticktraps) tests it
 * whole and calls sched_window_end_one itself.
 */
#define ONE_PASS_FIXED  (1u << 31)
#define ONE_PASS_ENTRY  (1u << 30)
#define ONE_PASS_TRACED (BH_TRACE_SCHED | BH_TRACE_VIRQ)
extern uint32_t one_pass_off;
ARCH_REGCALL int sched_window_end_one(uint64_t now);
void sched_trace_classes(uint32_t mask);
/* At every timer interrupt: the running partition's cut or the slot's
 * end, else the next event armed (one-shot; with the periodic tick only
 * the comparison). */
static inline void sched_event(uint64_t now)
{
	if (now >= sched_cut)
		sched_cut_reached(now);
	else
		sched_rearm(now);
}
void sched_yield(void);
/* The partition whose window is open on cpu now (running or not), -1. */
int sched_window_partition(unsigned cpu);
void sched_wait(struct partition *p);   /* BH_HC_IDLE */
void sched_leave(void);             /* current stopped: run idle */
int sched_plan_switch(uint32_t plan);

#endif
