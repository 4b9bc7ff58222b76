/*
 * The subject of the modes test (configs/test/test-modes.c).  Each of its
 * incarnations checks how it was started — its mode, its start condition
 * and whether its memory was kept (warm) or reloaded (cold) — then takes
 * the next step (modes.h): warm and cold restarts of its own, a page
 * fault its HM table answers with a warm restart, and, stopped and
 * started by mode-ctl, the system partition's cold start and warm restart;
 * last an application error, which its HM table answers with a warm
 * restart.
 */
#include <libpart.h>
#include <bh_test.h>
#include "../mode-ctl/modes.h"

/* In .data (initialised): a warm start keeps it, a cold one reloads it. */
static volatile uint32_t kept = KEPT_IMAGE;

struct start {
	const char *name;
	uint32_t mode, cond;
	int warm;                 /* memory kept: kept is the last incarnation's */
};

static const struct start starts[SUB_STEPS] = {
	[SUB_POWER_ON]  = { "sub-power-on", BH_MODE_COLD_START, BH_START_NORMAL, 0 },
	[SUB_SELF_WARM] = { "sub-self-warm", BH_MODE_WARM_START, BH_START_PARTITION_RESTART, 1 },
	[SUB_SELF_COLD] = { "sub-self-cold", BH_MODE_COLD_START, BH_START_PARTITION_RESTART, 0 },
	[SUB_HM_WARM]   = { "sub-hm-warm", BH_MODE_WARM_START, BH_START_HM_RESTART, 1 },
	[SUB_SYS_COLD]  = { "sub-system-cold", BH_MODE_COLD_START, BH_START_SYSTEM_RESTART, 0 },
	[SUB_SYS_WARM]  = { "sub-system-warm", BH_MODE_WARM_START, BH_START_SYSTEM_RESTART, 1 },
	[SUB_APP_WARM]  = { "sub-app-error-warm", BH_MODE_WARM_START, BH_START_HM_RESTART, 1 },
};

/* Below BH_PART_BASE: never mapped. */
static volatile uintptr_t unmapped = 0x10;

static struct bh_part_info me;
static const struct start *now;

/* How this incarnation was started, and NORMAL entered from it. */
static void check_start(void)
{
	uint32_t want_kept = now->warm ? KEPT_MAGIC + me.restarts - 1 : KEPT_IMAGE;

	BH_EXPECT_EQ(me.mode, now->mode);
	BH_EXPECT_EQ(me.start_condition, now->cond);
	BH_EXPECT_EQ(kept, want_kept);
	BH_EXPECT_EQ(bh_set_mode(BH_MODE_NORMAL), 0);
	BH_EXPECT_EQ(bh_set_mode(BH_MODE_NORMAL), 0);       /* no change */
	BH_EXPECT_EQ(bh_set_mode(7), -BH_EINVAL);
	BH_EXPECT_EQ(bh_self(&me), P_SUB);
	BH_EXPECT_EQ(me.mode, BH_MODE_NORMAL);
	BH_EXPECT_EQ(me.start_condition, now->cond);
}

int main(void)
{
	if (bh_self(&me) != P_SUB || me.restarts >= SUB_STEPS)
		bh_panic("mode-sub: id %u, restarts %u", me.id, me.restarts);
	now = &starts[me.restarts];
	bh_test_run(now->name, check_start);
	bh_tests_done();
	kept = KEPT_MAGIC + me.restarts;     /* for a warm start to find */
	switch (me.restarts) {
	case SUB_POWER_ON:
		bh_set_mode(BH_MODE_WARM_START);
		bh_panic("warm start returned");
	case SUB_SELF_WARM:
		bh_set_mode(BH_MODE_COLD_START);
		bh_panic("cold start returned");
	case SUB_SELF_COLD:
		bh_console_flush();
		(void)*(volatile uint32_t *)unmapped;   /* HM table: warm restart */
		bh_panic("page fault returned");
	case SUB_SYS_WARM:
		for (unsigned w = 0; w < APP_DELAY; w++)
			bh_yield();
		bh_raise_app_error(APP_CODE, "sensor lost", 11);
		bh_panic("application error returned");
	}
	for (;;)
		bh_yield();                        /* mode-ctl's move */
}
