/*
 * The demo's inter-partition messages (configs/demo/demo.c): sensor ->
 * "temp-out"/"temp-in" (sampling) -> rtos control task -> "cmd-out"/
 * "cmd-in" (queuing) -> sysmon, and the memory area "telemetry" that the
 * sensor writes and sysmon reads.
 */
#ifndef DEMO_PORTS_H
#define DEMO_PORTS_H

#include <stdint.h>

struct demo_sample {
	uint32_t seq;
	int32_t temp_mc;           /* milli-degrees Celsius */
};

#define DEMO_CMD_MAX  48       /* cmd-out / cmd-in max_msg_size */

struct demo_telemetry {
	uint32_t magic;
	uint32_t samples;
	int32_t last_mc, min_mc, max_mc;
};
#define DEMO_TELEMETRY       ((volatile struct demo_telemetry *)0x7f000000)
#define DEMO_TELEMETRY_MAGIC 0x54454c45u

#define DEMO_PORT_LINE 18      /* the rtos partition's temp-in notification */

#endif
