/*
 * Guest memory access.  The current partition's memory is mapped at its
 * guest addresses while the kernel runs on its behalf, so after the range
 * check a plain copy is enough and cannot fault.
 */
#include "core/ucopy.h"
#include "core/partition.h"
#include "core/lib.h"
#include <bulkhead/errno.h>

int copy_to_user(const struct partition *p, uint32_t dst, const void *src, uint32_t len)
{
	if (!user_range_writable(p, dst, len))
		return -BH_EFAULT;
	bh_memcpy((void *)dst, src, len);
	return 0;
}
