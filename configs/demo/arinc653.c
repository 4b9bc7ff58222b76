/*
 * The ARINC 653 example system (`make run CONFIG=configs/arinc653.c`): two
 * APEX partitions (guests/apex) in a 20 ms major frame.
 *
 *   nav  (guests/demos/apex-nav): periodic processes measure the altitude
 *        and publish it on a sampling port and a blackboard, an aperiodic
 *        process displays the blackboard, the autopilot sends commands on
 *        a queuing port; an error handler recovers from an application
 *        error and catches a deadline miss;
 *   fms  (guests/demos/apex-fms): a process blocked on the queuing port
 *        with a time-out, a periodic monitor of the sampling port; as the
 *        system partition it ends the run 3 s after entering NORMAL.
 * Both log an application error that no handler takes and go on.
 */
#include <bulkhead/config.h>

const struct bh_config bh_config = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.tick_hz = 1000,
	.n_partitions = 2,
	.partitions = {
		{ .name = "nav", .module = "apex-nav.elf", .mem_size = 512 * 1024,
		  .hm_action = { [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_IGNORE } },
		{ .name = "fms", .module = "apex-fms.elf", .mem_size = 512 * 1024,
		  .flags = BH_PART_F_SYSTEM,
		  .hm_action = { [BH_HM_APPLICATION_ERROR] = BH_HM_ACT_IGNORE } },
	},
	.n_plans = 1,
	.plans = {
		{ .major_frame_us = 20000, .n_windows = 2, .windows = {
			{ .partition = 0, .offset_us = 0, .duration_us = 10000 },
			{ .partition = 1, .offset_us = 10000, .duration_us = 8000 },
		} },
	},
	.n_ports = 4,
	.ports = {
		{ .name = "ALTITUDE", .partition = 0, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 32 },
		{ .name = "ALTITUDE_IN", .partition = 1, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 32, .refresh_us = 200000 },
		{ .name = "AP_CMD", .partition = 0, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_SOURCE, .max_msg_size = 48, .max_nb_msgs = 4 },
		{ .name = "AP_CMD_IN", .partition = 1, .kind = BH_PORT_QUEUING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 48, .max_nb_msgs = 4,
		  .discipline = BH_QUEUE_FIFO },
	},
	.n_channels = 2,
	.channels = {
		{ .source = 0, .n_dests = 1, .dests = { 1 } },
		{ .source = 2, .n_dests = 1, .dests = { 3 } },
	},
};
