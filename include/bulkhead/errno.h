/*
 * bulkhead public ABI: error codes.
 *
 * Every hypercall returns a signed 32-bit value in eax.  Negative values are
 * the negated codes below; zero or positive values are success (some calls
 * return a count or an identifier).
 */
#ifndef BULKHEAD_ERRNO_H
#define BULKHEAD_ERRNO_H

#define BH_OK        0
#define BH_EINVAL    1   /* an argument is out of its documented range */
#define BH_EFAULT    2   /* a pointer argument is not inside the caller's memory */
#define BH_ENOSYS    3   /* unknown hypercall number */
#define BH_EPERM     4   /* not granted by the configuration / no authority */
#define BH_EBUSY     5   /* already attached / already in that state */
#define BH_ENOENT    6   /* no such partition, plan, line or object */
#define BH_ESTATE    7   /* call not valid now (e.g. iret with no upcall active) */
#define BH_ENOSPC    8   /* a buffer or table is full */
#define BH_EAGAIN    9   /* nothing available now; try later */

#define BH_NR_ERRNO  10

#endif
