/*
 * vlayer-test: runs the layer conformance cases (see vtest.h), then ends
 * through _CPU_Virtual_exec_stop_error (the reference BSP's name) so that
 * path is seen on the console.
 */
#include "vtest.h"

#define STOP_CODE 7     /* the line a system test may expect */

volatile uint32_t isr_count[BH_NR_VLINES];
volatile uint32_t clock_ticks_counted;
volatile int clock_counting;
volatile int max_vector_seen = -1;
/* The BSP's tick length, as virtualpok's clock driver defines it. */
volatile uint32_t pc386_microseconds_per_isr;

/* Ours, not the layer's weak default: counts every delivery per vector. */
void C_dispatch_isr(int vector)
{
	if (vector > max_vector_seen)
		max_vector_seen = vector;
	if (vector < 0 || vector >= BH_NR_VLINES)
		return;
	isr_count[vector]++;
	if (vector == RTEMS_VIRT_CLOCK_VECTOR && clock_counting)
		clock_ticks_counted += 1 + rtems_virt_clock_ticks_missed();
}

void vtest_reset(void)
{
	_CPU_Virtual_Interrupts_close();
	bh_timer_cancel(BH_CLOCK_WALL);
	bh_timer_cancel(BH_CLOCK_EXEC);
	_CPU_Virtual_Irq_detach(RTEMS_VIRT_CLOCK_VECTOR);
	clock_counting = 0;
	pc386_microseconds_per_isr = 0;
}

/* The clock vector requested, its timer then made a one-shot. */
int arm_oneshot_ms(unsigned ms)
{
	int r = _CPU_Virtual_Irq_request(RTEMS_VIRT_CLOCK_VECTOR);

	if (r < 0)
		return r;
	return bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + ms * MS, 0);
}

int wait_pending(unsigned line)
{
	uint64_t deadline = bh_now_ns() + WAIT_LIMIT_NS;

	while (!(bh_vcpu->pending & (1u << line)))
		if (bh_now_ns() > deadline)
			return 0;
	return 1;
}

void spin_ns(uint64_t ns)
{
	uint64_t end = bh_now_ns() + ns;

	while (bh_now_ns() < end)
		;
}

int main(void)
{
	bh_printf("RTEMS layer conformance, partition %u\n", (unsigned)bh_partition_id);
	bh_test_suite("levels", vtest_reset, 0);
	bh_test_suite("irq", vtest_reset, 0);
	bh_test_suite("system", vtest_reset, 0);
	char_write_output();
	char_write_string();
	bh_test_suite("frames", vtest_reset, 0);
	bh_test_suite("tls", vtest_reset, 0);
	bh_test_suite("fault", vtest_reset, 0);
	bh_tests_done();
	bh_printf("stopping with error %d (expected)\n", STOP_CODE);
	_CPU_Virtual_exec_stop_error(STOP_CODE);
}
