/* test-smp-time.c over four CPUs (issue 14; not yet a system case, see there). */
#define SMP_CPUS 4
#include "test-smp-time.c"
