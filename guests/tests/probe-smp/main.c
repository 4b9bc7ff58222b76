/* time-probe with its two window cases only, shorter (system cases
 * smp2-interference and smp4-interference, configs/test/test-smp-time.c). */
#define TIME_PROBE_WINDOWS_ONLY
#include "../time-probe/main.c"
