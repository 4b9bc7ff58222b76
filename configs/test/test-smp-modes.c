/*
 * System case "smp2-modes" (issue 14): test-modes.c with mode-sub and
 * mode-peer on cpu 1, mode-ctl on cpu 0: the system partition stops,
 * starts and restarts a partition of another CPU, applied there at a safe
 * point (an entry from ring 3, or the partition's window start).
 */
#define SUB_CPU 1
#include "test-modes.c"
