/* test-smp-time.c over four CPUs (system case smp4-interference): the
 * probe on cpu 1, the spinner on cpu 2, the storm and the flood on cpu 3. */
#define SMP_CPUS 4
#include "test-smp-time.c"
