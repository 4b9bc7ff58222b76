/*
 * Host unit tests of the software IDT (kernel/core/irq.c) and the time
 * base (kernel/core/time.c), linked against fake arch hooks that record
 * what the core asked of the interrupt controller.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/errno.h>
#include "core/irq.h"
#include "core/partition.h"
#include "core/time.h"
#include "arch/pic.h"        /* the x86 rule under test (pure) */

/* ---- fake arch hooks ---- */
static uint16_t fake_mask = 0xffff, fake_isr;
static int eoi_master, eoi_slave;
static uint32_t fake_counts;
/* Routed lines are raised straight into the subscribers' vCPUs (inline
 * vcpu_raise): each occurrence is counted in the shared page, and pending
 * where attached. */
struct partition partitions[BH_MAX_PARTITIONS];
static struct bh_vcpu_info shared[BH_MAX_PARTITIONS];
#define raised_to(p, line) (shared[p].raised[line])

void arch_irq_mask(unsigned line) { fake_mask |= (uint16_t)(1u << line); }
void arch_irq_unmask(unsigned line) { fake_mask &= (uint16_t)~(1u << line); }
int arch_irq_masked(unsigned line) { return (fake_mask >> line) & 1; }
/* The routed path asks the arch; here the arch is the real 8259 rule
 * over a fake in-service register. */
enum irq_eoi fake_eoi_for(unsigned line, int *spurious);
enum irq_eoi fake_eoi_for(unsigned line, int *spurious)
{
	return pic_eoi_for(line, (line == 7 || line == 15) ? fake_isr : (uint16_t)(1u << line),
			   spurious);
}
void arch_idle(void) {}
unsigned arch_rtc_seconds(void) { return 0; }
void arch_irq_eoi(enum irq_eoi how)
{
	if (how == EOI_BOTH)
		eoi_slave++;
	if (how != EOI_NONE)
		eoi_master++;
}
uint32_t arch_timer_counts_since_tick(void) { return fake_counts; }
static unsigned boundary_reads;        /* the tick's reads of the timer */
uint32_t arch_timer_counts_since_boundary(void) { boundary_reads++; return fake_counts; }
/* The free-running counter: none (0) unless a test sets a rate. */
static uint64_t fake_cycles, fake_cpc_q16;
uint64_t arch_cycles(void) { return fake_cycles; }
uint64_t arch_cycles_per_count_q16(uint32_t divisor) { return fake_cpc_q16; }

static unsigned handled;
static void handler(unsigned line, void *arg) { handled++; (void)line; (void)arg; }

static int setup(void **state)
{
	fake_cycles = fake_cpc_q16 = fake_counts = 0;
	boundary_reads = 0;
	irq_reset();
	fake_mask = 0xffff;
	fake_isr = 0;
	eoi_master = eoi_slave = 0;
	handled = 0;
	memset(partitions, 0, sizeof(partitions));
	memset(shared, 0, sizeof(shared));
	for (unsigned p = 0; p < BH_MAX_PARTITIONS; p++) {
		partitions[p].vcpu.shared = &shared[p];
		partitions[p].vcpu.attached = 1u << 3;   /* line 3 only */
	}
	(void)state;
	return 0;
}

static void test_spurious_irq7_gets_no_eoi(void **state)
{
	int spurious;

	assert_int_equal(pic_eoi_for(7, 0x0000, &spurious), EOI_NONE);
	assert_true(spurious);
	assert_int_equal(pic_eoi_for(7, 0x0080, &spurious), EOI_MASTER);
	assert_false(spurious);
	(void)state;
}

static void test_spurious_irq15_gets_master_eoi_only(void **state)
{
	int spurious;

	assert_int_equal(pic_eoi_for(15, 0x0004, &spurious), EOI_MASTER);
	assert_true(spurious);
	assert_int_equal(pic_eoi_for(15, 0x8004, &spurious), EOI_BOTH);
	assert_false(spurious);
	(void)state;
}

static void test_ordinary_lines_eoi(void **state)
{
	int spurious;

	assert_int_equal(pic_eoi_for(3, 0, &spurious), EOI_MASTER);
	assert_false(spurious);
	assert_int_equal(pic_eoi_for(12, 0, &spurious), EOI_BOTH);
	(void)state;
}

static void test_spurious_dispatch_is_counted_not_handled(void **state)
{
	irq_set_handler(7, handler, NULL);
	fake_isr = 0;
	irq_dispatch(7);
	assert_int_equal(irq_lines[7].spurious, 1);
	assert_int_equal(irq_lines[7].raised, 0);
	assert_int_equal(handled, 0);
	assert_int_equal(eoi_master, 0);
	(void)state;
}

static void test_kernel_handler_runs_after_eoi(void **state)
{
	irq_set_handler(0, handler, NULL);
	assert_false(arch_irq_masked(0));
	irq_dispatch(0);
	assert_int_equal(handled, 1);
	assert_int_equal(eoi_master, 1);
	assert_int_equal(irq_lines[0].raised, 1);
	(void)state;
}

static void test_routed_line_masked_until_every_subscriber_acks(void **state)
{
	assert_int_equal(irq_subscribe(3, 1), 0);
	assert_int_equal(irq_subscribe(3, 5), 0);
	assert_int_equal(irq_subscribe(3, 5), -BH_EBUSY);
	assert_false(arch_irq_masked(3));
	irq_dispatch(3);
	assert_int_equal(raised_to(1, 3), 1);
	assert_int_equal(raised_to(5, 3), 1);
	assert_int_equal(raised_to(0, 3), 0);
	assert_int_equal(partitions[1].vcpu.pending, 1u << 3);
	assert_int_equal(shared[5].pending, 1u << 3);
	assert_int_equal(partitions[0].vcpu.pending, 0);
	assert_true(arch_irq_masked(3));
	assert_int_equal(eoi_master, 1);
	assert_int_equal(irq_ack(3, 1), 0);
	assert_true(arch_irq_masked(3));            /* partition 5 has not acked */
	assert_int_equal(irq_ack(3, 5), 0);
	assert_false(arch_irq_masked(3));
	assert_int_equal(irq_ack(3, 2), -BH_EPERM);  /* not a subscriber */
	(void)state;
}

/* One subscriber (the fast path of irq_dispatch): the same masking,
 * EOI and raise; a spurious IRQ 7 on a routed line raises nothing. */
static void test_single_subscriber_routed(void **state)
{
	assert_int_equal(irq_subscribe(3, 2), 0);
	irq_dispatch(3);
	assert_int_equal(raised_to(2, 3), 1);
	assert_int_equal(partitions[2].vcpu.pending, 1u << 3);
	assert_int_equal(shared[2].upcall_pending, 1);
	assert_true(arch_irq_masked(3));
	assert_int_equal(eoi_master, 1);
	assert_int_equal(eoi_slave, 0);
	assert_int_equal(irq_lines[3].raised, 1);
	assert_int_equal(irq_lines[3].routed, 1);
	assert_int_equal(irq_lines[3].awaiting_ack, 1u << 2);
	assert_int_equal(irq_ack(3, 2), 0);
	assert_false(arch_irq_masked(3));

	partitions[4].vcpu.attached = 1u << 7;
	assert_int_equal(irq_subscribe(7, 4), 0);
	fake_isr = 0;
	irq_dispatch(7);
	assert_int_equal(irq_lines[7].spurious, 1);
	assert_int_equal(irq_lines[7].raised, 0);
	assert_int_equal(raised_to(4, 7), 0);
	assert_int_equal(partitions[4].vcpu.pending, 0);
	assert_false(arch_irq_masked(7));
	assert_int_equal(eoi_master, 1);

	assert_int_equal(irq_subscribe(12, 6), 0);  /* slave: both EOIs */
	irq_dispatch(12);
	assert_int_equal(raised_to(6, 12), 1);
	assert_int_equal(eoi_slave, 1);
	assert_int_equal(eoi_master, 2);
	(void)state;
}

static void test_unsubscribe_of_last_ack_opens_line(void **state)
{
	irq_subscribe(10, 0);
	irq_subscribe(10, 1);
	irq_dispatch(10);
	irq_ack(10, 0);
	assert_true(arch_irq_masked(10));
	irq_unsubscribe(10, 1);                      /* gone: no longer awaited */
	assert_false(arch_irq_masked(10));
	irq_unsubscribe(10, 0);
	assert_true(arch_irq_masked(10));            /* nobody wants it */
	(void)state;
}

static void test_bad_arguments(void **state)
{
	assert_int_equal(irq_set_handler(16, handler, NULL), -BH_EINVAL);
	assert_int_equal(irq_subscribe(16, 0), -BH_EINVAL);
	assert_int_equal(irq_subscribe(0, 32), -BH_EINVAL);
	assert_int_equal(irq_unsubscribe(4, 0), -BH_ENOENT);
	(void)state;
}

/* Issue 9: the timer's own entry (the arch has sent the EOI): counted and
 * handled, nothing asked of the controller. */
static void test_irq_tick_counts_and_handles(void **state)
{
	handled = 0;
	assert_int_equal(irq_set_handler(BH_IRQ_TIMER, handler, 0), 0);
	irq_tick();
	irq_tick();
	assert_int_equal(handled, 2);
	assert_int_equal(irq_lines[BH_IRQ_TIMER].raised, 2);
	assert_int_equal(eoi_master + eoi_slave, 0);
	(void)state;
}

static void test_time_ticks_do_not_drift(void **state)
{
	unsigned i;

	time_init(time_divisor_for_hz(1000));
	assert_int_equal(timebase.period_counts, 1193);
	for (i = 0; i < 1193182; i++)
		time_tick();
	/* 1193182 ticks of 1193 counts each are exactly 1193 s. */
	assert_true(timebase.tick_ns == 1193000000000ull);
	(void)state;
}

static void test_time_subtick_and_monotonic(void **state)
{
	uint64_t a, b;

	time_init(1193);
	fake_counts = 0;
	a = time_now_ns();
	fake_counts = 596;
	b = time_now_ns();
	assert_true(b - a > 499000 && b - a < 500000);
	fake_counts = 10;                            /* a reading that went back */
	assert_true(time_now_ns() >= b);
	assert_true(time_counts_to_ns(1193182) / 1000 == 999999 ||
		    time_counts_to_ns(1193182) / 1000 == 1000000);
	(void)state;
}

/*
 * The counter-to-ns conversion is exact (floor) over its whole domain,
 * counts < 2^17: a 2^12-scaled 838.0953 ns a count (rounded up) ran up
 * to 7 ns ahead, so a reading late in a tick could pass the time the
 * next tick stands for.
 */
static void test_counts_to_ns_exact(void **state)
{
	uint32_t c;

	for (c = 0; c < (1u << 17); c++) {
		uint64_t want = (uint64_t)c * 1000000000u / BH_TIMER_INPUT_HZ;
		uint64_t got = time_counts_to_ns(c);

		if (got != want)
			fail_msg("%u counts: %llu ns, exactly %llu ns", c,
				 (unsigned long long)got, (unsigned long long)want);
	}
	(void)state;
}

/*
 * Issue 8, defect 4: ticks held off by interrupts being off must not lose
 * time.  2 cycles per count, 1193 counts (2386 cycles) per period; each
 * tick is handled a little late, and one only after 4 lost periods.
 */
static void tick_at(uint64_t boundary, uint32_t late_counts)
{
	fake_counts = late_counts;
	fake_cycles = boundary + 2 * late_counts;
	time_tick();
}

static void test_time_recovers_lost_ticks(void **state)
{
	const uint64_t p = 2386, b0 = 100000;

	fake_cpc_q16 = 2ull << 16;
	time_init(1193);
	assert_true(timebase.cyc_per_period == p);
	tick_at(b0, 30);
	tick_at(b0 + p, 400);                        /* late but not lost */
	tick_at(b0 + 2 * p, 5);
	assert_true(timebase.ticks == 3 && timebase.recovered == 0);
	tick_at(b0 + 7 * p, 700);                    /* 4 ticks lost */
	assert_true(timebase.ticks == 8);
	assert_true(timebase.recovered == 4);
	/* 8 periods of 1193 counts: 8 * 999847.6... ns, rounded down. */
	assert_true(timebase.tick_ns == 8 * 1193 * 1000000000ull / 1193182);
	/* A pending tick that a late reading already accounted: nothing more. */
	tick_at(b0 + 7 * p, 10);
	assert_true(timebase.ticks == 8);
	(void)state;
}

/*
 * Issue 9: the tick's division-free common case (one period) must agree
 * with time_periods_between at the rounding edges: a gap of P/2 .. 3P/2 - 1
 * cycles is one period, 3P/2 is two.
 */
static void test_time_one_period_fast_path_edges(void **state)
{
	const uint64_t p = 2386, b0 = 100000;
	const uint64_t gaps[] = { p / 2, p / 2 + 1, p, 3 * p / 2 - 1, 3 * p / 2,
				  2 * p, p / 2 - 1 };
	unsigned i;

	for (i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++) {
		uint64_t t0, want = time_periods_between(b0, b0 + gaps[i], p);

		fake_cpc_q16 = 2ull << 16;
		time_init(1193);
		tick_at(b0, 0);
		tick_at(b0 + p, 0);                  /* last_n = 1: no fallback */
		/* The anchored path's rounding is the subject: a timer whose
		 * boundaries are not P apart is no steady 8254, which the
		 * counter-alone path assumes (test below). */
		timebase.anchor_left = 0;
		t0 = timebase.ticks;
		tick_at(b0 + p + gaps[i], 0);
		if (want)
			assert_true(timebase.ticks - t0 == want);
		assert_true(timebase.cyc_per_period == p || !want);
	}
	(void)state;
}

/*
 * Issue 9: most ticks do not read the timer.  After an anchored tick,
 * TIME_ANCHOR_TICKS ticks that each come within the period after the
 * expected boundary are accounted from the counter alone; the next one
 * reads the timer again.  A tick late by more than a period falls back to
 * the timer and recovers the periods lost; the clock stays exact.
 */
static void test_time_counter_alone_between_anchors(void **state)
{
	const uint64_t p = 2386, b0 = 100000;
	uint64_t b;
	unsigned i;

	fake_cpc_q16 = 2ull << 16;
	time_init(1193);
	tick_at(b0, 3);
	tick_at(b0 + p, 3);
	assert_int_equal(boundary_reads, 2);
	for (i = 0, b = b0 + 2 * p; i < TIME_ANCHOR_TICKS; i++, b += p)
		tick_at(b, 100 + i);                 /* late by 100+ counts, < P */
	assert_int_equal(boundary_reads, 2);
	assert_true(timebase.ticks == 2 + TIME_ANCHOR_TICKS);
	assert_true(timebase.last_boundary == b - p);
	tick_at(b, 7);                               /* anchored again */
	assert_int_equal(boundary_reads, 3);
	b += p;
	tick_at(b, 0);
	assert_int_equal(boundary_reads, 3);
	/* Three periods whose ticks were lost: the timer decides. */
	b += 4 * p;
	tick_at(b, 20);
	assert_int_equal(boundary_reads, 4);
	assert_true(timebase.recovered == 3);
	assert_true(timebase.ticks == 2 + TIME_ANCHOR_TICKS + 6);
	assert_true(timebase.tick_ns == timebase.ticks * 1193 * 1000000000ull / 1193182);
	/* A tick that is early by the counter (it lags the timer, as Bochs's
	 * TSC does across hlt) reads the timer too. */
	tick_at(b + p - 1, 0);
	assert_int_equal(boundary_reads, 5);
	(void)state;
}

/* A rate so wrong that ticks look like no time passed: the clock must not
 * stop; it falls back to one period per tick. */
static void test_time_bad_rate_falls_back(void **state)
{
	const uint64_t p = 2386;
	unsigned i;

	fake_cpc_q16 = 6ull << 16;                  /* three times too slow */
	time_init(1193);
	for (i = 0; i < 10; i++)
		tick_at(100000 + i * p, 10);
	assert_true(timebase.ticks >= 9);
	assert_true(timebase.recovery_off);
	(void)state;
}

/* No counter: one period per tick, as before. */
static void test_time_without_counter_counts_ticks(void **state)
{
	time_init(1193);
	assert_true(timebase.cyc_per_period == 0);
	fake_cycles = 1000000;
	time_tick();
	fake_cycles = 9000000;
	time_tick();
	assert_true(timebase.ticks == 2);
	(void)state;
}

static void test_periods_between_bounded(void **state)
{
	assert_true(time_periods_between(100, 50, 10) == 0);
	assert_true(time_periods_between(100, 114, 10) == 1);
	assert_true(time_periods_between(100, 116, 10) == 2);
	assert_true(time_periods_between(1, ~0ull, 1) == TIME_MAX_CATCH_UP);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_spurious_irq7_gets_no_eoi, setup),
		cmocka_unit_test_setup(test_spurious_irq15_gets_master_eoi_only, setup),
		cmocka_unit_test_setup(test_ordinary_lines_eoi, setup),
		cmocka_unit_test_setup(test_spurious_dispatch_is_counted_not_handled, setup),
		cmocka_unit_test_setup(test_kernel_handler_runs_after_eoi, setup),
		cmocka_unit_test_setup(test_routed_line_masked_until_every_subscriber_acks, setup),
		cmocka_unit_test_setup(test_single_subscriber_routed, setup),
		cmocka_unit_test_setup(test_unsubscribe_of_last_ack_opens_line, setup),
		cmocka_unit_test_setup(test_bad_arguments, setup),
		cmocka_unit_test_setup(test_irq_tick_counts_and_handles, setup),
		cmocka_unit_test_setup(test_time_ticks_do_not_drift, setup),
		cmocka_unit_test_setup(test_time_subtick_and_monotonic, setup),
		cmocka_unit_test_setup(test_time_recovers_lost_ticks, setup),
		cmocka_unit_test_setup(test_time_one_period_fast_path_edges, setup),
		cmocka_unit_test_setup(test_time_without_counter_counts_ticks, setup),
		cmocka_unit_test_setup(test_time_counter_alone_between_anchors, setup),
		cmocka_unit_test_setup(test_time_bad_rate_falls_back, setup),
		cmocka_unit_test_setup(test_periods_between_bounded, setup),
		cmocka_unit_test(test_counts_to_ns_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
