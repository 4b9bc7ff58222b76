/*
 * The clock tick and the watchdog list.
 *
 * Time is counted in ticks since rtos_start: tick k is the instant
 * epoch_ns + k * tick_ns on the wall clock.  The tick interrupt comes from
 * a periodic wall-clock virtual timer.  While the partition is out of its
 * window the kernel keeps only one pending timer interrupt however many
 * periods pass, so the interrupt count says little; the tick handler
 * therefore reads the wall clock and announces every tick boundary that has
 * passed (clock_catch_up).  The tick count thus never lags the wall clock
 * by more than the time until the partition next runs, and a delay of n
 * ticks ends at the first announcement at or after its deadline.
 *
 * Watchdogs (delays, timeouts, period ends) are kept sorted by expiry tick;
 * a late announcement fires all that have expired in order, including the
 * ones re-armed by an earlier firing in the same pass.
 */
#include "score.h"

struct rtos_clock rtos_clock;

void clock_init(uint64_t epoch_ns, uint64_t tick_ns)
{
	rtos_clock.ticks = 0;
	rtos_clock.tick_ns = tick_ns;
	rtos_clock.epoch_ns = epoch_ns;
	rtos_clock.next_tick_ns = epoch_ns + tick_ns;
	rtos_clock.late_ticks = 0;
	rtos_clock.hook = NULL;
	chain_init(&rtos_clock.watchdogs);
}

int watchdog_is_armed(const struct rtos_watchdog *wd)
{
	return !node_is_off_chain(&wd->node);
}

void watchdog_arm(struct rtos_watchdog *wd, uint64_t expire)
{
	struct rtos_node *n;

	if (watchdog_is_armed(wd))
		watchdog_disarm(wd);
	wd->expire = expire;
	/* Search from the tail: new timers mostly expire after the armed ones. */
	for (n = rtos_clock.watchdogs.head.prev; n != &rtos_clock.watchdogs.head;
	     n = n->prev) {
		if (RTOS_CONTAINER_OF(n, struct rtos_watchdog, node)->expire <= expire)
			break;
	}
	chain_insert_before(n->next, &wd->node);
}

void watchdog_disarm(struct rtos_watchdog *wd)
{
	if (watchdog_is_armed(wd))
		chain_extract(&wd->node);
}

int watchdog_next_expire(uint64_t *expire)
{
	struct rtos_node *n = chain_first(&rtos_clock.watchdogs);

	if (!n)
		return 0;
	*expire = RTOS_CONTAINER_OF(n, struct rtos_watchdog, node)->expire;
	return 1;
}

static void fire_expired(void)
{
	struct rtos_node *n;
	struct rtos_watchdog *wd;

	while ((n = chain_first(&rtos_clock.watchdogs)) != NULL) {
		wd = RTOS_CONTAINER_OF(n, struct rtos_watchdog, node);
		if (wd->expire > rtos_clock.ticks)
			break;
		chain_extract(n);
		wd->fire(wd);
	}
}

void clock_announce(uint64_t n)
{
	if (!n)
		return;
	rtos_clock.ticks += n;
	rtos_clock.late_ticks += n - 1;
	fire_expired();
	sched_tick(n);
	if (rtos_clock.hook)
		rtos_clock.hook(rtos_clock.ticks);
}

/*
 * A timer interrupt may be taken a little before the tick boundary as
 * this clock reads it (kernel timer granularity); accept 1/16 of a tick
 * early rather than miss the tick until the next interrupt.  The boundaries
 * themselves stay on the grid, so this never accumulates.
 */
uint64_t clock_catch_up(uint64_t now_ns)
{
	uint64_t slack = rtos_clock.tick_ns / 16;
	uint64_t n;

	if (now_ns + slack < rtos_clock.next_tick_ns)
		return 0;
	n = (now_ns + slack - rtos_clock.next_tick_ns) / rtos_clock.tick_ns + 1;
	rtos_clock.next_tick_ns += n * rtos_clock.tick_ns;
	clock_announce(n);
	return n;
}

/* The first tick whose instant is at or after wall_ns. */
uint64_t clock_ticks_at_or_after(uint64_t wall_ns)
{
	uint64_t d;

	if (wall_ns <= rtos_clock.epoch_ns)
		return 0;
	d = wall_ns - rtos_clock.epoch_ns;
	return (d + rtos_clock.tick_ns - 1) / rtos_clock.tick_ns;
}

/* ------------------------------------------------------------- the API -- */

rtos_interval rtos_clock_get_ticks_since_boot(void)
{
	return (rtos_interval)rtos_clock.ticks;
}

uint64_t rtos_clock_get_ticks64(void)
{
	uint64_t t;
	unsigned level = rtos_arch_isr_disable();

	t = rtos_clock.ticks;   /* two words: read them together */
	rtos_arch_isr_restore(level);
	return t;
}

uint32_t rtos_clock_get_ticks_per_second(void)
{
	return rtos_clock.tick_ns ? (uint32_t)(1000000000u / rtos_clock.tick_ns) : 0;
}

uint64_t rtos_clock_tick_ns(void)
{
	return rtos_clock.tick_ns;
}

uint64_t rtos_clock_epoch_ns(void)
{
	return rtos_clock.epoch_ns;
}

uint64_t rtos_clock_now_ns(void)
{
	return rtos_arch_now_ns();
}

void rtos_clock_set_tick_hook(rtos_tick_hook hook)
{
	unsigned level = rtos_arch_isr_disable();

	rtos_clock.hook = hook;
	rtos_arch_isr_restore(level);
}

uint64_t rtos_clock_late_ticks(void)
{
	return rtos_clock.late_ticks;
}
