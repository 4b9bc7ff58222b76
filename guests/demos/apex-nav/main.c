/*
 * nav: the navigation partition of the ARINC 653 example
 * (configs/demo/arinc653.c), written against APEX only (plus bh_printf for
 * its log).  SENSOR (periodic) measures the altitude and publishes it on
 * the ALTITUDE sampling port and the ALT blackboard; AUTOPILOT (periodic)
 * reads the blackboard and sends commands on the AP_CMD queuing port;
 * DISPLAY (aperiodic) shows the blackboard; LOGGER (periodic) overruns its
 * time capacity once.  The error handler recovers AUTOPILOT from the
 * application error it raises (STOP, then DELAYED_START) and stops LOGGER when it
 * misses its deadline.
 */
#include "libpart.h"
#include "arinc653.h"

#define MS 1000000LL

static SAMPLING_PORT_ID_TYPE alt_port;
static QUEUING_PORT_ID_TYPE cmd_port;
static BLACKBOARD_ID_TYPE alt_board;
static volatile APEX_INTEGER altitude = 1000;
static int ap_failed_once, logger_overran;

static void check(const char *what, RETURN_CODE_TYPE rc)
{
	if (rc != NO_ERROR)
		apex_log("INIT", "%s failed: return code %d", what, (int)rc);
}

static void sensor(void)
{
	RETURN_CODE_TYPE rc;
	char msg[32];
	int len;

	for (;;) {
		altitude += 25;
		len = bh_snprintf(msg, sizeof(msg), "%ld", altitude);
		WRITE_SAMPLING_MESSAGE(alt_port, (MESSAGE_ADDR_TYPE)msg, len + 1, &rc);
		DISPLAY_BLACKBOARD(alt_board, (MESSAGE_ADDR_TYPE)msg, len + 1, &rc);
		PERIODIC_WAIT(&rc);
	}
}

static void autopilot(void)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char alt[32], cmd[48];
	int n = 0;

	if (ap_failed_once)
		apex_log("AUTOPILOT", "re-engaged after recovery");
	for (;;) {
		READ_BLACKBOARD(alt_board, 0, (MESSAGE_ADDR_TYPE)alt, &len, &rc);
		if (++n == 6 && !ap_failed_once) {
			ap_failed_once = 1;
			apex_log("AUTOPILOT", "altitude sensors disagree: RAISE_APPLICATION_ERROR");
			RAISE_APPLICATION_ERROR(APPLICATION_ERROR,
						(MESSAGE_ADDR_TYPE)"sensor disagreement", 19, &rc);
		}
		len = bh_snprintf(cmd, sizeof(cmd), "HOLD %s FT", rc == NO_ERROR ? alt : "?");
		SEND_QUEUING_MESSAGE(cmd_port, (MESSAGE_ADDR_TYPE)cmd, len + 1, 50 * MS, &rc);
		apex_log("AUTOPILOT", "sent \"%s\" on AP_CMD: %s", cmd,
		    rc == NO_ERROR ? "NO_ERROR" : rc == TIMED_OUT ? "TIMED_OUT" : "refused");
		PERIODIC_WAIT(&rc);
	}
}

static void display(void)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char alt[32];

	for (;;) {
		READ_BLACKBOARD(alt_board, 500 * MS, (MESSAGE_ADDR_TYPE)alt, &len, &rc);
		if (rc == NO_ERROR)
			apex_log("DISPLAY", "altitude %s ft", alt);
		else
			apex_log("DISPLAY", "no altitude (return code %d)", (int)rc);
		TIMED_WAIT(300 * MS, &rc);
	}
}

static void logger(void)
{
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0, t;
	int n = 0;

	for (;;) {
		if (++n == 4 && !logger_overran) {
			logger_overran = 1;
			apex_log("LOGGER", "flushing the log (slow: 150 ms, capacity 60 ms)");
			GET_TIME(&t0, &rc);
			do
				GET_TIME(&t, &rc);
			while (t - t0 < 150 * MS);
		} else {
			apex_log("LOGGER", "log record %d", n);
		}
		PERIODIC_WAIT(&rc);
	}
}

static const char *error_name(ERROR_CODE_TYPE e)
{
	static const char *const names[] = {
		"DEADLINE_MISSED", "APPLICATION_ERROR", "NUMERIC_ERROR", "ILLEGAL_REQUEST",
		"STACK_OVERFLOW", "MEMORY_VIOLATION", "HARDWARE_FAULT", "POWER_FAIL",
	};

	return (unsigned)e < 8 ? names[e] : "?";
}

static void error_handler(void)
{
	ERROR_STATUS_TYPE s;
	PROCESS_STATUS_TYPE ps;
	RETURN_CODE_TYPE rc;

	for (;;) {
		GET_ERROR_STATUS(&s, &rc);
		if (rc != NO_ERROR)
			break;
		GET_PROCESS_STATUS(s.FAILED_PROCESS_ID, &ps, &rc);
		apex_log("ERROR_HDLR", "%s in process %s: \"%.*s\"", error_name(s.ERROR_CODE),
		    ps.ATTRIBUTES.NAME, (int)s.LENGTH, (const char *)s.MESSAGE);
		STOP(s.FAILED_PROCESS_ID, &rc);
		if (s.ERROR_CODE == APPLICATION_ERROR) {
			DELAYED_START(s.FAILED_PROCESS_ID, 150 * MS, &rc);
			apex_log("ERROR_HDLR", "recovery: %s stopped, restarting in 150 ms",
			    ps.ATTRIBUTES.NAME);
		} else {
			apex_log("ERROR_HDLR", "recovery: %s stopped", ps.ATTRIBUTES.NAME);
		}
	}
	STOP_SELF();
}

static PROCESS_ID_TYPE process(const char *name, void (*entry)(void), PRIORITY_TYPE prio,
			       SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = capacity, .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry,
		.STACK_SIZE = 8192, .BASE_PRIORITY = prio, .DEADLINE = HARD,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	bh_snprintf(a.NAME, sizeof(a.NAME), "%s", name);
	CREATE_PROCESS(&a, &id, &rc);
	check("CREATE_PROCESS", rc);
	START(id, &rc);
	check("START", rc);
	return id;
}

static void init(void)
{
	PARTITION_STATUS_TYPE ps;
	RETURN_CODE_TYPE rc;

	GET_PARTITION_STATUS(&ps, &rc);
	apex_log("INIT", "partition %ld in %s, creating ports, blackboard, processes",
	    ps.IDENTIFIER, ps.OPERATING_MODE == COLD_START ? "COLD_START" : "WARM_START");
	CREATE_SAMPLING_PORT("ALTITUDE", 32, SOURCE, 0, &alt_port, &rc);
	check("CREATE_SAMPLING_PORT", rc);
	CREATE_QUEUING_PORT("AP_CMD", 48, 4, SOURCE, FIFO, &cmd_port, &rc);
	check("CREATE_QUEUING_PORT", rc);
	CREATE_BLACKBOARD("ALT", 32, &alt_board, &rc);
	check("CREATE_BLACKBOARD", rc);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 8192, &rc);
	check("CREATE_ERROR_HANDLER", rc);
	process("SENSOR", sensor, 30, 100 * MS, 50 * MS);
	process("AUTOPILOT", autopilot, 20, 200 * MS, 150 * MS);
	process("DISPLAY", display, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	process("LOGGER", logger, 5, 250 * MS, 60 * MS);
	apex_log("INIT", "SET_PARTITION_MODE(NORMAL)");
	SET_PARTITION_MODE(NORMAL, &rc);
}

int main(void)
{
	apex_main(init, 1000);
}
