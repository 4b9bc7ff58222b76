/*
 * ARINC 653 ports and channels: storage and message arithmetic (see
 * core/port.h).  Portable: linked into the kernel and into host unit tests.
 */
#include <bulkhead/errno.h>
#include "core/port.h"
#include "core/lib.h"

int port_setup(const struct bh_config *cfg, struct port *ports, struct chan *chans,
	       uint8_t *pool, uint32_t pool_len)
{
	uint32_t used = 0;

	for (uint32_t i = 0; i < cfg->n_channels; i++) {
		const struct bh_channel *ch = &cfg->channels[i];
		struct chan *c = &chans[i];
		uint32_t need;

		bh_memset(c, 0, sizeof(*c));
		c->src = &cfg->ports[ch->source];
		need = port_channel_bytes(c->src);
		if (need > pool_len - used)
			return -BH_ENOSPC;
		c->buf = pool + used;
		used += need;
		c->slot = (c->src->max_msg_size + 3u) & ~3u;
		c->depth = c->src->kind == BH_PORT_QUEUING ? c->src->max_nb_msgs : 1;
		ports[ch->source] = (struct port){ .cfg = c->src, .chan = c,
						   .partition = c->src->partition };
		c->source = &ports[ch->source];
		for (uint32_t d = 0; d < ch->n_dests; d++) {
			const struct bh_port_config *pc = &cfg->ports[ch->dests[d]];

			ports[ch->dests[d]] = (struct port){ .cfg = pc, .chan = c,
							     .partition = pc->partition };
			c->dest[c->n_dest++] = &ports[ch->dests[d]];
		}
	}
	return 0;
}

void port_copy(void *dst, const void *src, uint32_t n)
{
#if defined(__i386__) || defined(__x86_64__)
	uint32_t words = n >> 2, rest = n & 3;

	__asm__ volatile("rep movsl; mov %3, %%ecx; rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(words)
			 : "r"(rest) : "memory");
#else
	bh_memcpy(dst, src, n);
#endif
}

void port_chan_clear(struct chan *c)
{
	c->head = c->count = 0;
	c->written = 0;
	c->stamp = 0;
}

void port_sampling_write(struct chan *c, const void *msg, uint32_t len, uint64_t now)
{
	port_copy(c->buf, msg, len);
	c->len[0] = len;
	c->stamp = now;
	c->written = 1;
	c->sent++;
}

const uint8_t *port_sampling_peek(const struct chan *c, uint64_t now, uint32_t refresh_us,
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
	*valid = port_valid(*age, refresh_us);
	return c->buf;
}

int port_queue_put(struct chan *c, const void *msg, uint32_t len)
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

const uint8_t *port_queue_peek(const struct chan *c, uint32_t *len)
{
	if (!c->count)
		return 0;
	*len = c->len[c->head];
	return c->buf + c->head * c->slot;
}

void port_queue_drop(struct chan *c)
{
	if (++c->head == c->depth)
		c->head = 0;
	c->count--;
}
