/*
 * Helpers shared by the virq-test cases: a counting handler, bounded
 * waits, and the clean state every case starts from.
 */
#include "virq.h"

volatile uint32_t hits[BH_NR_VLINES];

void count_handler(unsigned line, void *arg)
{
	if (line < BH_NR_VLINES)
		hits[line]++;
}

int wait_change(volatile uint32_t *counter, uint32_t from, uint64_t limit_ns)
{
	uint64_t end = bh_now_ns() + limit_ns;

	while (*counter == from)
		if (bh_now_ns() > end)
			return *counter != from;
	return 1;
}

void spin_ns(uint64_t ns)
{
	uint64_t end = bh_now_ns() + ns;

	while (bh_now_ns() < end)
		;
}

uint64_t next_window(void)
{
	bh_yield();
	return bh_vcpu->window_start_ns;
}

/* Back to the state main starts in: disabled, no timer, no line, no hook. */
static void clean_state(void)
{
	static const unsigned lines[] = { COM2_LINE, BH_VIRQ_TIMER, BH_VIRQ_WINDOW };
	unsigned i;

	bh_virq_disable();
	bh_timer_cancel(BH_CLOCK_WALL);
	bh_virq_set_exit_hook(0);
	bh_outb(COM2_PORT + 1, 0);              /* IER: no UART interrupt */
	for (i = 0; i < ARRAY_LEN(lines); i++)
		if (bh_vcpu->attached & (1u << lines[i]))
			bh_virq_unregister(lines[i]);
	virq_loop_stop = 0;
}

void virq_suite(const char *suite)
{
	bh_test_suite(suite, clean_state, clean_state);
}
