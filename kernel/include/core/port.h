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
#include "core/lock.h"

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
	uint32_t n_bound;                   /* destinations with a line bound */
	uint8_t *buf;                       /* port_channel_bytes(src) bytes */
	uint32_t slot;                      /* bytes per slot, 4-aligned */
	uint32_t depth;                     /* slots */
	uint32_t head, count;               /* queuing ring: oldest, how many */
	uint32_t len[BH_PORT_DEPTH_MAX];    /* each slot's message length */
	uint64_t stamp;                     /* sampling: when written (port_hc.c: the counter) */
	uint32_t written;                   /* sampling: a message is there */
	uint32_t sent, dropped;             /* statistics: accepted, refused full */
	struct tlock lock;                  /* its ends may run on two CPUs */
};

/* Owner, kind and direction in one word: the hypercalls' check is one
 * comparison with what the call needs. */
#define PORT_KEY(partition, kind, dir) ((partition) | (uint32_t)(kind) << 8 | \
					(uint32_t)(dir) << 16)

struct port {
	const struct bh_port_config *cfg;
	struct chan *chan;
	uint32_t key;                       /* PORT_KEY of its configuration */
	uint32_t max;                       /* cfg->max_msg_size, one load nearer */
	uint64_t valid_limit;               /* port_valid_limit(refresh_us) */
	uint32_t partition;
	uint32_t line;                      /* notification line, 0 = none */
	uint32_t notified;                  /* notifications raised */
	uint32_t want_room;                 /* source: refused full, tell it on room */
};

/* Wire channels and ports from cfg over pool (at least the validated
 * total).  Returns 0, or -BH_ENOSPC if pool is too small. */
int port_setup(const struct bh_config *cfg, struct port *ports, struct chan *chans,
	       uint8_t *pool, uint32_t pool_len);


/* Reset a channel's contents (boot, or clearing its destination). */
void port_chan_clear(struct chan *c);






/* The oldest age still valid for a refresh period (0: never stale):
 * kept per port, so validity is one comparison. */
static inline uint64_t port_valid_limit(uint32_t refresh_us)
{
	return refresh_us ? (uint64_t)refresh_us * 1000u : UINT64_MAX;
}

#endif
