/*
 * ARINC 653 Part 1 APEX for C on bulkhead: every service group.
 * Applications include this (or the group headers under arinc653/), link
 * build/guests/libapex.a and librtos.a, and start with apex_main() from
 * main() (see docs/guest-guide.md, "APEX on bulkhead").
 */
#ifndef ARINC653_H
#define ARINC653_H

#include "arinc653/types.h"
#include "arinc653/partition.h"
#include "arinc653/process.h"
#include "arinc653/time.h"
#include "arinc653/sampling.h"
#include "arinc653/queueing.h"
#include "arinc653/buffer.h"
#include "arinc653/blackboard.h"
#include "arinc653/semaphore.h"
#include "arinc653/event.h"
#include "arinc653/error.h"

/*
 * bulkhead's start-up (not part of the standard): start the guest RTOS and
 * run init() as the partition's initialisation process, in COLD_START or
 * WARM_START.  init creates the processes and objects and ends with
 * SET_PARTITION_MODE(NORMAL).  tick_us: the scheduling tick (0: 1000 us),
 * the resolution of every APEX time-out, delay and period.  Does not return.
 */
__attribute__((noreturn)) void apex_main(void (*init)(void), unsigned tick_us);
/* bulkhead's extension: one console line "<time> ms  <who> <message>",
 * stamped with GET_TIME, for application logs. */
__attribute__((format(printf, 2, 3)))
void apex_log(const char *who, const char *fmt, ...);

#endif
