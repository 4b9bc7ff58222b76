/* System case "smp4-time" (issue 14): test-smp-time.c over four CPUs. */
#define SMP_CPUS 4
#include "test-smp-time.c"
