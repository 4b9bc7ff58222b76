/*
 * Host unit tests of the software IDT (kernel/core/irq.c) and the time
 * base (kernel/core/time.c), linked against fake arch hooks that record
 * what the core asked of the interrupt controller and the timer.
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
/* One CPU: raises are never posted to another (vcpu.c's). */
int vcpu_smp;
void vcpu_raise_remote(struct partition *p, unsigned line) {}
void arch_irq_route(unsigned line, unsigned cpu) {}
unsigned arch_rtc_seconds(void) { return 0; }
void arch_irq_eoi(enum irq_eoi how)
{
	if (how == EOI_BOTH)
		eoi_slave++;
	if (how != EOI_NONE)
		eoi_master++;
}
/* The counter and the timer: a rate set by each test, the last delta
 * armed recorded. */
static uint64_t fake_cycles, fake_hz;
static uint32_t armed_ns;
static int fake_periodic;
uint64_t arch_cycles(void) { return fake_cycles; }
int arch_timer_init(struct timer_setup *t)
{
	t->cycles_hz = fake_hz;
	t->timer_hz = fake_hz;
	t->oneshot = !fake_periodic;
	t->period_counts = 1193;
	t->name = "fake";
	return 0;
}
void arch_timer_arm(uint32_t delta_ns) { armed_ns = delta_ns; }
void panic(const char *fmt, ...) { fail_msg("panic: %s", fmt); }
void kprintf(const char *fmt, ...) {}

static unsigned handled;
static void handler(unsigned line, void *arg) { handled++; (void)line; (void)arg; }

static int setup(void **state)
{
	fake_cycles = 0;
	fake_hz = 1000000000u;
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

/* ---- the time base: cycles x a 4.28 scale (issue 13) ---- */

/* time_cycles_to_ns is exactly floor(d * q28 / 2^28), checked against a
 * 128-bit product over counter values up to 2^60 (decades at 1 GHz). */
static void test_time_cycles_to_ns_exact(void **state)
{
	const uint32_t scales[] = { 1u << 28, 536870912u / 3, 89478485u, 1u << 30,
				    0xffffffffu };
	uint64_t d = 1;
	unsigned i, k;

	for (k = 0; k < sizeof(scales) / sizeof(scales[0]); k++)
		for (i = 0, d = 1; i < 2000; i++) {
			unsigned __int128 want = ((unsigned __int128)d * scales[k]) >> 28;

			assert_true(time_cycles_to_ns(d, scales[k]) == (uint64_t)want);
			d = d * 3 + i;
			d &= (1ull << 60) - 1;
		}
	(void)state;
}

/* time_age_ns (a sampling message's age, from the counter's difference
 * with the stamp): exactly floor(d * q28 / 2^28) on both sides of the
 * 2^32-cycle fast path, and 0 when the stamp is later than the reading,
 * by one cycle or by a wrapping distance; time_stamp_age_ns reads the
 * counter for it. */
static void test_time_age_ns(void **state)
{
	const uint64_t ds[] = { 0, 1, 999, 0xffffffffull, 0x100000000ull,
				0x100000001ull, 1ull << 40, (1ull << 60) + 12345 };
	uint64_t stamp;
	unsigned i;

	timebase.ns_per_cyc_q28 = 536870912u / 3;
	for (i = 0; i < sizeof(ds) / sizeof(ds[0]); i++) {
		unsigned __int128 want = ((unsigned __int128)ds[i] *
					  timebase.ns_per_cyc_q28) >> 28;

		if (time_age_ns(ds[i]) != (uint64_t)want)
			fail_msg("age of %llu cycles: %llu, want %llu",
				 (unsigned long long)ds[i],
				 (unsigned long long)time_age_ns(ds[i]),
				 (unsigned long long)want);
	}
	assert_true(time_age_ns(-1ull) == 0);                 /* a stamp 1 later */
	assert_true(time_age_ns(-(1ull << 40)) == 0);
	assert_true(time_age_ns(1ull << 63) == 0);
	timebase.ns_per_cyc_q28 = 1u << 27;                   /* 2 GHz */
	fake_cycles = 0x123456789abull;
	stamp = fake_cycles - 3000;
	assert_true(time_stamp_age_ns(&stamp) == 1500);
	stamp = fake_cycles + 5;
	assert_true(time_stamp_age_ns(&stamp) == 0);
	(void)state;
}

/* The scale for a rate: 1 GHz is 1 ns a cycle; 3 GHz a third, rounded
 * down (the clock never runs ahead); below 62.5 MHz it does not fit. */
static void test_time_scale_for_rate(void **state)
{
	assert_int_equal(time_scale_q28(1000000000u), 1u << 28);
	assert_int_equal(time_scale_q28(3000000000ull), (uint32_t)((1ull << 28) / 3));
	assert_int_equal(time_scale_q28(62500000u), 0);
	assert_int_equal(time_scale_q28(0), 0);
	assert_true(time_scale_q28(62500001u) != 0);
	(void)state;
}

/* time_arm programs the distance from now to the instant: 0 if it has
 * passed, never more than TIME_MAX_ARM_NS (the timer is armed again). */
static void test_time_arm_distance(void **state)
{
	fake_hz = 2000000000u;
	time_init(0, 1000);
	assert_true(cpu_timer.oneshot);
	assert_true(armed_ns == 1000000);            /* the first boot tick */
	fake_cycles += 2000;                         /* 1 us later */
	time_arm(time_now_ns() + 5000);
	assert_int_equal(armed_ns, 5000);
	time_arm(time_now_ns() - 1);
	assert_int_equal(armed_ns, 0);
	time_arm(time_now_ns() + 10 * (uint64_t)TIME_MAX_ARM_NS);
	assert_int_equal(armed_ns, TIME_MAX_ARM_NS);
	/* time_arm works on the distance's two words: each edge of them */
	time_arm(time_now_ns());
	assert_int_equal(armed_ns, 0);
	time_arm(time_now_ns() + TIME_MAX_ARM_NS);
	assert_int_equal(armed_ns, TIME_MAX_ARM_NS);
	time_arm(time_now_ns() + TIME_MAX_ARM_NS - 1);
	assert_int_equal(armed_ns, TIME_MAX_ARM_NS - 1);
	time_arm(time_now_ns() + 0xffffffffull);
	assert_int_equal(armed_ns, TIME_MAX_ARM_NS);
	time_arm(time_now_ns() + 0x100000000ull);
	assert_int_equal(armed_ns, TIME_MAX_ARM_NS);
	time_arm(0);
	assert_int_equal(armed_ns, 0);
	time_arm(~0ull);                             /* never "past": no storm */
	assert_int_equal(armed_ns, TIME_MAX_ARM_NS);
	fake_cycles += 0x800000000ull;               /* 2^34 ns on */
	time_arm(time_now_ns() - 0x200000000ull);
	assert_int_equal(armed_ns, 0);
	assert_true(time_boot_next(1000000) == 2000000);
	assert_true(time_boot_next(1999999) == 2000000);
	(void)state;
}

/* Rebasing at each interrupt keeps the clock on the full product from
 * time 0 (to the ns, never behind it by more than 1), never going back,
 * and the long path (2^32 cycles or more since the base) agrees. */
static void test_time_rebase_no_drift(void **state)
{
	uint64_t prev = 0, full, now, i;

	fake_hz = 3000000000ull;
	time_init(0, 1000);
	for (i = 0; i < 200000; i++) {
		fake_cycles += 1234567 + (i % 7) * 1000;
		if (i % 3 == 0)
			time_rebase();
		now = time_now_ns();
		full = time_cycles_to_ns(fake_cycles - timebase.cyc0, timebase.ns_per_cyc_q28);
		assert_true(now >= prev);
		assert_true(now <= full && full - now <= 1);
		prev = now;
	}
	fake_cycles += 5ull << 32;                   /* interrupts off for long */
	now = time_now_ns();
	full = time_cycles_to_ns(fake_cycles - timebase.cyc0, timebase.ns_per_cyc_q28);
	assert_true(now >= prev && now <= full && full - now <= 1);
	(void)state;
}

/* The periodic tick: nothing is armed. */
static void test_time_periodic_arms_nothing(void **state)
{
	fake_hz = 1000000000u;
	fake_periodic = 1;
	armed_ns = 12345;
	time_init("periodic", 1000);
	time_arm(time_now_ns() + 1000);
	assert_int_equal(armed_ns, 12345);
	assert_false(cpu_timer.oneshot);
	fake_periodic = 0;
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
		cmocka_unit_test_setup(test_time_cycles_to_ns_exact, setup),
		cmocka_unit_test_setup(test_time_age_ns, setup),
		cmocka_unit_test_setup(test_time_scale_for_rate, setup),
		cmocka_unit_test_setup(test_time_arm_distance, setup),
		cmocka_unit_test_setup(test_time_periodic_arms_nothing, setup),
		cmocka_unit_test_setup(test_time_rebase_no_drift, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
