/*
 * System case "smp2-arch-hostile" (issue 14): test-arch.c with the
 * hostile partition on cpu 1 and its neighbour on cpu 0: every attempt on
 * the entry path (V86, NT, IOPL, LDT selectors, task-gate vectors, UMIP
 * instructions) made on an application processor, with its own GDT, TSS
 * and stacks, restarts only the culprit.
 */
#define HOSTILE_CPU 1
#include "test-arch.c"

/* The host tests include every configuration into one file. */
#undef HOSTILE_CPU
