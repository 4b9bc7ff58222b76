/*
 * System test "time-pit": test-time.c with the probe named probe-pit, so
 * that it holds the 8254's bound (the case selects timer=pit, or a CPU
 * without a local APIC).
 */
#define PROBE_NAME "probe-pit"
#include "test-time.c"
