/*
 * chatter: prints a numbered line every 20 us, for ever, in every window
 * it has.  The in-kernel stop cases (kernel/test/stop.c, system cases
 * smp2-stop-*) run it on one CPU while the other CPU stops the machine:
 * none of its lines may follow the stopping CPU's report.  (Not faster:
 * under QEMU's -icount round-robin a console kept always busy keeps its
 * interrupt's CPU running and the other CPU waiting.)
 */
#include "libpart.h"

#define EVERY_NS 20000ull

int main(void)
{
	uint64_t next = bh_now_ns();

	for (unsigned n = 0;; n++) {
		bh_printf("chatter %u\n", n);
		next += EVERY_NS;
		while (bh_now_ns() < next)
			;
	}
}
