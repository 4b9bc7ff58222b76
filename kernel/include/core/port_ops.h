/*
 * The port message paths (see core/port.h), inline: each is a few
 * instructions on a measured hypercall path (docs/benchmarks.md).  Apart
 * from port.h because they copy with the arch's arch_copy, and the
 * configuration validator, which includes port.h, is built for the host
 * without an arch.
 */
#ifndef CORE_PORT_OPS_H
#define CORE_PORT_OPS_H

#include <bulkhead/errno.h>
#include "core/port.h"
#include "core/arch.h"

/* Copy n bytes between kernel and (checked) guest memory: the measured
 * paths' main cost, so the arch's fastest move. */
static inline void port_copy(void *dst, const void *src, uint32_t n)
{
	arch_copy(dst, src, n);
}

/* Sampling: store len bytes (1..max checked by the caller) at now. */
static inline void port_sampling_write(struct chan *c, const void *msg, uint32_t len,
				       uint64_t now)
{
	port_copy(c->buf, msg, len);
	c->len[0] = len;
	c->stamp = now;
	c->written = 1;
	c->sent++;
}

/* The last message: its bytes (NULL if none yet), length, age in ns and
 * validity for a destination whose oldest valid age is limit
 * (port_valid_limit). */
static inline const uint8_t *port_sampling_peek(const struct chan *c, uint64_t now,
						uint64_t limit,
				  uint32_t *len, uint64_t *age, uint32_t *valid)
{
	if (!c->written) {
		*len = 0;
		*age = 0;
		*valid = 0;
		return 0;
	}
	*len = c->len[0];
	/* The clock never runs backwards, but a stamp from a clock read
	 * later on the same tick must not make a huge unsigned age. */
	*age = now > c->stamp ? now - c->stamp : 0;
	*valid = *age <= limit;
	return c->buf;
}

/* The result of reading c's message (written) when it is age old, for a
 * destination whose oldest valid age is limit: port_sampling_peek's
 * figures, stored. */
static inline void port_sampling_result(const struct chan *c, uint64_t age, uint64_t limit,
					struct bh_sampling_result *out)
{
	out->length = c->len[0];
	out->valid = age <= limit;
	out->age_ns = age;
}

/* Queuing: append; 0, or -BH_ENOSPC when full (nothing overwritten). */
static inline int port_queue_put(struct chan *c, const void *msg, uint32_t len)
{
	uint32_t at;

	if (c->count == c->depth) {
		c->dropped++;
		return -BH_ENOSPC;
	}
	at = c->head + c->count;
	if (at >= c->depth)
		at -= c->depth;
	port_copy(c->buf + at * c->slot, msg, len);
	c->len[at] = len;
	c->count++;
	c->sent++;
	return 0;
}

/* The oldest message (NULL when empty) and its length. */
static inline const uint8_t *port_queue_peek(const struct chan *c, uint32_t *len)
{
	if (!c->count)
		return 0;
	*len = c->len[c->head];
	return c->buf + c->head * c->slot;
}

/* Take it off once it has been copied out. */
static inline void port_queue_drop(struct chan *c)
{
	if (++c->head == c->depth)
		c->head = 0;
	c->count--;
}

#endif
