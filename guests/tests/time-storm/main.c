/*
 * The exact time test's restart storm (configs/test/test-time.c): a 4 MiB
 * partition that asks for its own cold restart as soon as it starts, so
 * its whole memory is wiped and its image reloaded over and over.  The
 * reload runs in its own windows; time-probe's windows follow them and
 * must start on time regardless.
 */
#include <libpart.h>

int main(void)
{
	struct bh_part_info me;

	bh_set_mode(BH_MODE_NORMAL);
	bh_self(&me);
	bh_part_restart(me.id);
	for (;;)
		bh_yield();
}
