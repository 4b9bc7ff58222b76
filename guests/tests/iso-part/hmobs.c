/*
 * The health-monitor observer (configs/test/test-hm.c), a system partition.
 * While "victim" faults its way through every fault class and "hcall"
 * faults on a port it was not granted and then on a #BR, it checks that
 * its own windows keep coming on time, reads the health-monitor log as it grows, and
 * finally shuts the machine down.
 */
#include "iso.h"

/* Partition ids: the order of configs/test/test-hm.c. */
#define P_OBS        0
#define P_VICTIM     1
#define P_HCALL      2
#define P_EDGE_BAD   4
#define P_SEG_BELOW  5
#define P_TRUNC      6
#define N_PARTS      7

#define LOG_SIZE     64          /* the kernel's ring (HM_LOG_SIZE) */
#define AFTER_HALT   10          /* windows to watch after both halts */
#define MAX_WINDOWS  300         /* 3 s: the faults take a few frames */

static const struct win_plan obs_plan[1] = { { 10000, 0, 2000, 0 } };

struct hm_watch {
	uint32_t next_seq;
	unsigned victim_entries, victim_restarts, hcall_entries;
	int victim_halted, hcall_halted;
	struct verdict culprits, victim, hcall;
};

/* A pattern in our memory: a restart of anyone must leave it alone. */
static uint32_t pattern[4096];

/*
 * hcall: a port of the victim's -> general protection, restart; then a
 * #BR -> halt (a fault: no configuration may ignore it, since ignoring a
 * fault re-executes it).
 */
static void watch_hcall(struct hm_watch *h, const struct bh_hm_entry *e)
{
	static const struct { uint8_t event, vector, action; } want[2] = {
		{ BH_HM_GENERAL_PROTECTION, 13, BH_HM_ACT_RESTART },
		{ BH_HM_OVERFLOW, 5, BH_HM_ACT_HALT },
	};
	unsigned i = h->hcall_entries++;

	if (i >= 2)
		VFAIL(&h->hcall, "entry %u: a third entry for hcall (event %u, action %u)",
		      e->seq, e->event, e->action);
	else if (e->event != want[i].event || e->vector != want[i].vector ||
		 e->action != want[i].action)
		VFAIL(&h->hcall, "entry %u: event %u vector %u action %u, expected event %u "
		      "vector %u action %u", e->seq, e->event, e->vector, e->action,
		      want[i].event, want[i].vector, want[i].action);
	h->hcall_halted = e->action == BH_HM_ACT_HALT;
}

static void watch_entry(struct hm_watch *h, const struct bh_hm_entry *e)
{
	/* seq may have gaps (records coalesced); losses show in the stats. */
	if (e->seq < h->next_seq)
		VFAIL(&h->culprits, "log entry %u follows %u: read twice or out of order",
		      e->seq, h->next_seq - 1);
	h->next_seq = e->seq + 1;
	if (e->partition == P_VICTIM) {
		h->victim_entries++;
		if (h->victim_halted)
			VFAIL(&h->victim, "entry %u (event %u) after the victim was halted",
			      e->seq, e->event);
		else if (e->action == BH_HM_ACT_HALT)
			h->victim_halted = 1;
		else if (e->action == BH_HM_ACT_RESTART ||
			 e->action == BH_HM_ACT_WARM_RESTART)
			h->victim_restarts++;
		else if (e->action != BH_HM_ACT_IGNORE)
			VFAIL(&h->victim, "entry %u: action %u", e->seq, e->action);
	} else if (e->partition == P_HCALL) {
		watch_hcall(h, e);
	} else if (e->partition == BH_HM_SOURCE_MODULE && e->event == BH_HM_BOOT_IMAGE) {
		/* A refused image, logged at boot (the module table: go on). */
		if (e->action != BH_HM_ACT_IGNORE || e->arinc_code != BH_ARINC_ILLEGAL_REQUEST)
			VFAIL(&h->culprits, "entry %u: broken image %u: action %u, code %u",
			      e->seq, e->error_code, e->action, e->arinc_code);
	} else {
		VFAIL(&h->culprits, "entry %u names partition %u (event %u at %08x): only "
		      "the victim and hcall fault", e->seq, e->partition, e->event, e->eip);
	}
}

static void watch_log(struct hm_watch *h)
{
	struct bh_hm_entry e[8];
	int n, i;

	while ((n = bh_hm_read(e, 8, h->next_seq)) > 0)
		for (i = 0; i < n; i++)
			watch_entry(h, &e[i]);
	if (n < 0)
		VFAIL(&h->culprits, "bh_hm_read = %d", n);
}

/* Nobody's records were overwritten before we read them. */
static void check_nothing_dropped(struct hm_watch *h)
{
	struct bh_hm_stats st = { 0 };     /* printed even when the call fails */
	uint32_t p;
	int rc;

	for (p = 0; p < N_PARTS; p++) {
		rc = bh_hc2(BH_HC_HM_STATS, p, (uint32_t)&st);
		if (rc || st.dropped)
			VFAIL(&h->culprits, "BH_HC_HM_STATS(%u) = %d: %u records dropped",
			      p, rc, st.dropped);
	}
}

/* ---------------------------------------------------------- API checks -- */

static void test_restart_refused(void)
{
	/* The broken images never loaded: there is nothing to restart. */
	BH_EXPECT_EQ(bh_part_restart(P_EDGE_BAD), -BH_ESTATE);
	BH_EXPECT_EQ(bh_part_restart(P_SEG_BELOW), -BH_ESTATE);
	BH_EXPECT_EQ(bh_part_restart(P_TRUNC), -BH_ESTATE);
}

static void test_restart_bad_id(void)
{
	BH_EXPECT_EQ(bh_part_restart(N_PARTS), -BH_ENOENT);
	BH_EXPECT_EQ(bh_part_restart(8), -BH_ENOENT);      /* BH_MAX_PARTITIONS */
	BH_EXPECT_EQ(bh_part_restart(0xffffffffu), -BH_ENOENT);
	BH_EXPECT_EQ(bh_plan_switch(1), -BH_EINVAL);      /* one plan only */
}

/* BH_HC_HM_READ's buffer must lie whole inside our memory. */
static void test_hm_read_efault(void)
{
	struct bh_part_info info;
	struct bh_hm_entry one;
	uint32_t end, guard;

	bh_self(&info);
	end = BH_PART_BASE + info.mem_size;
	guard = end - info.stack_size - BH_PAGE_SIZE;
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, 0x00100000u, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, 0, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, guard, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, guard - 8, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, end - 8, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, 0xfffffff0u, 1, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, BH_PART_BASE, 0xffffffffu, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, BH_PART_BASE, 0x08000000u, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hm_read(&one, 0, 0), 0);
	BH_EXPECT_EQ(bh_hm_read(&one, 1, 0xffffffffu), 0);
}

static void test_intact(void)
{
	struct bh_part_info info;
	unsigned i;

	BH_EXPECT(bh_self(&info) == P_OBS, "bh_self = %u", info.id);
	BH_EXPECT(info.restarts == 0, "restarted %u times", info.restarts);
	for (i = 0; i < ISO_ARRAY_SIZE(pattern); i++)
		BH_EXPECT(pattern[i] == i * 2654435761u, "word %u of our memory changed", i);
}

/* ---------------------------------------------------------------- role -- */

static int finished(const struct hm_watch *h, unsigned seen, unsigned *halted_at)
{
	if (!(h->victim_halted && h->hcall_halted))
		return 0;
	if (!*halted_at)
		*halted_at = seen;
	return seen >= *halted_at + AFTER_HALT;
}

void role_obs(void)
{
	static struct win_check w;
	static struct hm_watch h = {
		.culprits = { .name = "hm-culprits-only" },
		.victim = { .name = "hm-victim-halted-at-limit" },
		.hcall = { .name = "hm-hcall-restart-then-halt" },
	};
	struct win_obs o;
	unsigned i, halted_at = 0;

	for (i = 0; i < ISO_ARRAY_SIZE(pattern); i++)
		pattern[i] = i * 2654435761u;
	bh_test_run("restart-unloaded-refused", test_restart_refused);
	bh_test_run("restart-bad-id", test_restart_bad_id);
	bh_test_run("hm-read-efault", test_hm_read_efault);
	win_init(&w, "obs-windows-during-faults", obs_plan, 1);
	win_snapshot(&o);
	win_baseline(&w, &o);
	while (!finished(&h, w.seen, &halted_at) && w.seen < MAX_WINDOWS) {
		win_yield(&w);
		win_snapshot(&o);
		win_observe(&w, &o);
		watch_log(&h);
	}
	if (!h.victim_halted)
		VFAIL(&h.victim, "not halted after %u windows (%u entries, %u restarts)",
		      w.seen, h.victim_entries, h.victim_restarts);
	if (!h.hcall_halted)
		VFAIL(&h.hcall, "not halted after %u windows (%u entries)", w.seen,
		      h.hcall_entries);
	check_nothing_dropped(&h);
	bh_printf("obs: %u windows (%u overrun by our own work), %u log entries "
		  "(victim %u, %u restarts)\n", w.seen, w.rebased, h.next_seq,
		  h.victim_entries, h.victim_restarts);
	verdict_report(&w.v);
	verdict_report(&h.culprits);
	verdict_report(&h.victim);
	verdict_report(&h.hcall);
	bh_test_run("obs-not-disturbed", test_intact);
	bh_tests_done();
	bh_shutdown(0);
}
