/* The cyclic scheduler: major frames of windows from the configuration. */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include <bulkhead/config.h>

struct partition;

void sched_init(const struct bh_config *cfg);
void sched_start(void) __attribute__((noreturn));
void sched_advance(uint64_t now);
extern uint64_t sched_cut;         /* when the running partition stops, ns */

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
void sched_wait(struct partition *p);   /* BH_HC_IDLE */
void sched_leave(void);             /* current stopped: run idle */
int sched_plan_switch(uint32_t plan);

#endif
