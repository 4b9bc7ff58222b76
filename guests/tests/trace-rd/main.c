/*
 * The kernel trace read by hypercall (configs/test/test-trace-read.c,
 * system test 'trace-read'): trace-sys, a system partition, reads the ring
 * with BH_HC_TRACE: the windows of both partitions with their configured
 * starts, trace-user's refused calls (guests/tests/trace-user), its own
 * calls, the checks of the call, the classes switch, and an overrun
 * counted when it stops reading.
 */
#include <libpart.h>
#include <bh_test.h>

#define P_SYS      0
#define P_USER     1
#define FRAME_NS   10000000u        /* configs/test/test-trace-read.c */
#define RING       256u
#define CHUNK      64u

static struct bh_trace_event ev[CHUNK];
static struct bh_trace_info info;

/* What a read of everything saw, by kind. */
struct seen {
	uint32_t n, starts[2], ends[2], user_refused, own_calls, unordered;
	uint32_t first_start, spacing_bad;
	uint64_t last_ns;
};

static void tally(struct seen *s, const struct bh_trace_event *e)
{
	if (s->n && e->ns < s->last_ns)
		s->unordered++;
	s->last_ns = e->ns;
	s->n++;
	if (e->type == BH_TR_WIN_START && e->part < 2) {
		/* b: the configured start (low 32 bits), a frame apart. */
		if (e->part == P_SYS && s->starts[P_SYS] &&
		    (uint32_t)(e->b - s->first_start) % FRAME_NS)
			s->spacing_bad++;
		if (e->part == P_SYS && !s->starts[P_SYS])
			s->first_start = e->b;
		s->starts[e->part]++;
	}
	if (e->type == BH_TR_WIN_END && e->part < 2)
		s->ends[e->part]++;
	if (e->type == BH_TR_HC_EXIT && e->part == P_USER && e->a == BH_HC_TRACE &&
	    (int32_t)e->b == -BH_EPERM)
		s->user_refused++;
	if (e->type == BH_TR_HC_ENTRY && e->part == P_SYS && e->a == BH_HC_TRACE)
		s->own_calls++;
}

/* Read until the ring is empty: a read short of CHUNK took all there
 * was (each read's own entry and exit are new events, so "until a read
 * returns 0" would never end). */
static void read_all(struct seen *s)
{
	int n;

	do {
		n = bh_trace_read(ev, CHUNK, &info);
		for (int i = 0; i < n; i++)
			tally(s, &ev[i]);
	} while (n == (int)CHUNK);
}

BH_TEST(sys, ring_info, "sys-info")
{
	BH_EXPECT_EQ(bh_trace_read(ev, 0, &info), 0);
	BH_EXPECT_EQ(info.size, RING);
	BH_EXPECT_EQ(info.classes, BH_TRACE_SCHED | BH_TRACE_HCALL);
	BH_EXPECT(info.written > 0, "nothing written since boot");
}

BH_TEST(sys, windows_read, "sys-reads-windows-and-calls")
{
	struct seen s = { 0 };

	read_all(&s);                   /* what came before */
	bh_memset(&s, 0, sizeof(s));
	for (int i = 0; i < 5; i++)
		bh_yield();
	read_all(&s);
	BH_EXPECT(s.starts[P_SYS] >= 5 && s.starts[P_USER] >= 5,
		  "window starts: sys %u, user %u", s.starts[P_SYS], s.starts[P_USER]);
	BH_EXPECT(s.ends[P_SYS] >= 5 && s.ends[P_USER] >= 5,
		  "window ends: sys %u, user %u", s.ends[P_SYS], s.ends[P_USER]);
	BH_EXPECT_EQ(s.spacing_bad, 0);
	BH_EXPECT_EQ(s.unordered, 0);
	BH_EXPECT(s.own_calls > 0, "its own reads not traced");
	BH_EXPECT_EQ(info.overruns, 0);
}

BH_TEST(sys, refused_seen, "sys-sees-user-refused")
{
	struct seen s = { 0 };

	/* trace-user tries once per window: its refusals are in the ring. */
	bh_yield();
	read_all(&s);
	BH_EXPECT(s.user_refused > 0, "no refused BH_HC_TRACE of trace-user seen");
}

BH_TEST(sys, call_checked, "sys-call-checked")
{
	BH_EXPECT_EQ(bh_trace_read((struct bh_trace_event *)(uintptr_t)main, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_trace_read((struct bh_trace_event *)((uintptr_t)ev + 2), 1, 0),
		     -BH_EFAULT);
	BH_EXPECT_EQ(bh_trace_read(ev, 1, (struct bh_trace_info *)0x10), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_TRACE, 9, 0), -BH_EINVAL);
	BH_EXPECT_EQ(bh_trace_classes(BH_TRACE_ALL + 1), -BH_EINVAL);
}

BH_TEST(sys, classes_off, "sys-classes-off-records-nothing")
{
	struct seen s = { 0 };
	uint32_t before;

	read_all(&s);
	BH_EXPECT_EQ(bh_trace_classes(0), BH_TRACE_SCHED | BH_TRACE_HCALL);
	before = info.written;
	for (int i = 0; i < 3; i++)
		bh_yield();
	BH_EXPECT_EQ(bh_trace_classes(BH_TRACE_SCHED | BH_TRACE_HCALL), 0);
	BH_EXPECT_EQ(bh_trace_read(ev, 0, &info), 0);
	/* The last read's exit, the switching-off call's entry, this read's
	 * entry: 3 (the switching-on call is untraced: the dispatch chose
	 * its path at entry; a window boundary right after it could add 2).
	 * Three windows traced would have been 18 or more. */
	BH_EXPECT(info.written - before >= 3 && info.written - before <= 5,
		  "%u events while off", info.written - before);
}

BH_TEST(sys, overrun_counted, "sys-overrun-counted")
{
	struct seen s = { 0 };
	uint32_t written, overruns;

	read_all(&s);
	written = info.written;
	overruns = info.overruns;
	for (int i = 0; i < 60; i++)    /* far more than RING events */
		bh_yield();
	bh_memset(&s, 0, sizeof(s));
	read_all(&s);
	BH_EXPECT(info.overruns > overruns, "no overrun after %u events",
		  info.written - written);
	/* Everything written since is either read or counted as dropped. */
	BH_EXPECT(s.n <= RING + CHUNK, "read %u", s.n);
	BH_EXPECT_EQ(s.n + (info.overruns - overruns), info.written - written);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	bh_test_suite("sys", 0, 0);
	bh_tests_done();
	bh_shutdown(0);
	return 0;
}
