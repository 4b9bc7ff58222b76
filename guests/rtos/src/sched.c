/*
 * Preemptive fixed-priority scheduling.  One FIFO chain per priority and a
 * two-level bitmap of non-empty chains, so finding the highest-priority
 * ready thread is two bit scans whatever the number of threads.
 *
 * The executing thread stays on its ready chain while it runs (as in
 * RTEMS): a thread preempted by a higher one therefore resumes before its
 * equals, and round-robin is just "move the executing thread to the tail".
 */
#include "score.h"

struct rtos_scheduler rtos_sched;

void sched_init(uint32_t timeslice_ticks)
{
	unsigned i;

	for (i = 0; i < RTOS_PRIORITY_LEVELS; i++)
		chain_init(&rtos_sched.ready[i]);
	for (i = 0; i < sizeof(rtos_sched.minor) / sizeof(rtos_sched.minor[0]); i++)
		rtos_sched.minor[i] = 0;
	rtos_sched.major = 0;
	rtos_sched.executing = NULL;
	rtos_sched.heir = NULL;
	rtos_sched.timeslice_ticks = timeslice_ticks;
	rtos_sched.started = 0;
	rtos_sched.switches = 0;
}

static void bitmap_set(unsigned prio)
{
	rtos_sched.minor[prio / 32] |= 1u << (prio % 32);
	rtos_sched.major |= 1u << (prio / 32);
}

static void bitmap_clear(unsigned prio)
{
	rtos_sched.minor[prio / 32] &= ~(1u << (prio % 32));
	if (!rtos_sched.minor[prio / 32])
		rtos_sched.major &= ~(1u << (prio / 32));
}

struct rtos_tcb *sched_highest(void)
{
	unsigned word, prio;

	if (!rtos_sched.major)
		return NULL;
	word = (unsigned)__builtin_ctz(rtos_sched.major);
	prio = word * 32 + (unsigned)__builtin_ctz(rtos_sched.minor[word]);
	return RTOS_CONTAINER_OF(chain_first(&rtos_sched.ready[prio]),
				 struct rtos_tcb, node);
}

static void update_heir(void)
{
	rtos_sched.heir = sched_highest();
}

void sched_add(struct rtos_tcb *t, int at_head)
{
	struct rtos_chain *c = &rtos_sched.ready[t->current_priority];

	if (at_head)
		chain_prepend(c, &t->node);
	else
		chain_append(c, &t->node);
	bitmap_set(t->current_priority);
	update_heir();
}

void sched_remove(struct rtos_tcb *t)
{
	chain_extract(&t->node);
	if (chain_is_empty(&rtos_sched.ready[t->current_priority]))
		bitmap_clear(t->current_priority);
	update_heir();
}

void sched_yield(struct rtos_tcb *t)
{
	if (t->state != TS_READY)
		return;
	chain_extract(&t->node);
	chain_append(&rtos_sched.ready[t->current_priority], &t->node);
	update_heir();
}

/*
 * A switch is due when the heir is someone else and the executing thread
 * either cannot run on (it blocked) or may be preempted.
 */
int sched_dispatch_needed(void)
{
	struct rtos_tcb *exec = rtos_sched.executing;

	if (!rtos_sched.started || rtos_sched.heir == exec)
		return 0;
	return exec->state != TS_READY || !(exec->modes & RTOS_NO_PREEMPT);
}

/*
 * Round-robin: a time-sliced thread that used up its quantum goes behind
 * its equals.  n > 1 when ticks were announced late (the partition was
 * out of its window): that time counts against the quantum too, since the
 * thread held the processor for the whole stretch as far as its peers can
 * tell.
 */
void sched_tick(uint64_t n)
{
	struct rtos_tcb *t = rtos_sched.executing;

	if (!t || t->state != TS_READY || !(t->modes & RTOS_TIMESLICE) ||
	    (t->modes & RTOS_NO_PREEMPT))
		return;
	if (n >= (uint64_t)t->timeslice_left) {
		t->timeslice_left = (int32_t)rtos_sched.timeslice_ticks;
		sched_yield(t);
	} else {
		t->timeslice_left -= (int32_t)n;
	}
}

/*
 * Tasks have no guard page (they share the partition's memory), so check
 * the outgoing task's stack canary at every switch: an overflow is caught
 * at the latest when its task next gives up the processor.
 */
struct rtos_tcb *sched_take_heir(void)
{
	struct rtos_tcb *t = rtos_sched.heir;

	if (rtos_sched.executing && !task_stack_intact(rtos_sched.executing))
		rtos_arch_fatal(RTOS_INTERNAL_ERROR, "task stack overflow");

	rtos_sched.executing = t;
	t->timeslice_left = (int32_t)rtos_sched.timeslice_ticks;
	rtos_sched.switches++;
	return t;
}

void rtos_dispatch(void)
{
	struct rtos_tcb *from;

	if (rtos_arch_in_isr() || !sched_dispatch_needed())
		return;
	from = rtos_sched.executing;
	rtos_arch_context_switch(from, sched_take_heir());
}

struct rtos_tcb *rtos_dispatch_from_isr(void)
{
	if (!sched_dispatch_needed())
		return NULL;
	return sched_take_heir();
}
