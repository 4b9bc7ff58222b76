/*
 * Unit tests of kernel/include/core/vlines.h: the pending word, the fixed
 * delivery order, the per-line counters of the shared vCPU page, and the
 * virtual timer's expiry arithmetic.  Several cases check a defect the
 * seed designs had (anchors.md, POK defects 6-7): loops stopping at 15
 * lines, pending never cleared, 8-bit counters, interrupts lost instead of
 * coalesced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/vlines.h"

static struct bh_vcpu_info page;
static uint32_t pending, attached;

static int reset(void **state)
{
	memset(&page, 0, sizeof(page));
	pending = attached = 0;
	return 0;
}

/* Deliver the next line as vcpu_deliver does; returns it. */
static unsigned deliver(void)
{
	unsigned line = vlines_next(pending);

	pending &= ~(1u << line);
	vlines_delivered(&page, pending, line);
	return line;
}

static void test_unattached_counted_not_pending(void **state)
{
	vlines_raise(&page, &pending, &attached, 5);
	assert_int_equal(page.raised[5], 1);
	assert_int_equal(pending, 0);
	assert_int_equal(page.pending, 0);
	assert_int_equal(page.upcall_pending, 0);
}

static void test_attached_pending_and_published(void **state)
{
	attached = 1u << BH_VIRQ_TIMER;
	vlines_raise(&page, &pending, &attached, BH_VIRQ_TIMER);
	assert_int_equal(pending, 1u << BH_VIRQ_TIMER);
	assert_int_equal(page.pending, 1u << BH_VIRQ_TIMER);
	assert_int_equal(page.upcall_pending, 1);
	assert_int_equal(page.raised[BH_VIRQ_TIMER], 1);
	assert_int_equal(page.delivered[BH_VIRQ_TIMER], 0);
}

/* Occurrences while pending coalesce: all counted, one delivery. */
static void test_coalesced(void **state)
{
	int i;

	attached = 1u << 3;
	for (i = 0; i < 5; i++)
		vlines_raise(&page, &pending, &attached, 3);
	assert_int_equal(deliver(), 3);
	assert_int_equal(page.raised[3], 5);
	assert_int_equal(page.delivered[3], 1);
	assert_int_equal(pending, 0);
	assert_int_equal(page.upcall_pending, 0);
}

/* Lowest line first, whatever the order they arrived in; the guest's
 * "anything pending" stays set until the last one is taken. */
static void test_lowest_first(void **state)
{
	static const unsigned arrive[] = { 31, 17, 16, 3, 0 };
	static const unsigned order[] = { 0, 3, 16, 17, 31 };
	unsigned i;

	attached = ~0u;
	for (i = 0; i < 5; i++)
		vlines_raise(&page, &pending, &attached, arrive[i]);
	for (i = 0; i < 5; i++) {
		assert_int_equal(page.upcall_pending, 1);
		assert_int_equal(deliver(), order[i]);
		assert_int_equal(page.pending, pending);
	}
	assert_int_equal(page.upcall_pending, 0);
}

/* Every one of the 32 lines can be raised and delivered (POK stopped at 15). */
static void test_all_lines(void **state)
{
	unsigned line;

	attached = ~0u;
	for (line = 0; line < BH_NR_VLINES; line++)
		vlines_raise(&page, &pending, &attached, line);
	assert_int_equal(pending, 0xffffffffu);
	for (line = 0; line < BH_NR_VLINES; line++)
		assert_int_equal(deliver(), line);
	for (line = 0; line < BH_NR_VLINES; line++)
		assert_int_equal(page.delivered[line], 1);
}

/* Counters are 32 bits (POK's were 8) and wrap, as documented. */
static void test_counter_width(void **state)
{
	page.raised[7] = 0xff;
	vlines_raise(&page, &pending, &attached, 7);
	assert_int_equal(page.raised[7], 0x100);
	page.raised[7] = 0xffffffffu;
	vlines_raise(&page, &pending, &attached, 7);
	assert_int_equal(page.raised[7], 0);
}

static void test_timer_not_due(void **state)
{
	assert_false(vtimer_due(0, 12345));              /* disarmed */
	assert_false(vtimer_due(1000, 999));
	assert_true(vtimer_due(1000, 1000));
	assert_true(vtimer_due(1000, 5000));
}

static void test_oneshot_disarms(void **state)
{
	uint64_t deadline = 1000;

	assert_int_equal(vtimer_advance(&deadline, 0, 1700), 0);
	assert_int_equal(deadline, 0);
	assert_false(vtimer_due(deadline, 100000));
}

/* Looked at on every tick (ticks finer than the period): each expiry on
 * the grid first + k * period, none missed, no drift from tick jitter. */
static void test_periodic_no_drift(void **state)
{
	const uint64_t first = 1000, period = 300, tick = 97;
	uint64_t deadline = first, now, last = 0, k = 0;

	for (now = 0; now < 100000; now += tick) {
		last = now;
		if (!vtimer_due(deadline, now))
			continue;
		assert_true(deadline == first + k * period);
		assert_true(now - deadline < tick);
		assert_int_equal(vtimer_advance(&deadline, period, now), 0);
		k++;
	}
	assert_true(k == (last - first) / period + 1);     /* every expiry seen */
}

/* A gap of several periods: each expiry passed is counted, and the next
 * deadline stays on the grid. */
static void test_missed_periods(void **state)
{
	uint64_t deadline = 1000;

	assert_true(vtimer_due(deadline, 1450));
	/* 1000 is the expiry being raised; 1100..1400 passed unseen. */
	assert_int_equal(vtimer_advance(&deadline, 100, 1450), 4);
	assert_int_equal(deadline, 1500);
	/* Exactly on a grid point: that expiry has come due too. */
	deadline = 1000;
	assert_int_equal(vtimer_advance(&deadline, 100, 1100), 1);
	assert_int_equal(deadline, 1200);
	/* Just before the next one: nothing missed. */
	deadline = 1000;
	assert_int_equal(vtimer_advance(&deadline, 100, 1099), 0);
	assert_int_equal(deadline, 1100);
}

/* Issue 8, defect 15: a period near 2^64 wrapped the deadline addition,
 * so a timer meant to fire in centuries fired on every tick. */
static void test_huge_period_saturates(void **state)
{
	uint64_t deadline = 1000, period = UINT64_MAX - 10;

	assert_int_equal(vtimer_advance(&deadline, period, 1000), 0);
	assert_true(deadline == VTIMER_NEVER);
	assert_false(vtimer_due(deadline, 1000));
	assert_false(vtimer_due(deadline, (uint64_t)1 << 63));
	/* Already at the end: stays there. */
	assert_int_equal(vtimer_advance(&deadline, 50000, 2000), 0);
	assert_true(deadline == VTIMER_NEVER);
	/* The catch-up addition after a gap saturates too. */
	deadline = 1000;
	period = (uint64_t)1 << 62;
	assert_int_equal(vtimer_advance(&deadline, period, 3 * period + 2000), 3);
	assert_true(deadline == VTIMER_NEVER);
}

/* More missed periods than a 32-bit count holds: it stops at the top,
 * it does not wrap to a small number. */
static void test_missed_count_saturates(void **state)
{
	uint64_t deadline = 1, period = 50000, now = (uint64_t)1 << 62;

	assert_int_equal(vtimer_advance(&deadline, period, now), 0xffffffffu);
	assert_true(deadline > now && deadline - now <= period);
	assert_true((deadline - 1) % period == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unattached_counted_not_pending, reset),
		cmocka_unit_test_setup(test_attached_pending_and_published, reset),
		cmocka_unit_test_setup(test_coalesced, reset),
		cmocka_unit_test_setup(test_lowest_first, reset),
		cmocka_unit_test_setup(test_all_lines, reset),
		cmocka_unit_test_setup(test_counter_width, reset),
		cmocka_unit_test_setup(test_timer_not_due, reset),
		cmocka_unit_test_setup(test_oneshot_disarms, reset),
		cmocka_unit_test_setup(test_periodic_no_drift, reset),
		cmocka_unit_test_setup(test_missed_periods, reset),
		cmocka_unit_test_setup(test_huge_period_saturates, reset),
		cmocka_unit_test_setup(test_missed_count_saturates, reset),
	};

	return cmocka_run_group_tests_name("vlines", tests, NULL, NULL);
}
