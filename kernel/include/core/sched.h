/* The cyclic scheduler: major frames of windows from the configuration. */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include <bulkhead/config.h>

struct partition;

void sched_init(const struct bh_config *cfg);
void sched_start(void) __attribute__((noreturn));
void sched_advance(uint64_t now);
extern uint64_t sched_slot_end;    /* the current slot's end, ns */

void sched_rearm(uint64_t now);
/* At every timer interrupt: the slot's end, else the next event armed
 * (one-shot; with the periodic tick only the comparison). */
static inline void sched_event(uint64_t now)
{
	if (now >= sched_slot_end)
		sched_advance(now);
	else
		sched_rearm(now);
}
void sched_yield(void);
void sched_wait(struct partition *p);   /* BH_HC_IDLE */
void sched_leave(void);             /* current stopped: run idle */
int sched_plan_switch(uint32_t plan);

#endif
