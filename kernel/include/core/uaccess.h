/*
 * Guest pointer checks.  The kernel touches guest memory only through one
 * copy-in/copy-out path; this is its portable core: is a guest range wholly
 * inside memory the partition may access?
 */
#ifndef CORE_UACCESS_H
#define CORE_UACCESS_H

#include <stdbool.h>
#include <stdint.h>

/* A guest-accessible region: [start, end).  start >= end means empty. */
struct uregion {
	uint32_t start, end;
};

/*
 * True iff [addr, addr + len) lies wholly inside ONE of the n regions
 * (a range spanning two adjacent regions is refused: the caller lists
 * regions, not pages, so adjacency would be an accident).  A range whose
 * end wraps past 2^32 is refused.  len 0 is accepted only if addr itself
 * lies inside a region (start <= addr < end): a pointer the kernel accepts
 * always points at accessible memory, even for an empty buffer.
 */
static inline bool uaccess_inside(uint32_t addr, uint32_t len, const struct uregion *r)
{
	/* "Offset into the region" and "room left": no addition can wrap. */
	if (addr < r->start || addr >= r->end)
		return false;
	return len <= r->end - addr;
}

/* Inline: it sits on the upcall and iret paths, where n is a constant. */
static inline bool uaccess_range_ok(uint32_t addr, uint32_t len,
				    const struct uregion *regions, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (uaccess_inside(addr, len, &regions[i]))
			return true;
	return false;
}

/*
 * The same question for a fixed length, asked so often (every upcall and
 * every iret asks it of a 52-byte frame) that it is answered from a
 * precomputed span: the addresses at which len bytes fit wholly inside
 * r are lo .. lo + n - 1, so one subtraction and one unsigned comparison
 * decide (an address below lo wraps far above n).  n is 0 when nothing
 * fits.  uaccess_span_has(uaccess_span(r, len), a) == uaccess_inside(a,
 * len, r) for every a (tests/unit/test_uaccess.c), for len > 0.
 */
struct uspan {
	uint32_t lo, n;
};

static inline struct uspan uaccess_span(const struct uregion *r, uint32_t len)
{
	if (r->start >= r->end || r->end - r->start < len)
		return (struct uspan){ r->start, 0 };
	return (struct uspan){ r->start, r->end - r->start - len + 1 };
}

static inline bool uaccess_span_has(const struct uspan *s, uint32_t addr)
{
	return addr - s->lo < s->n;
}

#endif
