/*
 * System case "smp2-ports" (issue 14): test-ports.c with port-tx and
 * port-mon on cpu 0, port-rx and port-rs on cpu 1: every channel crosses
 * CPUs, each message and its notification go from one CPU to the other.
 */
#define RX_CPU 1
#include "test-ports.c"

/* The host tests include every configuration into one file. */
#undef RX_CPU
