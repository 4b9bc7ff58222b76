/*
 * Unit tests of kernel/core/hmlog.c, the health-monitor log: a source
 * flooding the log cannot erase another source's records (issue 8, defect
 * 7), repeated ignored events coalesce with a count, and a read starting
 * before the oldest record returns each record once (defect 16: reading 16
 * from seq 0 after 70 events returned 6..13 then 8..15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/hmlog.h"

static struct hm_log log;

static int reset(void **state)
{
	memset(&log, 0, sizeof(log));
	return 0;
}

/* One occurrence of event at eip in partition src, with action. */
static uint32_t add(unsigned src, uint8_t event, uint32_t eip, uint8_t action)
{
	struct bh_hm_entry e = { .partition = src, .event = event, .eip = eip,
				 .action = action, .vector = 1, .time_ns = eip };
	uint32_t repeat;

	hmlog_add(&log, src, &e, &repeat);
	return repeat;
}

struct sink {
	struct bh_hm_entry rec[BH_HM_READ_MAX];
	unsigned calls;
};

static void to_sink(void *ctx, unsigned at, const struct bh_hm_entry *e, unsigned n)
{
	struct sink *s = ctx;

	assert_true(at + n <= BH_HM_READ_MAX);
	memcpy(&s->rec[at], e, n * sizeof(*e));
	s->calls++;
}

/* Defect 16: the chunked copy must go on from the last record copied. */
static void test_copy_from_overwritten_no_duplicates(void **state)
{
	static struct sink s;
	unsigned i, n;

	for (i = 0; i < 70; i++)
		add(0, BH_HM_GENERAL_PROTECTION, 0x1000 + i, BH_HM_ACT_RESTART);
	n = hmlog_copy(&log, 16, 0, to_sink, &s);
	assert_int_equal(n, 16);
	assert_true(s.calls >= 2);           /* it went through several chunks */
	for (i = 0; i < n; i++)
		assert_int_equal(s.rec[i].seq, 70 - HM_RING_SIZE + i);
}

/* Every record once, in seq order, across sources and chunks. */
static void test_copy_merges_sources_in_order(void **state)
{
	static struct sink s;
	unsigned i, n;

	for (i = 0; i < 30; i++)
		add(i % 3, BH_HM_PAGE_FAULT, 0x2000 + i, BH_HM_ACT_RESTART);
	n = hmlog_copy(&log, BH_HM_READ_MAX, 5, to_sink, &s);
	assert_int_equal(n, 25);
	for (i = 0; i < n; i++) {
		assert_int_equal(s.rec[i].seq, 5 + i);
		assert_int_equal(s.rec[i].partition, (5 + i) % 3);
	}
	assert_int_equal(hmlog_copy(&log, 4, 30, to_sink, &s), 0);
	assert_int_equal(hmlog_copy(&log, 4, 0xffffffffu, to_sink, &s), 0);
}

/* Defect 7: a flood from one partition leaves another's records alone,
 * and its own losses are counted. */
static void test_flood_keeps_other_sources(void **state)
{
	struct bh_hm_entry out[BH_HM_READ_MAX];
	unsigned i, n, seen = 0;

	add(1, BH_HM_PAGE_FAULT, 0x111, BH_HM_ACT_RESTART);
	add(1, BH_HM_DIVIDE_ERROR, 0x222, BH_HM_ACT_RESTART);
	add(HM_SRC_MODULE, BH_HM_GENERAL_PROTECTION, 0x333, BH_HM_ACT_HALT);
	for (i = 0; i < 3000; i++)             /* single-stepping, each eip new */
		add(0, BH_HM_DEBUG_TRAP, 0x400000 + i, BH_HM_ACT_IGNORE);
	n = hmlog_read(&log, out, BH_HM_READ_MAX, 0);
	assert_int_equal(n, BH_HM_READ_MAX);
	for (i = 0; i < n; i++)
		seen += out[i].partition != 0;
	assert_int_equal(seen, 3);
	assert_int_equal(out[0].eip, 0x111);
	assert_int_equal(out[1].eip, 0x222);
	assert_int_equal(out[2].eip, 0x333);
	assert_int_equal(out[3].eip, 0x400000 + 3000 - HM_RING_SIZE);
	assert_int_equal(log.ring[0].stats.events, 3000);
	assert_int_equal(log.ring[0].stats.records, 3000);
	assert_int_equal(log.ring[0].stats.dropped, 3000 - HM_RING_SIZE);
	assert_int_equal(log.ring[1].stats.dropped, 0);
	assert_int_equal(log.ring[1].stats.records, 2);
}

/* The same ignored trap again and again: one record with its count, moved
 * to the newest seq each time so a polling reader sees the count grow. */
static void test_repeats_coalesce(void **state)
{
	struct bh_hm_entry out[4];
	unsigned i;

	add(2, BH_HM_PAGE_FAULT, 0x50, BH_HM_ACT_RESTART);
	for (i = 0; i < 1000; i++)
		assert_int_equal(add(2, BH_HM_DEBUG_TRAP, 0x60, BH_HM_ACT_IGNORE), i ? i + 1 : 0);
	assert_int_equal(hmlog_read(&log, out, 4, 0), 2);
	assert_int_equal(out[0].eip, 0x50);
	assert_int_equal(out[1].eip, 0x60);
	assert_int_equal(out[1].count, 1000);
	assert_int_equal(out[1].seq, 1000);
	assert_int_equal(out[1].time_ns, 0x60);
	assert_int_equal(log.ring[2].stats.events, 1001);
	assert_int_equal(log.ring[2].stats.records, 2);
	assert_int_equal(log.ring[2].stats.coalesced, 999);
	assert_int_equal(hmlog_read(&log, out, 4, 1000), 1);
	assert_int_equal(hmlog_read(&log, out, 4, 1001), 0);
}

/* Single-stepping a short loop: a cycle of eips coalesces too. */
static void test_loop_coalesces(void **state)
{
	struct bh_hm_entry out[8];
	unsigned i, n;

	for (i = 0; i < 300; i++)
		add(0, BH_HM_DEBUG_TRAP, 0x70 + i % 3, BH_HM_ACT_IGNORE);
	n = hmlog_read(&log, out, 8, 0);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i].count, 100);
	assert_true(out[0].seq < out[1].seq && out[1].seq < out[2].seq);
}

/* A fault that restarts the partition is an incident of its own, even at
 * the same place: never folded into the previous one. */
static void test_restarts_not_coalesced(void **state)
{
	unsigned i;

	for (i = 0; i < 5; i++)
		assert_int_equal(add(0, BH_HM_DIVIDE_ERROR, 0x80, BH_HM_ACT_RESTART), 0);
	assert_int_equal(log.ring[0].stats.records, 5);
	assert_int_equal(log.ring[0].stats.coalesced, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_copy_from_overwritten_no_duplicates, reset),
		cmocka_unit_test_setup(test_copy_merges_sources_in_order, reset),
		cmocka_unit_test_setup(test_flood_keeps_other_sources, reset),
		cmocka_unit_test_setup(test_repeats_coalesce, reset),
		cmocka_unit_test_setup(test_loop_coalesces, reset),
		cmocka_unit_test_setup(test_restarts_not_coalesced, reset),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
