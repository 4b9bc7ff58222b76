/*
 * iso-part: the well-behaved partitions of the isolation system tests.
 * One image, several roles; a partition's role is its configured name
 * (configs/test/test-sched.c, configs/test/test-hm.c), so each configuration reads
 * as a description of the experiment.
 *
 * Everything here is compiled with -mgeneral-regs-only (guest.mk): the C
 * code never touches x87/SSE registers, so the FPU patterns loaded by
 * fpu_regs.S can only change if the kernel fails to save and restore them.
 */
#ifndef ISO_H
#define ISO_H

#include "bh_test.h"

#define US        1000ull            /* ns */
#define MS        1000000ull
#define TICK_NS   MS                 /* the test configurations run at 1000 Hz */
/*
 * A boundary is acted on at the first tick at or after it (up to one tick
 * late, sched.c); seeing it costs the partition a switch, maybe an upcall
 * and a clock hypercall more: a few microseconds.
 */
#define SEEN_WITHIN_NS (TICK_NS + 50 * US)
#define ISO_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ verdicts -- */
/*
 * A check that runs over many windows keeps its first failure (with
 * file:line) and is reported once at the end, as one TEST line.
 */
struct verdict {
	const char *name;
	const char *file;
	int line;
	char why[160];
};

#define VFAIL(v, ...) verdict_fail((v), __FILE__, __LINE__, __VA_ARGS__)
void verdict_fail(struct verdict *v, const char *file, int line,
		  const char *fmt, ...) BH_PRINTF(4, 5);
void verdict_report(const struct verdict *v);
static inline int verdict_failed(const struct verdict *v) { return v->file != 0; }

/* ------------------------------------------------------------- windows -- */

/* This partition's (single) window in one schedule plan, from the config. */
struct win_plan {
	uint32_t major_us;
	uint32_t offset_us;
	uint32_t length_us;
	uint32_t window;           /* its index in the plan's windows[] */
};

/* What a partition sees at the start of one of its windows. */
struct win_obs {
	uint32_t plan, window;
	uint64_t start, length;    /* bh_vcpu->window_start_ns, window_length_ns */
	uint64_t now;              /* bh_now_ns(), read right after */
};

struct win_check {
	const struct win_plan *plans;
	unsigned n_plans;
	unsigned seen;             /* windows checked */
	unsigned seen_in_plan[4];
	int have_prev;
	struct win_obs prev;
	uint64_t max_late;         /* largest now - start seen */
	unsigned rebased;          /* our own work outlasted a window */
	struct verdict v;
};

void win_init(struct win_check *w, const char *test, const struct win_plan *plans,
	      unsigned n_plans);
/* The vCPU page and the wall clock, now. */
void win_snapshot(struct win_obs *o);
/* Record o as the previous window without checking it (the window the
 * partition started in: it was not observed at its start). */
void win_baseline(struct win_check *w, const struct win_obs *o);
/* Check o against the plan and against the previous window; 0 if good. */
int win_observe(struct win_check *w, const struct win_obs *o);
/* bh_yield, noting whether we overran the window we observed. */
void win_yield(struct win_check *w);
/* Frame start of an observed window, by the plan. */
uint64_t win_frame_start(const struct win_check *w, const struct win_obs *o);

/* A 64-bit field the kernel may update at any tick, read without tearing. */
uint64_t read_u64(const volatile uint64_t *p);

/* ----------------------------------------------------------------- FPU -- */

struct fpu_area {
	uint8_t b[512];
} __attribute__((aligned(16)));

/* fpu_regs.S: load x87 control word, MXCSR, st0-7 and xmm0-7 from a pattern
 * derived from seed; save the whole state (fxsave). */
void fpu_load_pattern(unsigned seed);
void fpu_save(struct fpu_area *a);
/* Compare the register parts of two saves; -1 if equal, else the offset
 * of the first difference (and its region in *what). */
int fpu_diff(const struct fpu_area *a, const struct fpu_area *b, const char **what);

/* ---------------------------------------------------------------- roles -- */

void role_ctl(void);
void role_spin(void);
void role_yield(void);
void role_obs(void);
void role_edge(void);
void role_spam(void);
void role_watch(void);
void role_big(void);
void role_hmwatch(void);
void role_stepper(void);
void role_faulter(void);
void role_nofpu(void);
void role_fpuwatch(void);

#endif
