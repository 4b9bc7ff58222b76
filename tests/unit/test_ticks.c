/*
 * The validator's timing rule, checked against the scheduler it protects.
 *
 * The scheduler (kernel/core/sched.c) acts only on timer ticks: at each tick
 * it moves past every slot boundary that has passed and enters the slot the
 * tick falls in, so a window is entered at the first tick at or after its
 * start and left at the first tick at or after its end.  sched.c cannot be
 * compiled on the host (it switches address spaces and stacks), so
 * sched_tick's rule is re-implemented here, line for line: build_timeline
 * and the slot loop.  The tick times are the kernel's own: the real
 * kernel/core/time.c (time_init, time_tick) is linked in and driven with
 * the divisor the kernel programs (time_divisor_for_hz).
 *
 * The promise the validator makes for every configuration it accepts
 * (windows and frames of at least two ticks), documented in
 * docs/configuration.md: in every major frame each window is entered
 * exactly once, less than one tick period after its start, and runs for
 * its length +- one tick period (so never less than half of it).  And if
 * the kernel misses a tick now and then (never two in a row; the clock
 * keeps true time, so the next tick acts on everything that passed), each
 * window still runs in every frame, less than two periods late, for its
 * length +- two periods.  Checked here over at least 10,000 major frames of
 * - every valid configuration in configs/{demo,test,bench}/ and tests/unit/config_good.c,
 * - randomized configurations the validator accepts (fixed seed, printed),
 * and, the other way round, every fixture refused by the timing rule must
 * break that promise when simulated: a window starves or is cut short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bulkhead/config.h"
#include "core/time.h"

#define FRAMES      10000u     /* major frames simulated per plan */
#define N_RANDOM    40
#define SEED        0x5eed0011u
#define IDLE        0xffffffffu

/* time.c reads the counter only for time_now_ns, which nothing here calls. */
uint32_t arch_timer_counts_since_tick(void);
uint32_t arch_timer_counts_since_tick(void) { return 0; }
uint32_t arch_timer_counts_since_boundary(void);
uint32_t arch_timer_counts_since_boundary(void) { return 0; }
/* No free-running counter: time.c counts one period per tick. */
uint64_t arch_cycles(void) { return 0; }
uint64_t arch_cycles_per_count_q16(uint32_t divisor) { return 0; }
void arch_idle(void) {}
unsigned arch_rtc_seconds(void) { return 0; }

struct named_config {
	const char *file;
	void (*get)(struct bh_config *out);
};

#include "ticks_configs.h"

#define fail_with(...) do {                                                     \
	char why_[1024];                                                        \
	snprintf(why_, sizeof(why_), __VA_ARGS__);                              \
	_assert_true(0, why_, __FILE__, __LINE__);                              \
} while (0)

/* ------------------------------------------------ the scheduler's rule -- */

struct slot {
	uint32_t partition;        /* IDLE for a gap */
	uint32_t window;
	uint64_t start_ns, end_ns;
};

struct timeline {
	uint64_t major_ns;
	unsigned n_slots;
	struct slot slots[2 * BH_MAX_WINDOWS + 1];
};

/* As build_timeline in sched.c: windows in offset order, gaps idle. */
static void build_timeline(struct timeline *t, const struct bh_plan *p)
{
	uint64_t at = 0;

	t->major_ns = (uint64_t)p->major_frame_us * 1000;
	t->n_slots = 0;
	for (unsigned done = 0; done < p->n_windows; done++) {
		unsigned best = 0;
		uint32_t best_off = 0xffffffffu;

		for (unsigned i = 0; i < p->n_windows; i++)
			if ((uint64_t)p->windows[i].offset_us * 1000 >= at &&
			    p->windows[i].offset_us < best_off) {
				best = i;
				best_off = p->windows[i].offset_us;
			}
		if ((uint64_t)best_off * 1000 > at)
			t->slots[t->n_slots++] = (struct slot){ IDLE, 0, at,
								(uint64_t)best_off * 1000 };
		at = (uint64_t)(best_off + p->windows[best].duration_us) * 1000;
		t->slots[t->n_slots++] = (struct slot){ p->windows[best].partition, best,
							(uint64_t)best_off * 1000, at };
	}
	if (at < t->major_ns)
		t->slots[t->n_slots++] = (struct slot){ IDLE, 0, at, t->major_ns };
}

/* What happened to one window, over all the frames simulated. */
struct window_log {
	uint32_t entries;          /* in the frame under way */
	uint64_t entered_at;       /* 0 while not running */
	uint64_t last_run_end;     /* for the longest time without it */
	uint64_t longest_gap_ns;
	uint64_t min_run_ns, max_run_ns, max_delay_ns;
	uint32_t frames, missed;   /* frames completed / without an entry */
	uint32_t doubled;          /* frames with more than one entry */
};

struct sim {
	struct timeline tl[BH_MAX_PLANS];
	struct window_log log[BH_MAX_PLANS][BH_MAX_WINDOWS];
	unsigned n_plans, plan, next_plan, slot;
	uint64_t frame_start, slot_end;
	uint32_t frames_done;      /* major frames completed, any plan */
	int in_window;             /* the slot entered last is a window */
};

static void window_left(struct sim *s, uint64_t now)
{
	const struct slot *sl = &s->tl[s->plan].slots[s->slot];
	struct window_log *w = &s->log[s->plan][sl->window];
	uint64_t run = now - w->entered_at;

	if (run < w->min_run_ns)
		w->min_run_ns = run;
	if (run > w->max_run_ns)
		w->max_run_ns = run;
	w->last_run_end = now;
	s->in_window = 0;
}

static void enter_slot(struct sim *s, uint64_t now)
{
	const struct slot *sl = &s->tl[s->plan].slots[s->slot];
	struct window_log *w;
	uint64_t start = s->frame_start + sl->start_ns;

	s->slot_end = s->frame_start + sl->end_ns;
	if (sl->partition == IDLE)
		return;
	w = &s->log[s->plan][sl->window];
	w->entries++;
	w->entered_at = now;
	if (now - start > w->max_delay_ns)
		w->max_delay_ns = now - start;
	if (w->last_run_end && now - w->last_run_end > w->longest_gap_ns)
		w->longest_gap_ns = now - w->last_run_end;
	s->in_window = 1;
}

/* A frame of the current plan is over: did each window run in it? */
static void frame_done(struct sim *s)
{
	const struct timeline *t = &s->tl[s->plan];

	s->frames_done++;
	for (unsigned i = 0; i < t->n_slots; i++) {
		struct window_log *w;

		if (t->slots[i].partition == IDLE)
			continue;
		w = &s->log[s->plan][t->slots[i].window];
		w->frames++;
		w->missed += w->entries == 0;
		w->doubled += w->entries > 1;
		w->entries = 0;
	}
}

/* sched_tick: advance past every boundary that has passed. */
static void sim_tick(struct sim *s, uint64_t now)
{
	if (now < s->slot_end)
		return;
	if (s->in_window)
		window_left(s, now);
	do {
		if (++s->slot == s->tl[s->plan].n_slots) {
			frame_done(s);
			s->frame_start += s->tl[s->plan].major_ns;
			s->slot = 0;
			s->plan = s->next_plan;
		}
	} while (s->frame_start + s->tl[s->plan].slots[s->slot].end_ns <= now);
	enter_slot(s, now);
}

static void sim_init(struct sim *s, const struct bh_config *cfg, unsigned plan)
{
	memset(s, 0, sizeof(*s));
	s->n_plans = cfg->n_plans;
	for (unsigned p = 0; p < cfg->n_plans; p++) {
		build_timeline(&s->tl[p], &cfg->plans[p]);
		for (unsigned w = 0; w < BH_MAX_WINDOWS; w++)
			s->log[p][w].min_run_ns = UINT64_MAX;
	}
	s->plan = s->next_plan = plan;
}

static uint32_t rng_state = SEED;

static uint32_t rnd(uint32_t n)        /* 0..n-1, xorshift32 */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return n ? rng_state % n : 0;
}

/*
 * Run the plans from boot: sched_start starts the first frame at the time
 * it reads (phase_ns past a tick), then every tick calls sched_tick.  With
 * switch_every, the plan changes (at a frame's end, as a system partition's
 * request does) every switch_every frames; otherwise plan runs throughout.
 * With lose, a third of the ticks (never two in a row) are missed.
 */
static void simulate(struct sim *s, const struct bh_config *cfg, unsigned plan,
		     uint64_t phase_ns, uint32_t switch_every, uint32_t frames, int lose)
{
	uint32_t hz = cfg->tick_hz ? cfg->tick_hz : BH_DEFAULT_TICK_HZ;
	uint32_t seen = 0;
	int lost = 0;

	sim_init(s, cfg, plan);
	time_init(time_divisor_for_hz(hz));
	for (unsigned i = 0; i < 3; i++)
		time_tick();            /* boot took a few ticks */
	s->frame_start = timebase.tick_ns + phase_ns;
	s->slot = 0;
	enter_slot(s, s->frame_start);
	while (s->frames_done < frames) {
		time_tick();
		lost = lose && !lost && rnd(3) == 0;
		if (!lost)
			sim_tick(s, timebase.tick_ns);
		if (switch_every && s->frames_done != seen) {
			seen = s->frames_done;
			if (seen % switch_every == 0)
				s->next_plan = (s->plan + 1) % s->n_plans;
		}
	}
}

/* ------------------------------------------------------------ verdicts -- */

/* ceil(one tick) in ns: the kernel's tick times are whole ns, floored. */
static uint64_t tick_ceil_ns(const struct bh_config *cfg)
{
	uint32_t hz = cfg->tick_hz ? cfg->tick_hz : BH_DEFAULT_TICK_HZ;
	uint64_t div = time_divisor_for_hz(hz);

	return (div * 1000000000ull + BH_TIMER_INPUT_HZ - 1) / BH_TIMER_INPUT_HZ;
}

/*
 * The promise for window w of plan p, with slack ticks of tolerance (1,
 * or 2 when ticks were lost): why it is broken, or NULL.  A plan that
 * never ran is not judged.
 */
static const char *broken(const struct bh_config *cfg, const struct sim *s,
			  unsigned p, unsigned w, unsigned slack, char *why, size_t len)
{
	const struct window_log *l = &s->log[p][w];
	uint64_t d = (uint64_t)cfg->plans[p].windows[w].duration_us * 1000;
	uint64_t tick = tick_ceil_ns(cfg) * slack;

	if (!l->frames)
		return NULL;
	if (l->missed)
		snprintf(why, len, "missed %u of %u frames, %llu us without the CPU",
			 l->missed, l->frames, (unsigned long long)l->longest_gap_ns / 1000);
	else if (l->doubled)
		snprintf(why, len, "entered twice in %u frames", l->doubled);
	else if (l->max_delay_ns >= tick)
		snprintf(why, len, "started %llu ns late, a tick is %llu ns",
			 (unsigned long long)l->max_delay_ns, (unsigned long long)tick);
	else if ((slack == 1 && l->min_run_ns * 2 < d) || l->min_run_ns + tick <= d)
		snprintf(why, len, "ran only %llu ns of %llu",
			 (unsigned long long)l->min_run_ns, (unsigned long long)d);
	else if (l->max_run_ns >= d + tick)
		snprintf(why, len, "ran %llu ns of %llu", (unsigned long long)l->max_run_ns,
			 (unsigned long long)d);
	else
		return NULL;
	return why;
}

/* The first broken promise of any window in any plan, into why. */
static int find_broken(const struct bh_config *cfg, const struct sim *s,
		       unsigned slack, char *why, size_t len)
{
	char one[256];

	for (unsigned p = 0; p < cfg->n_plans; p++)
		for (unsigned w = 0; w < cfg->plans[p].n_windows; w++)
			if (broken(cfg, s, p, w, slack, one, sizeof(one))) {
				snprintf(why, len, "plan %u window %u (%u us at offset %u us, "
					 "tick_hz %u): %s", p, w,
					 cfg->plans[p].windows[w].duration_us,
					 cfg->plans[p].windows[w].offset_us, cfg->tick_hz, one);
				return 1;
			}
	return 0;
}

/* Each plan alone from boot at a few tick phases, then all in turn. */
static void check_keeps_promise(const char *what, const struct bh_config *cfg)
{
	static struct sim s;
	uint64_t tick = tick_ceil_ns(cfg);
	char why[512];

	for (unsigned p = 0; p < cfg->n_plans; p++)
		for (uint64_t phase = 0; phase < tick; phase += tick / 3 + 1) {
			simulate(&s, cfg, p, phase, 0, FRAMES, 0);
			if (find_broken(cfg, &s, 1, why, sizeof(why)))
				fail_with("%s (accepted) broke the timing promise, from "
					  "phase %llu ns: %s", what,
					  (unsigned long long)phase, why);
			simulate(&s, cfg, p, phase, 0, FRAMES, 1);
			if (find_broken(cfg, &s, 2, why, sizeof(why)))
				fail_with("%s (accepted) broke the timing promise with lost "
					  "ticks, from phase %llu ns: %s", what,
					  (unsigned long long)phase, why);
		}
	if (cfg->n_plans > 1) {
		simulate(&s, cfg, cfg->initial_plan, tick / 2, 7, FRAMES * cfg->n_plans, 0);
		if (find_broken(cfg, &s, 1, why, sizeof(why)))
			fail_with("%s (accepted) broke the timing promise while switching "
				  "plans: %s", what, why);
	}
}

/* --------------------------------------------------------------- tests -- */

static void test_valid_configs(void **state)
{
	char msg[512];

	for (size_t i = 0; i < BH_ARRAY_SIZE(valid_configs); i++) {
		static struct bh_config cfg;

		valid_configs[i].get(&cfg);
		if (bh_config_validate(&cfg, NULL, msg, sizeof(msg)) < 0)
			fail_with("%s is refused: %s", valid_configs[i].file, msg);
		check_keeps_promise(valid_configs[i].file, &cfg);
		print_message("%s: every window ran in each of %u+ frames per plan\n",
			      valid_configs[i].file, FRAMES);
	}
}

/* Each fixture of the timing rule is refused, and rightly so: simulated,
 * some window misses frames or is cut short, with every tick or when the
 * kernel misses one now and then. */
static void test_refused_would_starve(void **state)
{
	static struct sim s;
	char msg[512], why[512];

	for (size_t i = 0; i < BH_ARRAY_SIZE(refused_configs); i++) {
		static struct bh_config cfg;
		int hit = 0;

		/* The same lost ticks for a fixture however many configurations
		 * the other tests simulated before it. */
		rng_state = SEED;
		refused_configs[i].get(&cfg);
		if (bh_config_validate(&cfg, NULL, msg, sizeof(msg)) != -BH_EINVAL ||
		    !strstr(msg, "two timer ticks"))
			fail_with("%s: expected the timing rule to refuse it, got \"%s\"",
				  refused_configs[i].file, msg);
		for (unsigned p = 0; p < cfg.n_plans && !hit; p++) {
			simulate(&s, &cfg, p, 0, 0, FRAMES, 0);
			hit = find_broken(&cfg, &s, 1, why, sizeof(why));
			if (hit)
				break;
			simulate(&s, &cfg, p, 0, 0, FRAMES, 1);
			hit = find_broken(&cfg, &s, 2, why, sizeof(why));
		}
		if (!hit)
			fail_with("%s is refused, but over %u frames every window kept the "
				  "promise: the rule is stricter than it needs to be",
				  refused_configs[i].file, FRAMES);
		print_message("%s: %s\n", refused_configs[i].file, why);
	}
}

/* A random plan of windows of at least two ticks, some exactly that long,
 * with gaps of any length (shorter than a tick too) between them. */
static void random_plan(struct bh_plan *p, uint32_t n_parts, uint32_t min_us,
			uint32_t tick_us)
{
	uint32_t at = rnd(2) ? 0 : rnd(3 * tick_us);

	p->n_windows = 1 + rnd(6);
	for (uint32_t w = 0; w < p->n_windows; w++) {
		uint32_t d = rnd(3) ? min_us + rnd(4 * tick_us) : min_us;

		p->windows[w] = (struct bh_window){ rnd(n_parts), at, d };
		at += d + (rnd(2) ? 0 : rnd(3 * tick_us));
	}
	p->major_frame_us = at + (rnd(2) ? 0 : rnd(2 * tick_us));
	for (uint32_t w = 0; w + 1 < p->n_windows; w++) {   /* shuffle */
		uint32_t k = w + rnd(p->n_windows - w);
		struct bh_window t = p->windows[w];

		p->windows[w] = p->windows[k];
		p->windows[k] = t;
	}
}

static void random_config(struct bh_config *c)
{
	static const uint32_t rates[] = { 0, 100, 250, 1000, 1024, 3000, 4000, 10000 };
	static const char *const names[] = { "p0", "p1", "p2", "p3" };
	uint32_t hz, div, min_us, tick_us;

	memset(c, 0, sizeof(*c));
	c->signature = BH_CONFIG_SIGNATURE;
	c->revision = BH_CONFIG_REVISION;
	c->tick_hz = rnd(3) ? rates[rnd(BH_ARRAY_SIZE(rates))] : 100 + rnd(9901);
	hz = c->tick_hz ? c->tick_hz : BH_DEFAULT_TICK_HZ;
	div = time_divisor_for_hz(hz);
	tick_us = (uint32_t)((uint64_t)div * 1000000 / BH_TIMER_INPUT_HZ);
	min_us = (uint32_t)((2ull * div * 1000000 + BH_TIMER_INPUT_HZ - 1) / BH_TIMER_INPUT_HZ);
	c->n_partitions = 4;
	for (uint32_t i = 0; i < 4; i++)
		c->partitions[i] = (struct bh_partition_config){
			.name = names[i], .module = names[i], .mem_size = 0x10000 };
	c->n_plans = 1 + rnd(BH_MAX_PLANS);
	for (uint32_t p = 0; p < c->n_plans; p++)
		random_plan(&c->plans[p], 4, min_us, tick_us);
}

static void test_random_accepted(void **state)
{
	char msg[512], what[64];

	print_message("random configurations from seed 0x%08x\n", SEED);
	for (int i = 0; i < N_RANDOM; i++) {
		static struct bh_config cfg;

		random_config(&cfg);
		snprintf(what, sizeof(what), "random configuration %d", i);
		if (bh_config_validate(&cfg, NULL, msg, sizeof(msg)) < 0)
			fail_with("%s was meant to be valid: %s", what, msg);
		check_keeps_promise(what, &cfg);
	}
}

/* Just under the rule, the same generator's windows do break the promise
 * in some configuration: the rule is not looser than it needs to be. */
static void test_random_half_tick_window(void **state)
{
	static struct sim s;
	char msg[512], why[512];
	int refused = 0, broke = 0;

	for (int i = 0; i < N_RANDOM; i++) {
		static struct bh_config cfg;
		uint32_t div, p;

		random_config(&cfg);
		div = time_divisor_for_hz(cfg.tick_hz ? cfg.tick_hz : BH_DEFAULT_TICK_HZ);
		/* One window becomes half a tick long: it can be skipped. */
		p = rnd(cfg.n_plans);
		cfg.plans[p].windows[0].duration_us =
			(uint32_t)((uint64_t)div * 500000 / BH_TIMER_INPUT_HZ);
		if (bh_config_validate(&cfg, NULL, msg, sizeof(msg)) < 0 &&
		    strstr(msg, "two timer ticks"))
			refused++;
		simulate(&s, &cfg, p, 0, 0, FRAMES, 0);
		broke += find_broken(&cfg, &s, 1, why, sizeof(why));
	}
	if (refused != N_RANDOM || broke != N_RANDOM)
		fail_with("with a half-tick window: %d of %d refused, %d of %d broke the "
			  "promise in simulation", refused, N_RANDOM, broke, N_RANDOM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_configs),
		cmocka_unit_test(test_refused_would_starve),
		cmocka_unit_test(test_random_accepted),
		cmocka_unit_test(test_random_half_tick_window),
	};

	if (BH_ARRAY_SIZE(valid_configs) < 10 || BH_ARRAY_SIZE(refused_configs) < 4) {
		fprintf(stderr, "only %zu valid and %zu refused configurations found\n",
			BH_ARRAY_SIZE(valid_configs), BH_ARRAY_SIZE(refused_configs));
		return 1;
	}
	return cmocka_run_group_tests_name("ticks", tests, NULL, NULL);
}
