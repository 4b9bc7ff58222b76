/*
 * sysmon: the demo's system partition.  Each window it reports its window
 * and clocks, watches the health-monitor log for events in other
 * partitions, and after a fixed run time shuts the system down (so
 * `make run` returns by itself).
 */
#include "libpart.h"

#define RUN_TIME_NS  4000000000ull     /* 4 s of wall-clock time */

static uint32_t hm_seen;

static void report_hm(void)
{
	struct bh_hm_entry e[4];
	int n, i;

	while ((n = bh_hm_read(e, 4, hm_seen)) > 0) {
		for (i = 0; i < n; i++)
			bh_printf("health monitor: partition %u event %u at eip %08x\n",
				  (unsigned)e[i].partition, (unsigned)e[i].event,
				  (unsigned)e[i].eip);
		hm_seen = e[n - 1].seq + 1;
	}
}

int main(void)
{
	uint64_t last = 0;

	bh_set_mode(BH_MODE_NORMAL);
	bh_printf("system monitor up; the demo stops after %u s\n",
		  (unsigned)(RUN_TIME_NS / 1000000000ull));
	for (;;) {
		uint64_t now = bh_now_ns();

		if (now - last >= 1000000000ull) {
			bh_printf("window %u: start %llu us, length %llu us, executed %llu us\n",
				  (unsigned)bh_vcpu->window,
				  (unsigned long long)(bh_vcpu->window_start_ns / 1000),
				  (unsigned long long)(bh_vcpu->window_length_ns / 1000),
				  (unsigned long long)(bh_exec_ns() / 1000));
			last = now;
		}
		report_hm();
		if (now >= RUN_TIME_NS) {
			bh_puts("run time over: shutting down");
			bh_shutdown(0);
		}
		bh_yield();
	}
}
