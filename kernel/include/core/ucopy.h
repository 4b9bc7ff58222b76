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

/* ... and write it?  Not its code: that is mapped read-only.  Its
 * writable regions one by one, in the order buffers are most often found
 * (unrolled: the port paths check every buffer with it, and a loop over
 * the regions costs them a third more). */
static inline int user_range_writable(const struct partition *p, uint32_t addr,
				      uint32_t len)
{
	return uaccess_inside(addr, len, &p->regions[REGION_RW]) ||
	       uaccess_inside(addr, len, &p->regions[REGION_STACK]) ||
	       uaccess_inside(addr, len, &p->regions[REGION_VCPU]);
}
_Static_assert(REGION_RW + 3 == NR_REGIONS && REGION_STACK == REGION_RW + 1 &&
	       REGION_VCPU == REGION_RW + 2, "user_range_writable names every writable region");
int copy_to_user(const struct partition *p, uint32_t dst, const void *src, uint32_t len);

/* May one 64-bit value (a clock reading) be stored at dst for p?
 * user_range_writable's answer for 8 bytes, from spans computed with the
 * regions (user_frame_spans): one subtraction and comparison a region. */
static inline int user_u64_writable(const struct partition *p, uint32_t dst)
{
	return uaccess_span_has(&p->u64_at[0], dst) || uaccess_span_has(&p->u64_at[1], dst) ||
	       uaccess_span_has(&p->u64_at[2], dst);
}

/* The bytes [addr, addr + len) to read in place (they are mapped while
 * the kernel runs for p, and nothing else runs), or NULL. */
static inline const char *user_bytes(const struct partition *p, uint32_t addr, uint32_t len)
{
	return user_range_ok(p, addr, len) ? (const char *)addr : 0;
}

/* The bytes [addr, addr + len) to write in place (not code), or NULL:
 * for paths that fill a guest buffer straight from kernel storage. */
static inline char *user_bytes_rw(const struct partition *p, uint32_t addr, uint32_t len)
{
	return user_range_writable(p, addr, len) ? (char *)addr : 0;
}

/*
 * May an upcall frame be at guest address at, to be used in place (pushed,
 * or read back by iret; then user_frame)?  Frames live where they are
 * pushed, the initial stack first, then the rest of the writable memory —
 * never code, never the vCPU page — and are aligned as their words are
 * (reading one in place otherwise is undefined behaviour).  The two
 * regions' spans for a frame are computed once, when the regions are set
 * (user_frame_spans), so the check is two comparisons: it is on every
 * upcall and every iret (entry.S's iret path reads the same spans).
 */
static inline void user_frame_spans(struct partition *p)
{
	uint32_t n = sizeof(struct bh_upcall_frame);

	p->frame_at[0] = uaccess_span(&p->regions[REGION_STACK], n);
	p->frame_at[1] = uaccess_span(&p->regions[REGION_RW], n);
	/* user_range_writable's regions, in its order, for 8 bytes */
	p->u64_at[0] = uaccess_span(&p->regions[REGION_RW], sizeof(uint64_t));
	p->u64_at[1] = uaccess_span(&p->regions[REGION_STACK], sizeof(uint64_t));
	p->u64_at[2] = uaccess_span(&p->regions[REGION_VCPU], sizeof(uint64_t));
	/* A sampling read's result: nearly always a local, the stack first */
	p->res_at[0] = uaccess_span(&p->regions[REGION_STACK], sizeof(struct bh_sampling_result));
	p->res_at[1] = uaccess_span(&p->regions[REGION_RW], sizeof(struct bh_sampling_result));
	p->res_at[2] = uaccess_span(&p->regions[REGION_VCPU], sizeof(struct bh_sampling_result));
}

/* May a struct bh_sampling_result be written at at for p?  Writable (as
 * user_range_writable) and aligned as its words are. */
static inline int user_result_ok(const struct partition *p, uint32_t at)
{
	return !(at & 3) && (uaccess_span_has(&p->res_at[0], at) ||
			     uaccess_span_has(&p->res_at[1], at) ||
			     uaccess_span_has(&p->res_at[2], at));
}

static inline int user_frame_ok(const struct partition *p, uint32_t at)
{
	return !(at & 3) && (uaccess_span_has(&p->frame_at[0], at) ||
			     uaccess_span_has(&p->frame_at[1], at));
}

/*
 * Where delivery puts an upcall frame for stack pointer sp: below it,
 * 16-byte aligned (*at); 0 if there is no room there by user_frame_ok's
 * rule.  The one rule for both the stack a partition registers
 * (vcpu_set_entry) and the stack delivery uses, so a stack that is
 * accepted is never refused at the first upcall.
 */
static inline int upcall_frame_place(const struct partition *p, uint32_t sp,
				     uint32_t *at)
{
	*at = (sp - sizeof(struct bh_upcall_frame)) & ~15u;
	return *at <= sp && user_frame_ok(p, *at);
}

static inline struct bh_upcall_frame *user_frame(uint32_t at)
{
	return (struct bh_upcall_frame *)at;
}

#endif
