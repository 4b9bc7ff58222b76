/*
 * A normal partition beside the modes test (configs/test/test-modes.c):
 * every system-partition service is refused to it; an application error
 * it raises is logged and ignored (its HM table); and mode-sub's
 * restarts and mode-ctl's control of mode-sub never touch it (mode-ctl
 * checks its status at the end).
 */
#include <libpart.h>
#include <bh_test.h>
#include "../mode-ctl/modes.h"

BH_TEST(peer, refused, "peer-system-services-refused")
{
	struct bh_part_status st;
	struct bh_hm_entry e[2];
	struct bh_hm_stats hs;

	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_IDLE), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_control(P_SUB, BH_MODE_COLD_START), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_control(P_PEER, BH_MODE_WARM_START), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_control(P_CTL, BH_MODE_IDLE), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_status(P_SUB, &st), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_status(P_CTL, &st), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_restart(P_SUB), -BH_EPERM);
	BH_EXPECT_EQ(bh_hm_read(e, 2, 0), -BH_EPERM);
	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, P_SUB, (uint32_t)&hs), -BH_EPERM);
	BH_EXPECT_EQ(bh_plan_switch(0), -BH_EPERM);
	BH_EXPECT_EQ(bh_shutdown(0), -BH_EPERM);
}

BH_TEST(peer, own_status, "peer-own-status")
{
	struct bh_part_status st;

	BH_EXPECT_EQ(bh_part_status(P_PEER, &st), 0);
	BH_EXPECT_EQ(st.mode, BH_MODE_NORMAL);
	BH_EXPECT_EQ(st.restarts, 0);
	BH_EXPECT_EQ(st.start_condition, BH_START_NORMAL);
	BH_EXPECT_EQ(st.loaded, 1);
	BH_EXPECT_EQ(bh_part_status(P_PEER, (struct bh_part_status *)0x10), -BH_EFAULT);
	BH_EXPECT_EQ(bh_part_status(77, &st), -BH_ENOENT);
}

/* Its HM table ignores application errors: logged, and the call returns. */
BH_TEST(peer, app_error, "peer-app-error-ignored")
{
	struct bh_part_status st;

	BH_EXPECT_EQ(bh_raise_app_error(PEER_CODE, (const char *)0x10, 4), -BH_EFAULT);
	BH_EXPECT_EQ(bh_raise_app_error(PEER_CODE, "peer: degraded", 14), 0);
	BH_EXPECT_EQ(bh_part_status(P_PEER, &st), 0);
	BH_EXPECT_EQ(st.last_hm_event, BH_HM_APPLICATION_ERROR + 1);
	BH_EXPECT_EQ(st.last_hm_action, BH_HM_ACT_IGNORE);
	BH_EXPECT_EQ(st.restarts, 0);
	BH_EXPECT_EQ(st.mode, BH_MODE_NORMAL);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	bh_test_suite("peer", 0, 0);
	bh_tests_done();
	for (;;)
		bh_yield();
}
