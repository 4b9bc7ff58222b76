/*
 * fms: the flight-management partition of the ARINC 653 example
 * (configs/demo/arinc653.c).  RECEIVER waits on the AP_CMD_IN queuing port
 * with a 270 ms time-out (it blocks on the port's notification line; a
 * command from nav releases it, and so does the time-out); MONITOR reads
 * the ALTITUDE_IN sampling port every 500 ms.  As the system partition,
 * fms ends the run 3 s after it entered NORMAL.
 */
#include "libpart.h"
#include "arinc653.h"

#define MS 1000000LL
#define RUN_TIME (3000 * MS)

static SAMPLING_PORT_ID_TYPE alt_in;
static SYSTEM_TIME_TYPE started;       /* entering NORMAL */
static QUEUING_PORT_ID_TYPE cmd_in;
static int commands, timeouts;

static void receiver(void)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char cmd[48];

	for (;;) {
		RECEIVE_QUEUING_MESSAGE(cmd_in, 270 * MS, (MESSAGE_ADDR_TYPE)cmd, &len, &rc);
		if (rc == NO_ERROR) {
			commands++;
			apex_log("RECEIVER", "command \"%s\"", cmd);
		} else if (rc == TIMED_OUT) {
			timeouts++;
			apex_log("RECEIVER", "no command for 270 ms: TIMED_OUT");
		} else {
			apex_log("RECEIVER", "RECEIVE_QUEUING_MESSAGE: return code %d", (int)rc);
			TIMED_WAIT(100 * MS, &rc);
		}
	}
}

static void monitor(void)
{
	QUEUING_PORT_STATUS_TYPE qs;
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	VALIDITY_TYPE valid;
	SYSTEM_TIME_TYPE now;
	char alt[32];

	for (;;) {
		READ_SAMPLING_MESSAGE(alt_in, (MESSAGE_ADDR_TYPE)alt, &len, &valid, &rc);
		if (rc == NO_ERROR)
			apex_log("MONITOR", "altitude %s ft (%s)", alt, valid == VALID ? "VALID" : "INVALID");
		else
			apex_log("MONITOR", "no altitude yet");
		GET_TIME(&now, &rc);
		if (now - started >= RUN_TIME) {
			GET_QUEUING_PORT_STATUS(cmd_in, &qs, &rc);
			apex_log("MONITOR", "end of run: %d commands, %d time-outs, %ld queued",
			    commands, timeouts, qs.NB_MESSAGE);
			bh_printf("ARINC 653 example done\n");
			bh_console_flush();
			bh_shutdown(0);
		}
		PERIODIC_WAIT(&rc);
	}
}

static void start(const char *name, void (*entry)(void), PRIORITY_TYPE prio,
		  SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = capacity, .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry,
		.STACK_SIZE = 8192, .BASE_PRIORITY = prio, .DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	bh_snprintf(a.NAME, sizeof(a.NAME), "%s", name);
	CREATE_PROCESS(&a, &id, &rc);
	if (rc == NO_ERROR)
		START(id, &rc);
	if (rc != NO_ERROR)
		apex_log("INIT", "process %s: return code %d", name, (int)rc);
}

static void init(void)
{
	RETURN_CODE_TYPE rc;

	apex_log("INIT", "creating ports and processes");
	CREATE_SAMPLING_PORT("ALTITUDE_IN", 32, DESTINATION, 200 * MS, &alt_in, &rc);
	if (rc != NO_ERROR)
		apex_log("INIT", "CREATE_SAMPLING_PORT: return code %d", (int)rc);
	CREATE_QUEUING_PORT("AP_CMD_IN", 48, 4, DESTINATION, FIFO, &cmd_in, &rc);
	if (rc != NO_ERROR)
		apex_log("INIT", "CREATE_QUEUING_PORT: return code %d", (int)rc);
	start("RECEIVER", receiver, 20, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	start("MONITOR", monitor, 10, 500 * MS, 400 * MS);
	apex_log("INIT", "SET_PARTITION_MODE(NORMAL)");
	GET_TIME(&started, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
}

int main(void)
{
	apex_main(init, 1000);
}
