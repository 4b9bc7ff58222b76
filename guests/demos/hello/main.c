/*
 * hello: the smallest native partition.  It prints who it is and the
 * scheduling window it observes in the shared vCPU page, a few times,
 * giving the rest of its window away between prints.
 */
#include "libpart.h"

#define ROUNDS 3

static void print_window(unsigned round)
{
	uint64_t start = bh_vcpu->window_start_ns;
	uint64_t len = bh_vcpu->window_length_ns;

	bh_printf("round %u: window %u of plan %u, start %llu us, length %llu us, "
		  "now %llu us, executed %llu us\n", round,
		  (unsigned)bh_vcpu->window, (unsigned)bh_vcpu->plan,
		  (unsigned long long)(start / 1000), (unsigned long long)(len / 1000),
		  (unsigned long long)(bh_now_ns() / 1000),
		  (unsigned long long)(bh_exec_ns() / 1000));
}

int main(void)
{
	struct bh_part_info info;
	unsigned round;

	if (bh_self(&info) < 0)
		bh_panic("cannot read my partition information");
	bh_printf("hello from %s, partition %u, %u KiB of memory\n",
		  info.name, (unsigned)info.id, (unsigned)(info.mem_size / 1024));
	for (round = 1; round <= ROUNDS; round++) {
		print_window(round);
		bh_yield();
	}
	bh_puts("goodbye");
	return 0;
}
