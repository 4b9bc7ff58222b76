/*
 * apex-peer: apex-test's partner, an APEX partition.  ECHO waits on P_PING
 * (no time-out) and answers each message m with "pong:m" on P_PONG; BEAT
 * writes "alive N" on the P_SAMP sampling port every 50 ms.  P_FULL is
 * read only when a ping says "drain" (emptied, then answered), P_IDLE and
 * P_SNONE are never written.  "warm" restarts the partition warm
 * (SET_PARTITION_MODE), "info" answers the mode and start condition its
 * initialisation found.
 */
#include "libpart.h"
#include "arinc653.h"

#define MS 1000000LL

static QUEUING_PORT_ID_TYPE ping, pong, full, idle;
static PARTITION_STATUS_TYPE at_init;     /* as the last start found it */
static SAMPLING_PORT_ID_TYPE samp, sin, snone;

/* Empty P_FULL (its source then learns there is room). */
static void drain(void)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char m[32];

	do
		RECEIVE_QUEUING_MESSAGE(full, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
	while (rc == NO_ERROR);
}

static void echo(void)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	char m[32], r[32];
	int n;

	for (;;) {
		RECEIVE_QUEUING_MESSAGE(ping, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)m, &len, &rc);
		if (rc != NO_ERROR)
			continue;
		if (bh_strcmp(m, "drain") == 0)
			drain();
		if (bh_strcmp(m, "warm") == 0)
			SET_PARTITION_MODE(WARM_START, &rc);   /* does not return */
		if (bh_strcmp(m, "info") == 0)
			n = bh_snprintf(r, sizeof(r), "pong:init:%d:%d", (int)at_init.OPERATING_MODE,
					(int)at_init.START_CONDITION);
		else
			n = bh_snprintf(r, sizeof(r), "pong:%s", m);
		SEND_QUEUING_MESSAGE(pong, (MESSAGE_ADDR_TYPE)r, n + 1, 100 * MS, &rc);
	}
}

static void beat(void)
{
	RETURN_CODE_TYPE rc;
	char m[16];
	int n = 0, k;

	for (;;) {
		k = bh_snprintf(m, sizeof(m), "alive %d", n++);
		WRITE_SAMPLING_MESSAGE(samp, (MESSAGE_ADDR_TYPE)m, k + 1, &rc);
		PERIODIC_WAIT(&rc);
	}
}

static void start(const char *name, void (*entry)(void), SYSTEM_TIME_TYPE period)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = period,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = 8192,
		.BASE_PRIORITY = 10, .DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	bh_snprintf(a.NAME, sizeof(a.NAME), "%s", name);
	CREATE_PROCESS(&a, &id, &rc);
	START(id, &rc);
	if (rc != NO_ERROR)
		bh_printf("START %s: %d\n", name, (int)rc);
}

static void init(void)
{
	RETURN_CODE_TYPE rc[7];

	GET_PARTITION_STATUS(&at_init, &rc[0]);
	CREATE_QUEUING_PORT("P_PING", 32, 4, DESTINATION, FIFO, &ping, &rc[0]);
	CREATE_QUEUING_PORT("P_PONG", 32, 4, SOURCE, FIFO, &pong, &rc[1]);
	CREATE_QUEUING_PORT("P_FULL", 32, 4, DESTINATION, FIFO, &full, &rc[2]);
	CREATE_QUEUING_PORT("P_IDLE", 32, 4, SOURCE, FIFO, &idle, &rc[3]);
	CREATE_SAMPLING_PORT("P_SAMP", 16, SOURCE, 0, &samp, &rc[4]);
	CREATE_SAMPLING_PORT("P_SIN", 16, DESTINATION, 0, &sin, &rc[5]);
	CREATE_SAMPLING_PORT("P_SNONE", 16, SOURCE, 0, &snone, &rc[6]);
	for (int i = 0; i < 7; i++)
		if (rc[i] != NO_ERROR)
			bh_printf("port %d: return code %d\n", i, (int)rc[i]);
	start("ECHO", echo, INFINITE_TIME_VALUE);
	start("BEAT", beat, 50 * MS);
	SET_PARTITION_MODE(NORMAL, &rc[0]);
}

int main(void)
{
	apex_main(init, 1000);
}
