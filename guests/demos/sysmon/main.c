/*
 * sysmon: the demo's system partition.  Each window it reports its window
 * and clocks, watches the health-monitor log for events in other
 * partitions, and after a fixed run time shuts the system down (so
 * `make run` returns by itself).  In the demo it is also the display: it
 * prints the control task's commands from cmd-in, and once a second the
 * port's statistics and the sensor's telemetry area, mapped read-only.
 */
#include "libpart.h"
#include "../sensor/demo_ports.h"

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

/* The demo's display: commands from the control task on cmd-in, and
 * (read-only) the sensor's telemetry area.  Absent in other systems. */
static int cmd_in = -1;

static void show_commands(void)
{
	char cmd[DEMO_CMD_MAX];
	int len;

	while ((len = bh_queuing_receive(cmd_in, cmd, sizeof(cmd))) > 0) {
		cmd[len - 1] = '\0';
		bh_printf("display: %s\n", cmd);
	}
}

static void show_port_stats(void)
{
	volatile struct demo_telemetry *t = DEMO_TELEMETRY;
	struct bh_port_status st;

	if (bh_port_status(cmd_in, &st) == 0)
		bh_printf("cmd-in: %u commands received, %u waiting, %u refused, "
			  "%u notifications\n", (unsigned)(st.sent - st.nb_msgs),
			  (unsigned)st.nb_msgs, (unsigned)st.refused, (unsigned)st.notified);
	if (t->magic == DEMO_TELEMETRY_MAGIC)
		bh_printf("telemetry: %u samples, last %d mC, min %d, max %d\n",
			  (unsigned)t->samples, (int)t->last_mc, (int)t->min_mc,
			  (int)t->max_mc);
}

int main(void)
{
	uint64_t last = 0;

	bh_set_mode(BH_MODE_NORMAL);
	cmd_in = bh_port_open("cmd-in", BH_PORT_QUEUING);
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
			if (cmd_in >= 0)
				show_port_stats();
			last = now;
		}
		report_hm();
		if (cmd_in >= 0)
			show_commands();
		if (now >= RUN_TIME_NS) {
			bh_puts("run time over: shutting down");
			bh_shutdown(0);
		}
		bh_yield();
	}
}
