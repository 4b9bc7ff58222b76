/*
 * Guest range check (portable).  Written so that no addition can wrap:
 * the range is compared as "offset into the region" and "room left".
 */
#include "core/uaccess.h"

static bool inside(uint32_t addr, uint32_t len, const struct uregion *r)
{
	if (addr < r->start || addr >= r->end)
		return false;
	return len <= r->end - addr;
}

bool uaccess_range_ok(uint32_t addr, uint32_t len, const struct uregion *regions,
		      unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (inside(addr, len, &regions[i]))
			return true;
	return false;
}
