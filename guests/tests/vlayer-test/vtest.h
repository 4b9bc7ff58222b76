/*
 * vlayer-test: conformance tests of the RTEMS virtualization layer
 * (rtems_virt.h).  Every case checks a behaviour the original layer got
 * wrong, so it fails on that behaviour.
 */
#ifndef VTEST_H
#define VTEST_H

#include "bh_test.h"
#include "rtems_virt.h"

#define MS  1000000ull          /* ns */
#define WAIT_LIMIT_NS (2000 * MS)

/* main.c: per-line deliveries seen by our C_dispatch_isr. */
extern volatile uint32_t isr_count[BH_NR_VLINES];
/* Deliveries + coalesced expiries of the tick while the clock test runs. */
extern volatile uint32_t clock_ticks_counted;
extern volatile int clock_counting;
/* The highest vector C_dispatch_isr was given. */
extern volatile int max_vector_seen;
/* The timer's deliveries, as the BSP numbers them. */
#define CLOCK_ISRS (isr_count[RTEMS_VIRT_CLOCK_VECTOR])

/* Before each case: disabled, no timer, timer line free. */
void vtest_reset(void);
/* Arm a one-shot timer ms from now on the wall clock (line requested). */
int arm_oneshot_ms(unsigned ms);
/* Spin (interrupts as they are) until a line is pending; 0 on time-out. */
int wait_pending(unsigned line);
/* Spin for ns of wall time with interrupts as they are. */
void spin_ns(uint64_t ns);

/* Character output through the layer: each prints its own TEST line. */
void char_write_output(void);
void char_write_string(void);

#endif
