/*
 * iso-part: picks its role by the partition name the configuration gave
 * it (see iso.h), runs it, then stays out of the way.
 */
#include "iso.h"

struct role {
	const char *name;
	void (*run)(void);
};

static const struct role roles[] = {
	{ "ctl", role_ctl },
	{ "spin", role_spin },
	{ "yield", role_yield },
	{ "obs", role_obs },
	{ "edge-ok", role_edge },
	{ "spam", role_spam },
	{ "watch", role_watch },
	{ "big", role_big },
	{ "hmwatch", role_hmwatch },
	{ "stepper", role_stepper },
	{ "faulter", role_faulter },
};

/*
 * Loaded from an image whose last segment was stretched to end exactly at
 * the image area's limit (guests/iso-broken): the loader must accept it,
 * and all of it must be there, zeroed, up to the guard page.
 */
void role_edge(void)
{
	struct bh_part_info info;
	uint32_t guard;
	const volatile uint8_t *last;

	bh_self(&info);
	guard = BH_PART_BASE + info.mem_size - info.stack_size - BH_PAGE_SIZE;
	last = (const volatile uint8_t *)(uintptr_t)(guard - 1);
	if (*last == 0)
		bh_test_pass("edge-image-loaded");
	else
		bh_test_fail_named("edge-image-loaded", __FILE__, __LINE__,
				   "the last byte below the guard page is not zero");
}

int main(void)
{
	struct bh_part_info info;
	unsigned i;

	if (bh_self(&info) < 0)
		bh_panic("bh_self failed");
	bh_set_mode(BH_MODE_NORMAL);
	for (i = 0; i < ISO_ARRAY_SIZE(roles); i++)
		if (!strcmp(info.name, roles[i].name))
			break;
	if (i == ISO_ARRAY_SIZE(roles))
		bh_test_fail_named("role", __FILE__, __LINE__,
				   "no role for this partition name");
	else
		roles[i].run();
	bh_tests_done();
	for (;;)
		bh_yield();
}
