/*
 * The demo system `make run` boots, under a 20 ms major frame:
 *   sysmon     the system partition: reports, reads the health-monitor log,
 *              shuts the machine down after 4 s;
 *   hello      a native partition printing the windows it observes;
 *   rtos       the guest RTOS: the classic ticker (three periodic tasks),
 *              an interrupt-driven echo task on COM2, whose 16550 is
 *              passed through to it (ports and IRQ 3), and a control task
 *              woken by the sensor's samples, commanding a heater;
 *   sensor     samples a temperature each window on a sampling port and
 *              keeps statistics in a memory area.
 * ARINC 653 ports: sensor -> rtos (sampling, with notification), rtos ->
 * sysmon (queuing; sysmon displays the commands and port statistics); the
 * area "telemetry" is written by sensor and read-only to sysmon.
 * The native COM2 echo partition (guests/demos/com2echo) has its own test
 * configuration: COM2 can be granted to one partition only.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 4,
	.partitions = {
		{
			.name = "sysmon",
			.module = "sysmon.elf",
			.mem_size = 256 * 1024,
			.flags = BH_PART_F_SYSTEM,
		},
		{
			.name = "hello",
			.module = "hello.elf",
			.mem_size = 256 * 1024,
			.hm_action = { [BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART },
			.restart_limit = 3,
		},
		{
			.name = "rtos",
			.module = "rtos-demo.elf",
			.mem_size = 512 * 1024,
			.flags = BH_PART_F_FPU,        /* its task switch saves FPU/SSE */
			.io = { { .base = 0x2f8, .count = 8 } },
			.irq_lines = 1u << 3,
		},
		{
			.name = "sensor",
			.module = "sensor.elf",
			.mem_size = 64 * 1024,
		},
	},
	.n_plans = 1,
	.plans = {
		{
			.major_frame_us = 20000,
			.n_windows = 4,
			.windows = {
				{ .partition = 0, .offset_us = 0, .duration_us = 3000 },
				{ .partition = 1, .offset_us = 3000, .duration_us = 4000 },
				{ .partition = 2, .offset_us = 7000, .duration_us = 10000 },
				{ .partition = 3, .offset_us = 17000, .duration_us = 3000 },
			},
		},
	},
	/* sensor -> rtos (sampling, notified), rtos -> sysmon (queuing). */
	.n_ports = 4,
	.ports = {
		{ .name = "temp-out", .partition = 3, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 8 },
		{ .name = "temp-in", .partition = 2, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 8,
		  .refresh_us = 50000 },
		{ .name = "cmd-out", .partition = 2, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 48, .max_nb_msgs = 8 },
		{ .name = "cmd-in", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 48, .max_nb_msgs = 8 },
	},
	.n_channels = 2,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
		{ .source = 2, .n_dests = 1, .dests = { 3 } },
	},
	/* The sensor's statistics, read-only to the system monitor. */
	.n_areas = 1,
	.areas = {
		{ .name = "telemetry", .va = 0x7f000000, .size = 0x1000, .n_users = 2,
		  .users = { { 3, BH_AREA_READ | BH_AREA_WRITE }, { 0, BH_AREA_READ } } },
	},
	/* The kernel trace, on in the demo (make trace draws it). */
	.trace = { .classes = BH_TRACE_ALL, .ring_events = 16384 },
};
