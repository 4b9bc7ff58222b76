/*
 * System case "smp2-cpu1-time" (issue 14): test-time.c's whole schedule
 * on cpu 1, cpu 0 without windows: an application processor's own
 * timeline, timer and plan switches as exact as the boot CPU's.
 */
#define TIME_CPU 1
#include "test-time.c"

/* The host tests include every configuration into one file. */
#undef TIME_CPU
#undef PROBE_NAME
