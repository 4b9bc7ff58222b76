/*
 * Restarts that cost only the restarting partition's time
 * (configs/test/test-restart.c, issue 8 defect 4).  "big", with 16 MiB of
 * memory, asks for its own cold restart as soon as it runs; "watch", a
 * system partition, checks that each of its windows begins on time while
 * big wipes and reloads its memory over and over, and that big is halted
 * once its self-requested restarts reach its restart_limit.  Then watch
 * restarts big itself, twice in a row — the second time while big is
 * still wiping its memory from the first (a reload of 16 MiB takes more
 * than one of big's windows) — and big must come back once more and be
 * halted again by its own next request.
 */
#include "iso.h"

#define P_BIG        1
#define BIG_LIMIT    3           /* restart_limit in configs/test/test-restart.c */
#define REVIVALS     2           /* restarts of big by watch, back to back */
#define AFTER_HALT   10          /* windows to watch after big's halt */
#define MAX_WINDOWS  400         /* 4 s */

static const struct win_plan watch_plan[1] = { { 10000, 0, 2000, 0 } };

struct restart_watch {
	uint32_t next_seq;
	unsigned restarts, halts, others;
	struct verdict v;
};

static void watch_restarts(struct restart_watch *r)
{
	struct bh_hm_entry e[8];
	int n, i;

	while ((n = bh_hm_read(e, 8, r->next_seq)) > 0)
		for (i = 0; i < n; i++) {
			r->next_seq = e[i].seq + 1;
			if (e[i].partition != P_BIG || e[i].event != BH_HM_PARTITION_RESTART)
				r->others++;
			else if (e[i].action == BH_HM_ACT_RESTART)
				r->restarts++;
			else if (e[i].action == BH_HM_ACT_HALT)
				r->halts++;
		}
	if (n < 0)
		VFAIL(&r->v, "bh_hm_read = %d", n);
}

static void check_limit(struct restart_watch *r, unsigned seen)
{
	struct bh_hm_stats st = { 0 };     /* printed even when the call fails */
	int rc = bh_hc2(BH_HC_HM_STATS, P_BIG, (uint32_t)&st);

	/* 2 halts when the second revival caught big still reloading (a 16
	 * MiB wipe outlasts one of its windows here); 3 if a faster kernel
	 * finished the first reload in between and big asked again. */
	if (r->halts < 2 || r->halts > 3 || r->restarts != BIG_LIMIT + REVIVALS)
		VFAIL(&r->v, "after %u windows: %u restarts and %u halts of big logged, "
		      "expected %u restarts, a halt, %u more and a halt", seen, r->restarts,
		      r->halts, BIG_LIMIT, REVIVALS);
	else if (r->others)
		VFAIL(&r->v, "%u other log entries", r->others);
	else if (rc || st.events != r->restarts + r->halts || st.dropped)
		VFAIL(&r->v, "BH_HC_HM_STATS(big) = %d: %u events, %u dropped; expected "
		      "%u events", rc, st.events, st.dropped, r->restarts + r->halts);
}

void role_watch(void)
{
	static struct win_check w;
	static struct restart_watch r = { .v = { .name = "restart-loop-halted-at-limit" } };
	struct win_obs o;
	unsigned halted_at = 0, revived = 0;
	int rc;

	win_init(&w, "watch-windows-during-restarts", watch_plan, 1);
	win_snapshot(&o);
	win_baseline(&w, &o);
	while (w.seen < MAX_WINDOWS && !(halted_at && w.seen >= halted_at + AFTER_HALT)) {
		win_yield(&w);
		win_snapshot(&o);
		win_observe(&w, &o);
		watch_restarts(&r);
		if (r.halts && revived < REVIVALS) {
			/* Operator restarts are not bounded by big's limit. */
			rc = bh_part_restart(P_BIG);
			if (rc)
				VFAIL(&r.v, "bh_part_restart(big) = %d", rc);
			revived++;
		}
		if (revived == REVIVALS && r.halts >= 2 && !halted_at)
			halted_at = w.seen;
	}
	check_limit(&r, w.seen);
	bh_printf("watch: %u windows (%u rebased), latest seen %llu ns after its start; "
		  "big restarted %u times\n", w.seen, w.rebased, w.max_late, r.restarts);
	verdict_report(&w.v);
	verdict_report(&r.v);
	bh_tests_done();
	bh_shutdown(0);
}

/* Every incarnation asks for the next at once: the kernel must stop it. */
void role_big(void)
{
	struct bh_part_info info;

	bh_self(&info);
	bh_printf("big: incarnation %u of %u KiB\n", info.restarts, info.mem_size / 1024);
	bh_console_flush();
	bh_set_mode(BH_MODE_COLD_START);
	bh_printf("big: SURVIVED its restart request\n");
	bh_halt();
}
