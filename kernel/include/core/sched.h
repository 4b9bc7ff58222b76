/* The cyclic scheduler: major frames of windows from the configuration. */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include <bulkhead/config.h>

struct partition;

void sched_init(const struct bh_config *cfg);
void sched_start(void) __attribute__((noreturn));
void sched_tick(uint64_t now);
void sched_yield(void);
void sched_leave(void);             /* current stopped: run idle */
int sched_plan_switch(uint32_t plan);

#endif
