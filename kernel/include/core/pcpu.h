/*
 * Per-CPU data of the core (issue 14): everything a CPU's schedule owns
 * alone — the partition it runs, its place in the plan, its event
 * timer, the wall timers of the partitions bound to it.  Each CPU reads
 * and writes only its own entry (pcpu_this(), by arch_cpu_id()); another
 * CPU touches it never, so none of it needs a lock.  `current`,
 * `cpu_timer` and `sched_cut` name the running CPU's own.
 */
#ifndef CORE_PCPU_H
#define CORE_PCPU_H

#include <stdint.h>
#include <bulkhead/config.h>
#include "core/arch.h"

struct partition;
struct slot;

/* One CPU's event timer: what core asked of it. */
struct event_timer {
	const char *name;          /* the arch's timer, for the boot report */
	int oneshot;               /* 0: the periodic tick, arming is a no-op */
	uint64_t timer_hz;
	uint64_t next;             /* the instant armed for, ns (one-shot) */
	uint64_t period_ns;        /* the boot tick, until the schedule runs */
	uint64_t early;            /* interrupts that found nothing due */
};

struct pcpu {
	struct partition *cur;     /* first: entry.S reads it (current) */
	uint32_t id;
	uint64_t cut;              /* sched_cut: when the running partition stops */
	uint64_t slot_end;         /* the running slot's end (~0: not started) */
	uint64_t frame_start;      /* this major frame's start, ns */
	unsigned plan, slot;
	const struct slot *slotp;  /* &its timeline's slots[slot] (sched.c) */
	uint32_t switches;         /* partition switches, for sched_wait */
	uint32_t wall_armed;       /* its partitions whose wall timer may be armed */
	uint64_t next_wall;        /* earliest armed wall timer of those, ~0 = none */
	struct event_timer timer;
	uint32_t started;          /* its schedule runs */
} __attribute__((aligned(64)));

extern struct pcpu pcpus[BH_MAX_CPUS];

/* One CPU: cpu 0's, at a fixed address (a test of one word first). */
static inline struct pcpu *pcpu_this(void)
{
	if (!arch_smp())
		return &pcpus[0];
	return &pcpus[arch_cpu_id()];
}

#define current (pcpu_this()->cur)             /* NULL while the CPU idles */
#define cpu_timer (pcpu_this()->timer)

#endif
