/*
 * crasher: a partition that fails on purpose.  Each start it works for a
 * moment, then divides by zero; its health-monitor action restarts it.
 * Used to show that a neighbour's faults and restarts leave other
 * partitions' schedules untouched.
 */
#include "libpart.h"

int main(void)
{
	struct bh_part_info info;
	uint64_t until = bh_now_ns() + 1000000;      /* 1 ms of work */

	bh_self(&info);
	if (info.restarts % 50 == 0)
		bh_printf("start %u: about to divide by zero\n", (unsigned)info.restarts);
	while (bh_now_ns() < until)
		;
	__asm__ volatile("xorl %%ecx, %%ecx; divl %%ecx" : : "a"(1), "d"(0) : "ecx");
	return 0;
}
