/*
 * The demo on two CPUs (issue 14): `make run CONFIG=demo-smp` (or
 * CONFIG=configs/demo/demo-smp.c) boots it with -smp 2, which make run
 * derives from the windows' CPUs.  The same partitions and ports as
 * configs/demo/demo.c; cpu 0 runs the system monitor, hello and the
 * sensor, cpu 1 the RTOS, so both port flows cross CPUs: sensor (cpu 0)
 * -> rtos (cpu 1), sampling, notified; rtos (cpu 1) -> sysmon (cpu 0),
 * queuing.  The RTOS's COM2 line is routed to cpu 1 by the I/O APIC.
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
			.n_windows = 5,
			.windows = {
				/* cpu 0: the system monitor, hello, the sensor */
				{ .partition = 0, .offset_us = 0, .duration_us = 3000, .cpu = 0 },
				{ .partition = 1, .offset_us = 3000, .duration_us = 4000, .cpu = 0 },
				{ .partition = 3, .offset_us = 7000, .duration_us = 3000, .cpu = 0 },
				/* cpu 1: the RTOS, twice a frame */
				{ .partition = 2, .offset_us = 0, .duration_us = 8000, .cpu = 1 },
				{ .partition = 2, .offset_us = 10000, .duration_us = 8000, .cpu = 1 },
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
