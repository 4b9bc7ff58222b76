/*
 * The exact time test's spinner (configs/test/test-time.c): virtual
 * interrupts off, a tight loop, no hypercall ever.  Its window must still
 * end on time: time-probe's window follows it.
 */
#include <libpart.h>

int main(void)
{
	volatile uint32_t n = 0;

	bh_set_mode(BH_MODE_NORMAL);
	bh_virq_disable();
	for (;;)
		n++;
}
