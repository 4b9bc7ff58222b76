/*
 * virq-test: system tests of virtual interrupt delivery, run by the
 * system partition of configs/test/test-virq.c.  Each case checks one promise
 * of include/bulkhead/vcpu.h and says which one failed.
 *
 * The schedule is part of what is tested, so its numbers are repeated here
 * and must match configs/test/test-virq.c: a 10 ms major frame, this partition
 * in [0, 6 ms), virq-hostile in [6 ms, 10 ms), a 1000 Hz kernel tick.
 */
#ifndef VIRQ_H
#define VIRQ_H

#include "bh_test.h"

#define US           1000ull         /* ns */
#define MS           1000000ull
#define TICK_NS      (1 * MS)        /* tick_hz = 1000 */
#define MAJOR_NS     (10 * MS)
#define WINDOW_NS    (6 * MS)        /* ours, at offset 0 */
#define PEER_ID      1               /* virq-hostile's partition id */
/* A delivery may trail its cause by up to one kernel tick (timers and
 * window boundaries are acted on at ticks), plus the few microseconds of
 * the delivery path and the handler's own clock read. */
#define LATENCY_NS   (TICK_NS + 100 * US)
#define WAIT_NS      (200 * MS)      /* a wait that fails a case */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A call's return code, printed as a signed number when it is wrong. */
#define EXPECT_RC(call, want)                                           \
	do {                                                            \
		int rc_ = (call);                                       \
		BH_EXPECT(rc_ == (want), "%s returned %d, expected %d", \
			  #call, rc_, (int)(want));                     \
	} while (0)

/* COM2 (configs/test/test-virq.c grants its ports and line 3). */
#define COM2_PORT    0x2f8
#define COM2_LINE    3

/* common.c */
extern volatile uint32_t hits[BH_NR_VLINES];   /* count_handler calls */
void count_handler(unsigned line, void *arg);
/* Spin, interrupts as they are, until *counter != from; 0 on time-out. */
int wait_change(volatile uint32_t *counter, uint32_t from, uint64_t limit_ns);
void spin_ns(uint64_t ns);
/* Resume execution at the start of our next window; returns its start. */
uint64_t next_window(void);
/* Run the registered cases of SUITE (bh_test.h), each from a clean state
 * and cleaned up after. */
void virq_suite(const char *suite);

/* regloop.S: 0 if every register and flag survived until virq_loop_stop,
 * else the number of the check that failed (see regloop.S). */
extern volatile uint32_t virq_loop_stop;
int virq_regloop(uint32_t max_iterations);
extern char virq_regloop_body[], virq_regloop_end[];

/* com2 THR-empty interrupts as a device line we can raise at will. */
int thre_init(void);
void thre_raise(void);
void thre_service(void);

/* Sets up COM2 for the device suite; reports a FAIL and returns 0 if absent. */
int device_ready(void);

#endif
