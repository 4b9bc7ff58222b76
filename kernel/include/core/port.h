/*
 * ARINC 653 ports and channels: the portable core (kernel/core/port.c).
 * No hardware, no guest memory: the hypercall layer (port_hc.c) checks the
 * caller and its buffers and hands this code kernel pointers and the time,
 * so host unit tests (tests/unit/test_port.c) run the very code the kernel
 * runs.  A message is stored once, in its channel: a sampling channel
 * keeps the last message (all its destinations read it), a queuing
 * channel a ring of max_nb_msgs slots.
 */
#ifndef CORE_PORT_H
#define CORE_PORT_H

#include <stdint.h>
#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>

/* Bytes of the kernel's channel pool a channel takes (the validator
 * checks the sum against BH_PORT_POOL_BYTES with this same formula). */
static inline uint32_t port_channel_bytes(const struct bh_port_config *src)
{
	uint32_t slots = src->kind == BH_PORT_QUEUING ? src->max_nb_msgs : 1;

	return slots * ((src->max_msg_size + 3u) & ~3u);
}

struct port;

struct chan {
	const struct bh_port_config *src;   /* sizes come from the source */
	struct port *source;                /* its ports, for notification */
	struct port *dest[BH_MAX_DESTS];
	uint32_t n_dest;
	uint8_t *buf;                       /* port_channel_bytes(src) bytes */
	uint32_t slot;                      /* bytes per slot, 4-aligned */
	uint32_t depth;                     /* slots */
	uint32_t head, count;               /* queuing ring: oldest, how many */
	uint32_t len[BH_PORT_DEPTH_MAX];    /* each slot's message length */
	uint64_t stamp;                     /* sampling: when written */
	uint32_t written;                   /* sampling: a message is there */
	uint32_t sent, dropped;             /* statistics: accepted, refused full */
};

struct port {
	const struct bh_port_config *cfg;
	struct chan *chan;
	uint32_t partition;
	uint32_t line;                      /* notification line, 0 = none */
	uint32_t notified;                  /* notifications raised */
	uint32_t want_room;                 /* source: refused full, tell it on room */
};

/* Wire channels and ports from cfg over pool (at least the validated
 * total).  Returns 0, or -BH_ENOSPC if pool is too small. */
int port_setup(const struct bh_config *cfg, struct port *ports, struct chan *chans,
	       uint8_t *pool, uint32_t pool_len);

/* Copy n bytes between kernel and (checked) guest memory: a string move
 * where the processor has one, the measured paths' main cost. */
void port_copy(void *dst, const void *src, uint32_t n);

/* Reset a channel's contents (boot, or clearing its destination). */
void port_chan_clear(struct chan *c);

/* Sampling: store len bytes (1..max checked by the caller) at now. */
void port_sampling_write(struct chan *c, const void *msg, uint32_t len, uint64_t now);

/* The last message: its bytes (NULL if none yet), length, age in ns and
 * validity for a destination with refresh period refresh_us. */
const uint8_t *port_sampling_peek(const struct chan *c, uint64_t now, uint32_t refresh_us,
				  uint32_t *len, uint64_t *age, uint32_t *valid);

/* Queuing: append; 0, or -BH_ENOSPC when full (nothing overwritten). */
int port_queue_put(struct chan *c, const void *msg, uint32_t len);

/* The oldest message (NULL when empty) and its length; port_queue_drop
 * takes it off once it has been copied out. */
const uint8_t *port_queue_peek(const struct chan *c, uint32_t *len);
void port_queue_drop(struct chan *c);

/* Is age older than the refresh period (refresh_us 0: never stale)? */
static inline uint32_t port_valid(uint64_t age, uint32_t refresh_us)
{
	return !refresh_us || age <= (uint64_t)refresh_us * 1000u;
}

#endif
