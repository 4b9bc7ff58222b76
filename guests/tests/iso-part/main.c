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
	{ "nofpu", role_nofpu },
	{ "fpuwatch", role_fpuwatch },
};

/*
 * Loaded from an image whose last segment was stretched to end exactly at
 * the image area's limit (guests/tests/iso-broken/corrupt.py): the loader must
 * accept it and copy all of it, up to the guard page.  The segment's last
 * EDGE_BYTES bytes are a pattern only a complete copy has; a loader that
 * stops short or shifts the data leaves zeros or the wrong bytes there.
 */
#define EDGE_BYTES 256

static uint8_t edge_byte(unsigned i)
{
	return (uint8_t)(i * 7 + 1);    /* as edge_pattern() in corrupt.py */
}

void role_edge(void)
{
	struct bh_part_info info;
	const volatile uint8_t *edge;
	uint32_t guard;
	unsigned i;
	char why[80];

	bh_self(&info);
	guard = BH_PART_BASE + info.mem_size - info.stack_size - BH_PAGE_SIZE;
	edge = (const volatile uint8_t *)(uintptr_t)(guard - EDGE_BYTES);
	for (i = 0; i < EDGE_BYTES && edge[i] == edge_byte(i); i++)
		;
	if (i == EDGE_BYTES) {
		bh_test_pass("edge-image-loaded");
		return;
	}
	bh_snprintf(why, sizeof(why), "byte %u of the last %u below the guard "
		    "page is %02x, expected %02x", i, EDGE_BYTES, edge[i], edge_byte(i));
	bh_test_fail_named("edge-image-loaded", __FILE__, __LINE__, why);
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
