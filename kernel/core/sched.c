/*
 * The cyclic scheduler.  Each plan is turned at boot into a timeline of
 * slots covering the whole major frame (windows, and idle gaps between
 * them).  Slot boundaries are computed from the start of the major frame in
 * nanoseconds, so they never drift.  The one-shot timer is armed for the
 * slot's end (or the running partition's timer, if sooner), so a boundary
 * is acted on when it comes, not at the next tick; with the periodic tick
 * (timer=periodic) at the first tick at or after it.
 */
#include "core/sched.h"
#include "core/partition.h"
#include "core/vcpu.h"
#include "core/time.h"
#include "core/console.h"
#include "core/lib.h"
#include <bulkhead/errno.h>
#include "core/arch.h"
#include "core/trace.h"
#include "core/lock.h"

#define MAX_SLOTS (2 * BH_MAX_WINDOWS + 1)
#define IDLE_SLOT 0xffffffffu

struct slot {
	uint32_t partition;        /* IDLE_SLOT for a gap */
	uint32_t window;           /* index in the configured plan */
	uint64_t start_ns, end_ns; /* from the start of the major frame */
	uint32_t guard_ns;         /* cut this early: another partition follows */
	/* Computed with the timeline, for sched_window_end: */
	struct partition *part;    /* &partitions[partition], NULL for a gap */
	uint64_t len_ns;           /* end_ns - start_ns */
	const struct slot *next;   /* the slot after it (the first after the last) */
	uint64_t next_frame_ns;    /* what next's frame starts after this one's: 0 or major */
	uint32_t next_index;       /* next's index */
	uint32_t frame_end;        /* next is the last slot or the first: a plan
				    * switch may change its guard or the plan */
};

struct timeline {
	uint64_t major_ns;
	unsigned n_slots;
	struct slot slots[MAX_SLOTS];
};

/*
 * Each CPU turns its own timeline of each plan (its windows only), on
 * the common frame grid: every CPU's frames start at the same instants of
 * the common time base, so a plan switch (next_plan, from the frame that
 * starts at switch_at) takes effect on every CPU at the same boundary.
 * Everything else of a CPU's schedule is its own (struct pcpu).
 */
static struct timeline timelines[BH_MAX_PLANS][BH_MAX_CPUS];
static unsigned n_plans, initial_plan;
static unsigned ncpus_sched = 1;        /* CPUs that run a schedule */
uint64_t sched_t0;                      /* a multi-CPU schedule's first frame */

/*
 * The plan switches asked for, shared: the last two (a CPU may still be
 * finishing the frame before the older one while the newer is asked),
 * each a plan and the frame start from which it runs (0: none).  Written
 * under switch_lock with a sequence count (odd while they change), read
 * by every CPU at its frame ends without the lock.
 */
struct plan_switch {
	unsigned plan;
	uint64_t at;
};
static struct tlock switch_lock;
static volatile uint32_t switch_seq;
static struct plan_switch sw_old, sw_new;
static uint32_t sw_asked;       /* sw_new.at != 0, as one word (sched_window_end) */
/*
 * sched.h: ONE_PASS_FIXED clear where one CPU runs the schedule
 * (arch_smp, vcpu_smp, both set at boot before sched_start) with the
 * one-shot timer (chosen by time_init, before it); the trace's bits as
 * trace_mask's from trace_init on.
 */
uint32_t one_pass_off = ONE_PASS_FIXED | ONE_PASS_ENTRY;

#define cplan (pcpu_this()->plan)
#define cslot (pcpu_this()->slot)
#define cframe (pcpu_this()->frame_start)
#define cend (pcpu_this()->slot_end)
#define cswitches (pcpu_this()->switches)
#define TL(pl) (&timelines[pl][arch_cpu_id()])
uint32_t sched_guard_ns = SCHED_GUARD_NS;

static void add_slot(struct timeline *t, uint32_t part, uint32_t win,
		     uint64_t start, uint64_t end)
{
	struct slot *s = &t->slots[t->n_slots++];

	s->partition = part;
	s->window = win;
	s->start_ns = start;
	s->end_ns = end;
	s->part = part == IDLE_SLOT ? 0 : &partitions[part];
	s->len_ns = end - start;
}

/*
 * A window needs the guard (sched.h) only where another partition's
 * window could follow within it: not before a window of the same
 * partition, nor before a gap at least as long as the guard.  A window
 * shorter than twice the guard keeps all its time (the validator warns
 * of none such in one-shot plans: they exist only in tests).
 */
static void set_guards(struct timeline *t)
{
	unsigned i;

	for (i = 0; i < t->n_slots; i++) {
		struct slot *s = &t->slots[i];
		const struct slot *nx = &t->slots[(i + 1) % t->n_slots];

		s->guard_ns = 0;
		if (s->partition == IDLE_SLOT || nx->partition == s->partition ||
		    s->end_ns - s->start_ns < 2 * (uint64_t)sched_guard_ns)
			continue;
		if (nx->partition == IDLE_SLOT && nx->end_ns - nx->start_ns >= sched_guard_ns)
			continue;
		s->guard_ns = sched_guard_ns;
	}
}

/* Each slot's successor, for sched_window_end. */
static void link_slots(struct timeline *t)
{
	for (unsigned i = 0; i < t->n_slots; i++) {
		struct slot *s = &t->slots[i];
		unsigned n = i + 1 == t->n_slots ? 0 : i + 1;

		s->next = &t->slots[n];
		s->next_index = n;
		s->next_frame_ns = n ? 0 : t->major_ns;
		s->frame_end = n == 0 || n == t->n_slots - 1;
	}
}

/* Windows in offset order, with idle slots filling the gaps (validated
 * configurations have no overlaps). */
static void build_timeline(struct timeline *t, const struct bh_plan *p, uint32_t cpu)
{
	uint64_t at = 0;
	unsigned done = 0;

	t->major_ns = (uint64_t)p->major_frame_us * 1000;
	t->n_slots = 0;
	for (unsigned i = 0; i < p->n_windows; i++)
		if (p->windows[i].cpu != cpu)
			done++;
	while (done < p->n_windows) {
		unsigned i, best = 0;
		uint32_t best_off = 0xffffffffu;

		for (i = 0; i < p->n_windows; i++)
			if (p->windows[i].cpu == cpu &&
			    (uint64_t)p->windows[i].offset_us * 1000 >= at &&
			    p->windows[i].offset_us < best_off) {
				best = i;
				best_off = p->windows[i].offset_us;
			}
		if ((uint64_t)best_off * 1000 > at)
			add_slot(t, IDLE_SLOT, 0, at, (uint64_t)best_off * 1000);
		at = (uint64_t)(best_off + p->windows[best].duration_us) * 1000;
		add_slot(t, p->windows[best].partition, best,
			 (uint64_t)best_off * 1000, at);
		done++;
	}
	if (at < t->major_ns)
		add_slot(t, IDLE_SLOT, 0, at, t->major_ns);
	set_guards(t);
	link_slots(t);
}

void sched_init(const struct bh_config *cfg)
{
	unsigned i, c;

	n_plans = cfg->n_plans;
	ncpus_sched = 1;
	for (i = 0; i < n_plans; i++)
		for (c = 0; c < BH_MAX_CPUS; c++) {
			build_timeline(&timelines[i][c], &cfg->plans[i], c);
			if (timelines[i][c].n_slots > 1 || timelines[i][c].slots[0].partition
			    != IDLE_SLOT)
				ncpus_sched = c + 1 > ncpus_sched ? c + 1 : ncpus_sched;
		}
	initial_plan = cfg->initial_plan;
	sw_old.at = sw_new.at = 0;
	sw_asked = 0;
	one_pass_off = ONE_PASS_FIXED | ONE_PASS_ENTRY | (trace_mask & ONE_PASS_TRACED);
					/* until sched_start */
	for (c = 0; c < BH_MAX_CPUS; c++) {
		pcpus[c].id = c;
		pcpus[c].plan = initial_plan;
		pcpus[c].slot_end = pcpus[c].cut = ~0ull;
	}
}

unsigned sched_cpus(void)
{
	return ncpus_sched;
}

/* The plan this CPU runs in the frame that starts at f. */
static unsigned plan_from(uint64_t f)
{
	struct plan_switch o, n;
	uint32_t q;

	if (!arch_smp()) {
		/* One CPU: nobody writes them meanwhile (interrupts are off in
		 * the kernel), and none asked is the rule: one test. */
		if (!sw_new.at)
			return cplan;
		o = sw_old;
		n = sw_new;
	} else {
		do {
			q = __atomic_load_n(&switch_seq, __ATOMIC_ACQUIRE);
			o = sw_old;
			n = sw_new;
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
		} while ((q & 1) || __atomic_load_n(&switch_seq, __ATOMIC_RELAXED) != q);
	}
	if (n.at && f >= n.at)
		return n.plan;
	if (o.at && f >= o.at)
		return o.plan;
	return cplan;
}

static struct partition *slot_partition(const struct slot *s)
{
	struct partition *p;

	if (s->partition == IDLE_SLOT)
		return 0;
	p = &partitions[s->partition];
	return partition_scheduled(p) ? p : 0;
}

/* Switch the processor to next (NULL = idle), from whatever runs now. */
/*
 * Several CPUs: next becomes current, then the raises posted while it
 * was out are folded (vcpu_raise_remote posts, then reads who runs: one
 * of the two sees the other).  No lock: only this CPU changes next's
 * state, another CPU's control of it included (partition_remote_ctl).
 */
static void switch_in_smp(struct partition *next)
{
	__atomic_store_n(&current, next, __ATOMIC_SEQ_CST);
	if (next->remote_mask)
		vcpu_fold_remote(next);
}

static void switch_to(struct partition *next, uint64_t now)
{
	struct partition *prev = current;

	if (prev == next)
		return;
	if (vcpu_smp && next)
		switch_in_smp(next);
	cswitches++;
	if (prev)
		prev->exec_ns += now - prev->ran_since;
	current = next;
	if (next)
		next->ran_since = now;
	sched_arch_switch(prev ? &prev->arch : 0, next ? &next->arch : 0);
}

/* The next moment the timer must mark with p running: the slot's end or
 * p's virtual timer; before the schedule runs, the boot tick. */
static uint64_t next_event(const struct partition *p, uint64_t now)
{
	uint64_t at = sched_cut, t;

	if (at == ~0ull)
		return time_boot_next(now);
	if (p) {
		t = vtimer_next(p, now);
		if (t < at)
			at = t;
	}
	return at;
}

/* After an interrupt that ended nothing, or a timer set: arm again. */
void sched_rearm(uint64_t now)
{
	if (cpu_timer.oneshot)
		time_arm(next_event(current, now));
}

/* The slot's guard now: any at the frame's end when the plan changes
 * there, since the next plan's first window may be anybody's. */
static uint32_t guard_of(const struct slot *s)
{
	if (!cpu_timer.oneshot || s->partition == IDLE_SLOT ||
	    s->end_ns - s->start_ns < 2 * (uint64_t)sched_guard_ns)
		return 0;
	if (cslot == TL(cplan)->n_slots - 1 &&
	    plan_from(cframe + TL(cplan)->major_ns) != cplan)
		return sched_guard_ns;
	return s->guard_ns;
}

static void enter_slot(uint64_t now)
{
	const struct timeline *t = TL(cplan);
	const struct slot *s = &t->slots[cslot];
	struct partition *p;

	/* Modes set from another CPU: now, before the window is theirs (the
	 * leaving partition's at its next tick from ring 3 or window start). */
	if (vcpu_smp && ctl_posted)
		partition_apply_posted(0);
	p = slot_partition(s);

	pcpu_this()->slotp = s;
	cend = cframe + s->end_ns;
	sched_cut = cend - guard_of(s);
	if (p)
		vcpu_window_start(p, cframe + s->start_ns,
				  s->end_ns - s->start_ns, cplan, s->window);
	if (cpu_timer.oneshot)
		time_arm(next_event(p, now));
	switch_to(p, now);
}

/*
 * After a long gap (the clock caught up on periods whose ticks were lost)
 * whole frames of the same plan are skipped at once, so the walk below
 * stays short; the frame grid is kept.
 */
static void skip_frames(uint64_t now)
{
	uint64_t major = TL(cplan)->major_ns, behind;

	if (plan_from(now) != cplan || now - cframe < 2 * major)
		return;
	behind = (now - cframe) / major - 1;
	cframe += behind * major;
}

/* Advance past every boundary that has passed: after a long gap, and at
 * the frame boundary where a plan switch takes effect. */
static void advance_slow(uint64_t now)
{
	skip_frames(now);
	do {
		if (++cslot == TL(cplan)->n_slots) {
			cframe += TL(cplan)->major_ns;
			cslot = 0;
			if (plan_from(cframe) != cplan) {
				cplan = plan_from(cframe);
				if (!arch_cpu_id())
					kprintf("schedule: plan %u from %llu us\n", cplan,
						cframe / 1000);
			}
		}
	} while (cframe + TL(cplan)->slots[cslot].end_ns <= now);
	enter_slot(now);
}

/*
 * At a slot's end: normally the next slot (of the same frame, or the
 * first of the next frame of the same plan) is the one that runs now, and
 * only its end needs checking; everything else takes advance_slow.
 */
/* The slot that ends, for the trace: out of line, so that the switch
 * path keeps its registers when the class is off. */
static void __attribute__((noinline, cold)) trace_slot_end(void)
{
	const struct slot *s = &TL(cplan)->slots[cslot];

	trace_put(BH_TR_WIN_END, s->partition == IDLE_SLOT ? BH_TRACE_NO_PART
		  : s->partition, s->window | cplan << 8, 0);
}

void sched_advance(uint64_t now)
{
	const struct timeline *t;
	unsigned next;
	uint64_t start;

	if (trace_on(BH_TRACE_SCHED))
		trace_slot_end();
	t = TL(cplan);
	next = cslot + 1;
	start = cframe;

	if (next == t->n_slots) {
		if (plan_from(start + t->major_ns) != cplan) {
			advance_slow(now);
			return;
		}
		next = 0;
		start += t->major_ns;
	}
	if (now >= start + t->slots[next].end_ns) {
		advance_slow(now);
		return;
	}
	cslot = next;
	cframe = start;
	enter_slot(now);
}

/*
 * A window's end in one pass (timer_event, at or past the cut): what
 * timer_event's general path (the tick count, the leaving partition's
 * clocks, the console's check), sched_advance, enter_slot and switch_to
 * do for the common case, with the same results, from the slot's data
 * computed with the timeline.  The common case: one CPU running (its
 * pcpu and timelines at fixed addresses), the one-shot timer and the
 * trace's window and virtual-interrupt classes off (one_pass_off's, one
 * test here; ticktraps tests it whole and calls sched_window_end_one),
 * the slot's end itself (no guard left to idle out), the interrupt not
 * early, no wall timer due and no execution-clock timer armed for the
 * partition leaving, no plan switch asked where this frame ends, the
 * next slot's end still ahead and another partition (or idle) in it.
 * 0, with nothing changed, in every other case: the general path.
 */
ARCH_REGCALL int sched_window_end(uint64_t now)
{
	if (one_pass_off & ~ONE_PASS_ENTRY)
		return 0;
	return sched_window_end_one(now);
}

/* trace.c, with trace_mask: its window and virtual-interrupt classes. */
void sched_trace_classes(uint32_t mask)
{
	one_pass_off = (one_pass_off & ~ONE_PASS_TRACED) | (mask & ONE_PASS_TRACED);
}

/* The rest, one_pass_off found clear (its ONE_PASS_ENTRY aside). */
ARCH_REGCALL __attribute__((noinline)) int sched_window_end_one(uint64_t now)
{
	struct pcpu *c = &pcpus[0];
	struct partition *prev, *p;
	const struct slot *cs, *s;
	uint64_t start, end, at, w;

	if (__builtin_expect(now < c->slot_end || now < c->timer.next || now >= c->next_wall, 0))
		return 0;
	prev = c->cur;
	cs = c->slotp;
	if (__builtin_expect(cs->frame_end & sw_asked, 0))
		return 0;               /* the frame's end may change the plan */
	s = cs->next;
	start = c->frame_start + cs->next_frame_ns;
	end = start + s->end_ns;
	p = s->part;
	/* a partition stopped in its window: the general path idles it */
	if (__builtin_expect(now >= end || p == prev, 0) ||
	    (p && __builtin_expect(!partition_scheduled(p), 0)))
		return 0;
	/* the leaving partition's execution-clock timer (its clock first:
	 * one word; tested last, the compiler keeps fewer values) */
	if (prev && __builtin_expect(prev->vcpu.timer.clock == BH_CLOCK_EXEC &&
				     prev->vcpu.timer.deadline, 0))
		return 0;

	/* the window's start: the slot's start, the running slot's end (the
	 * slots cover the frame end to start) */
	w = c->slot_end;

	/* sched_advance, enter_slot: the slot, its cut */
	c->slot = cs->next_index;
	c->slotp = s;
	c->frame_start = start;
	c->slot_end = end;
	at = end - s->guard_ns;
	c->cut = at;

	/* timer_event: the tick; the leaving partition's execution time
	 * (switch_to's; nothing below reads it, and one CPU's clock never
	 * goes back: now is not before its ran_since); the console, whose
	 * owner is still prev.  timer_event's vcpu_tick of prev's page is
	 * left out: the clocks it would write there are written again by
	 * vcpu_window_start before prev runs next (its window's start), and
	 * nothing reads them meanwhile. */
	timebase.ticks++;
	if (prev)
		prev->exec_ns += now - prev->ran_since;
	console_tick_one();

	/* enter_slot: the window's start, the timer */
	if (p) {
		struct bh_vcpu_info *i = p->vcpu.shared;
		uint64_t tn;

		i->window_start_ns = w;
		i->window_length_ns = s->len_ns;
		i->plan = c->plan;
		i->window = s->window;
		i->wall_ns = w;
		i->exec_ns = p->exec_ns;          /* not running: its total */
		vlines_raise(i, &p->vcpu.pending, &p->vcpu.attached, BH_VIRQ_WINDOW);
		tn = vtimer_next(p, now);
		if (tn < at)
			at = tn;
		p->ran_since = now;    /* switch_to's (read only once p is current) */
	}
	time_arm_oneshot_from(&c->timer, at, now);

	/* switch_to (the two clocks above) */
	c->switches++;
	c->cur = p;
	sched_arch_switch_one(prev ? &prev->arch : 0, p ? &p->arch : 0);
	return 1;
}

/*
 * The running partition's time is up (its window's guard, see sched.h):
 * the processor idles until the slot's exact end, armed for it.  At the
 * end itself (or past it, interrupts having been off), the next slot.
 */
void sched_cut_reached(uint64_t now)
{
	if (now >= cend) {
		sched_advance(now);
		return;
	}
	sched_cut = cend;
	time_arm(cend);
	switch_to(0, now);
}

/* The current partition gives up the rest of its window. */
void sched_yield(void)
{
	switch_to(0, time_now_ns());
}

/*
 * BH_HC_IDLE: halt, in p's own window, until one of its lines is pending
 * or the window is over (then it returns when p next runs, at its next
 * window's start).  Interrupts are on while halted: the timer's
 * interrupt switches away at the window's end from here as from ring 3.
 * Its execution clock runs meanwhile: the window is its time.
 */
void sched_wait(struct partition *p)
{
	uint32_t n = cswitches;

	while (!p->vcpu.pending && cswitches == n)
		arch_idle();
}

/* The current partition was halted: never come back to its stack. */
void sched_leave(void)
{
	switch_to(0, time_now_ns());
	panic("a halted partition was resumed");
}

/*
 * From the end of this CPU's frame, on every CPU.  With several CPUs a
 * request less than SCHED_SWITCH_MARGIN_NS before that end takes the
 * next one: each CPU decides at its own frame end, and a decision must
 * never read the request before it is there on one CPU and after on
 * another.
 */
int sched_plan_switch(uint32_t p)
{
	struct pcpu *c = pcpu_this();
	uint64_t f = 1;

	if (p >= n_plans)
		return -BH_EINVAL;
	if (c->slot_end != ~0ull) {
		f = c->frame_start + TL(c->plan)->major_ns;
		if (ncpus_sched > 1 && time_now_ns() + SCHED_SWITCH_MARGIN_NS > f)
			f += TL(c->plan)->major_ns;
	}
	tlock_take(&switch_lock);
	__atomic_store_n(&switch_seq, switch_seq + 1, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (sw_new.at && sw_new.at < f)
		sw_old = sw_new;
	sw_new.plan = p;
	sw_new.at = f;
	sw_asked = 1;
	__atomic_store_n(&switch_seq, switch_seq + 1, __ATOMIC_RELEASE);
	tlock_give(&switch_lock);
	if (sched_cut != ~0ull && sched_cut == cend) {    /* the last slot's guard, now due */
		sched_cut = cend - guard_of(&TL(cplan)->slots[cslot]);
		sched_rearm(time_now_ns());
	}
	return 0;
}

static void start_banner(void)
{
	kprintf("schedule: plan %u, major frame %llu us, %u slots\n", cplan,
		TL(cplan)->major_ns / 1000, TL(cplan)->n_slots);
}

/*
 * Boot ends here: this stack becomes the idle context.  One CPU: the
 * first window at once.  Several: every CPU starts at the same instant
 * t0 of the common time base, SCHED_START_LEAD_NS ahead (the other CPUs
 * are woken meanwhile); each idles until t0 as if at the end of a frame
 * that ends there, and its timer's interrupt enters slot 0.
 */
void sched_start(void)
{
	if (ncpus_sched == 1) {
		one_pass_off = (arch_smp() || vcpu_smp || !pcpus[0].timer.oneshot ?
				ONE_PASS_FIXED : 0) |
			       (arch_tick_one_pass() ? 0 : ONE_PASS_ENTRY) |
			       (trace_mask & ONE_PASS_TRACED);
		cframe = time_now_ns();
		cslot = 0;
		start_banner();
		enter_slot(cframe);
		for (;;)
			arch_idle();
	}
	sched_t0 = time_now_ns() + SCHED_START_LEAD_NS;
	time_share();
	vcpu_smp = 1;
	start_banner();
	kprintf("schedule: %u CPUs from %llu us\n", ncpus_sched, sched_t0 / 1000);
	arch_smp_release(ncpus_sched);
	sched_start_cpu();
}


/* Every CPU of a multi-CPU schedule (the others from arch_smp_release),
 * on the stack that becomes its idle context. */
void sched_start_cpu(void)
{
	struct pcpu *c = pcpu_this();
	const struct timeline *t;

	if (c->id)
		c->timer = pcpus[0].timer;       /* the same timer on every CPU */
	c->plan = plan_from(sched_t0);
	t = TL(c->plan);
	c->slot = t->n_slots - 1;
	c->slotp = &t->slots[c->slot];
	c->frame_start = sched_t0 - t->major_ns;
	c->slot_end = c->cut = sched_t0;
	c->started = 1;
	time_arm(sched_t0);
	for (;;)
		arch_idle();
}

/*
 * The partition whose window is open on cpu now, running or not (it may
 * have given the rest away, or wait in bh_idle), or -1 (a gap, or cpu
 * runs no schedule).  For another CPU's reader (the console, owner()):
 * read without a lock, so at a window's edge it may be the one before.
 */
int sched_window_partition(unsigned cpu)
{
	const struct pcpu *c;
	unsigned pl, sl;
	uint32_t p;

	if (cpu >= ncpus_sched)
		return -1;
	c = &pcpus[cpu];
	pl = __atomic_load_n(&c->plan, __ATOMIC_RELAXED);
	sl = __atomic_load_n(&c->slot, __ATOMIC_RELAXED);
	if (!__atomic_load_n(&c->started, __ATOMIC_RELAXED) || pl >= n_plans ||
	    sl >= timelines[pl][cpu].n_slots)
		return -1;
	p = timelines[pl][cpu].slots[sl].partition;
	return p == IDLE_SLOT ? -1 : (int)p;
}
