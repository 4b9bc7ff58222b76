/*
 * The system partition of the modes test (configs/test/test-modes.c).
 * It follows mode-sub through its own restarts (modes.h), reads its
 * status (mode, restarts, start condition, last HM event), stops it
 * (IDLE), starts it again cold, restarts it warm, and checks the HM log
 * and that mode-peer was never touched.  mode-sub checks each start
 * from the inside.
 */
#include <libpart.h>
#include <bh_test.h>
#include "modes.h"

#define MAX_WINDOWS  500          /* each wait, 5 s of 10 ms frames */
#define IDLE_WINDOWS 10

static struct bh_part_status st;

/* Wait for mode-sub to have restarted n times and entered NORMAL. */
static int wait_sub(uint32_t n)
{
	for (unsigned w = 0; w < MAX_WINDOWS; w++) {
		if (bh_part_status(P_SUB, &st) == 0 && st.restarts == n &&
		    st.mode == BH_MODE_NORMAL)
			return 1;
		bh_yield();
	}
	return 0;
}

BH_TEST(ctl, hm_warm, "ctl-status-after-hm-warm-restart")
{
	BH_EXPECT(wait_sub(SUB_HM_WARM), "mode-sub: %u restarts, mode %u",
		  st.restarts, st.mode);
	BH_EXPECT_EQ(st.start_condition, BH_START_HM_RESTART);
	BH_EXPECT_EQ(st.last_hm_event, BH_HM_PAGE_FAULT + 1);
	BH_EXPECT_EQ(st.last_hm_action, BH_HM_ACT_WARM_RESTART);
	BH_EXPECT_EQ(st.loaded, 1);
}

BH_TEST(ctl, idle, "ctl-stop-idle")
{
	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_IDLE), 0);
	BH_EXPECT_EQ(bh_part_status(P_SUB, &st), 0);
	BH_EXPECT_EQ(st.mode, BH_MODE_IDLE);
	for (unsigned w = 0; w < IDLE_WINDOWS; w++)
		bh_yield();
	/* Stays stopped: nothing but a system partition starts it. */
	BH_EXPECT_EQ(bh_part_status(P_SUB, &st), 0);
	BH_EXPECT_EQ(st.mode, BH_MODE_IDLE);
	BH_EXPECT_EQ(st.restarts, SUB_HM_WARM);
	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_IDLE), 0);   /* already */
}

BH_TEST(ctl, cold, "ctl-start-cold-from-idle")
{
	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_COLD_START), 0);
	BH_EXPECT(wait_sub(SUB_SYS_COLD), "mode-sub: %u restarts, mode %u",
		  st.restarts, st.mode);
	BH_EXPECT_EQ(st.start_condition, BH_START_SYSTEM_RESTART);
	BH_EXPECT_EQ(st.last_hm_event, BH_HM_PARTITION_RESTART + 1);
	BH_EXPECT_EQ(st.last_hm_action, BH_HM_ACT_RESTART);
}

BH_TEST(ctl, warm, "ctl-restart-warm")
{
	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_WARM_START), 0);
	BH_EXPECT(wait_sub(SUB_SYS_WARM), "mode-sub: %u restarts, mode %u",
		  st.restarts, st.mode);
	BH_EXPECT_EQ(st.start_condition, BH_START_SYSTEM_RESTART);
	BH_EXPECT_EQ(st.last_hm_action, BH_HM_ACT_WARM_RESTART);
}

BH_TEST(ctl, bad, "ctl-control-refusals")
{
	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_NORMAL), -BH_EINVAL);
	BH_EXPECT_EQ(bh_part_control(P_SUB, 9), -BH_EINVAL);
	BH_EXPECT_EQ(bh_part_control(99, BH_MODE_IDLE), -BH_ENOENT);
	BH_EXPECT_EQ(bh_part_status(99, &st), -BH_ENOENT);
	BH_EXPECT_EQ(bh_part_status(P_SUB, (struct bh_part_status *)0x10), -BH_EFAULT);
	BH_EXPECT_EQ(bh_part_status(P_SUB, &st), 0);
	BH_EXPECT_EQ(st.mode, BH_MODE_NORMAL);      /* none of that touched it */
	BH_EXPECT_EQ(st.restarts, SUB_SYS_WARM);
}

/* mode-sub's application error: logged, then its table's warm restart. */
BH_TEST(ctl, app, "ctl-app-error-warm-restart")
{
	BH_EXPECT(wait_sub(SUB_APP_WARM), "mode-sub: %u restarts, mode %u",
		  st.restarts, st.mode);
	BH_EXPECT_EQ(st.start_condition, BH_START_HM_RESTART);
	BH_EXPECT_EQ(st.last_hm_event, BH_HM_APPLICATION_ERROR + 1);
	BH_EXPECT_EQ(st.last_hm_action, BH_HM_ACT_WARM_RESTART);
}

/* mode-sub's restarts, of every kind, left mode-peer alone (XtratuM #1):
 * its one HM event is its own ignored application error. */
BH_TEST(ctl, peer, "ctl-peer-untouched")
{
	BH_EXPECT_EQ(bh_part_status(P_PEER, &st), 0);
	BH_EXPECT_EQ(st.mode, BH_MODE_NORMAL);
	BH_EXPECT_EQ(st.restarts, 0);
	BH_EXPECT_EQ(st.start_condition, BH_START_NORMAL);
	BH_EXPECT_EQ(st.last_hm_event, BH_HM_APPLICATION_ERROR + 1);
	BH_EXPECT_EQ(st.last_hm_action, BH_HM_ACT_IGNORE);
}

struct tally {
	unsigned warm, cold, fault, app, peer;
};

static void count(struct tally *t, const struct bh_hm_entry *e)
{
	if (e->partition == P_PEER)
		t->peer += e->event == BH_HM_APPLICATION_ERROR &&
			   e->action == BH_HM_ACT_IGNORE && e->error_code == PEER_CODE;
	else if (e->event == BH_HM_PAGE_FAULT)
		t->fault += e->action == BH_HM_ACT_WARM_RESTART;
	else if (e->event == BH_HM_APPLICATION_ERROR)
		t->app += e->action == BH_HM_ACT_WARM_RESTART && e->error_code == APP_CODE;
	else if (e->action == BH_HM_ACT_WARM_RESTART)
		t->warm++;
	else if (e->action == BH_HM_ACT_RESTART)
		t->cold++;
}

/* Every restart of mode-sub is in the log, with the action taken, and
 * both application errors with their codes. */
BH_TEST(ctl, log, "ctl-hm-log")
{
	struct bh_hm_entry e[8];
	struct tally t = { 0 };
	uint32_t seq = 0;
	int n;

	while ((n = bh_hm_read(e, 8, seq)) > 0)
		for (int i = 0; i < n; i++) {
			seq = e[i].seq + 1;
			BH_EXPECT(e[i].partition == P_SUB || e[i].partition == P_PEER,
				  "record of partition %u", e[i].partition);
			count(&t, &e[i]);
		}
	BH_EXPECT_EQ(n, 0);
	BH_EXPECT_EQ(t.fault, 1);
	BH_EXPECT_EQ(t.app, 1);
	BH_EXPECT_EQ(t.peer, 1);
	BH_EXPECT_EQ(t.warm, 2);      /* its own and mode-ctl's */
	BH_EXPECT_EQ(t.cold, 2);      /* its own and mode-ctl's start from IDLE */
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	bh_test_suite("ctl", 0, 0);
	bh_tests_done();
	bh_shutdown(0);
	return 0;
}
