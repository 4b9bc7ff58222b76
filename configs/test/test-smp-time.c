/*
 * System case "smp2-interference" (issue 14; Bochs only, see cases.py):
 * the probe's window starts on cpu 1 while cpu 0 hammers the kernel in
 * windows that overlap them — plan 0: time-storm restarting its 4 MiB in
 * a loop, then time-spin spinning with virtual interrupts off; plan 1:
 * time-flood flooding the shared services (console, ports, trace, HM
 * log) and restarting by an application error and a page fault in turn.
 * test-time.c's first two plans (guests/tests/time-probe/time.h repeats
 * them); probe-smp is time-probe with its two window cases only.  The
 * starts must be as exact as on one CPU (2 us).  SMP_CPUS 4
 * (test-smp4-time.c) spreads the hammering over cpus 2 and 3.
 *
 * Under QEMU's round-robin -icount the same image shows the emulator's
 * scheduling, not the kernel's: after a timer deadline QEMU runs cpu 0
 * first, up to its own next deadline, before cpu 1 takes the interrupt
 * that opens its window (docs/architecture.md, "Interference").
 */
#include <bulkhead/config.h>

#ifndef SMP_CPUS
#define SMP_CPUS 2
#endif
#if SMP_CPUS == 4
#define C_PROBE 1
#define C_STORM 3
#define C_SPIN 2
#define C_FLOOD 3
#else
#define C_PROBE 1
#define C_STORM 0
#define C_SPIN 0
#define C_FLOOD 0
#endif

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 10000,
	.n_partitions = 4,
	.partitions = {
		{ .name = "time-probe", .module = "probe-smp.elf", .mem_size = 128 * 1024,
		  .flags = BH_PART_F_SYSTEM },
		{ .name = "time-spin", .module = "time-spin.elf", .mem_size = 64 * 1024 },
		{ .name = "time-storm", .module = "time-storm.elf", .mem_size = 4096 * 1024,
		  .restart_limit = 1000 },
		{ .name = "time-flood", .module = "time-flood.elf", .mem_size = 256 * 1024,
		  .flags = BH_PART_F_SYSTEM, .restart_limit = 1000,
		  .hm_action = { [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_RESTART,
				 [BH_HM_PAGE_FAULT] = BH_HM_ACT_RESTART } },
	},
	.n_plans = 2,
	.plans = {
		{
			.major_frame_us = 2000,
			.n_windows = 4,
			.windows = {
				{ .partition = 2, .offset_us = 0, .duration_us = 1000, .cpu = C_STORM },
				{ .partition = 0, .offset_us = 800, .duration_us = 300, .cpu = C_PROBE },
				{ .partition = 1, .offset_us = 1000, .duration_us = 1000, .cpu = C_SPIN },
				{ .partition = 0, .offset_us = 1600, .duration_us = 300, .cpu = C_PROBE },
			},
		},
		{
			.major_frame_us = 1500,
			.n_windows = 3,
			.windows = {
				{ .partition = 0, .offset_us = 100, .duration_us = 300, .cpu = C_PROBE },
				{ .partition = 3, .offset_us = 0, .duration_us = 1500, .cpu = C_FLOOD },
				{ .partition = 0, .offset_us = 1200, .duration_us = 300, .cpu = C_PROBE },
			},
		},
	},
	.n_ports = 2,
	.ports = {
		{ .name = "fl-out", .partition = 3, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 64, .max_nb_msgs = 4 },
		{ .name = "fl-in", .partition = 3, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .max_nb_msgs = 4 },
	},
	.n_channels = 1,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
	},
};

/* The host tests include every configuration into one file. */
#undef SMP_CPUS
#undef C_PROBE
#undef C_STORM
#undef C_SPIN
#undef C_FLOOD
