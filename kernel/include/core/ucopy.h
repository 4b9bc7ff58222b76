/*
 * The one path by which the kernel reads or writes guest memory named by a
 * guest: the range is checked against the current partition's regions
 * (overflow-safe, length included) before a byte is touched.
 */
#ifndef CORE_UCOPY_H
#define CORE_UCOPY_H

#include <stdint.h>
#include "core/partition.h"

static inline int user_range_ok(const struct partition *p, uint32_t addr, uint32_t len)
{
	return uaccess_range_ok(addr, len, p->regions, BH_ARRAY_SIZE(p->regions));
}
int copy_from_user(const struct partition *p, void *dst, uint32_t src, uint32_t len);
int copy_to_user(const struct partition *p, uint32_t dst, const void *src, uint32_t len);

#endif
