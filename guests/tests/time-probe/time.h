/* Exact time test (configs/test/test-time.c, test-time-pit.c): the plans,
 * shared by time-probe (system, measures), time-spin and time-storm. */
#ifndef TIME_TEST_H
#define TIME_TEST_H

#define P_PROBE 0
#define P_SPIN  1
#define P_STORM 2

#define US 1000ull

/* Plan 0: storm, probe, spin, probe, idle (the probe's windows follow the
 * restarting storm and the spinner).  Plan 1 after a switch: idle, probe,
 * storm, probe.  Plan 2: the probe alone, then idle, 10,000 frames.
 * Plan 3: the probe alone, the whole frame (its timers). */
#define PLAN0_MAJOR (2000 * US)
#define PLAN1_MAJOR (1500 * US)
#define PLAN2_MAJOR (500 * US)
#define PLAN3_MAJOR (1000 * US)

/* Window starts: configured instant to the first instruction, read by a
 * BH_HC_TIME at once (its own entry included).  Issue 13's target for the
 * local APIC.  The 8254 adds up to two of its 838 ns counts (rounded up,
 * and it starts on its clock's next edge): Bochs measures 3.3 us. */
#define BOUND_LAPIC_NS 2000u
#define BOUND_PIT_NS   4000u
/* A timer's expiry to its C handler's first statement (kernel interrupt,
 * upcall, libpart's dispatch, a BH_HC_TIME). */
#define TIMER_BOUND_LAPIC_NS 3000u
#define TIMER_BOUND_PIT_NS   4000u

#endif
