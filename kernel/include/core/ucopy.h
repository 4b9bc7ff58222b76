/*
 * The one path by which the kernel reads or writes guest memory named by a
 * guest: the range is checked against the current partition's regions
 * (overflow-safe, length included) before a byte is touched.
 */
#ifndef CORE_UCOPY_H
#define CORE_UCOPY_H

#include <stdint.h>
#include "core/partition.h"

/* May the kernel read [addr, addr + len) for the partition? */
static inline int user_range_ok(const struct partition *p, uint32_t addr, uint32_t len)
{
	return uaccess_range_ok(addr, len, p->regions, NR_REGIONS);
}

/* ... and write it?  Not its code: that is mapped read-only. */
static inline int user_range_writable(const struct partition *p, uint32_t addr,
				      uint32_t len)
{
	return uaccess_range_ok(addr, len, &p->regions[REGION_RW],
				NR_REGIONS - REGION_RW);
}
int copy_to_user(const struct partition *p, uint32_t dst, const void *src, uint32_t len);

#endif
