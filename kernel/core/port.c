/*
 * ARINC 653 ports and channels: storage and message arithmetic (see
 * core/port.h).  Portable: linked into the kernel and into host unit tests.
 */
#include <bulkhead/errno.h>
#include "core/port.h"
#include "core/lib.h"

static struct port port_of(const struct bh_port_config *pc, struct chan *c)
{
	return (struct port){
		.cfg = pc, .chan = c, .partition = pc->partition,
		.key = PORT_KEY(pc->partition, pc->kind, pc->direction),
		.valid_limit = port_valid_limit(pc->refresh_us),
		.max = pc->max_msg_size,
	};
}

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
		ports[ch->source] = port_of(c->src, c);
		c->source = &ports[ch->source];
		for (uint32_t d = 0; d < ch->n_dests; d++) {
			const struct bh_port_config *pc = &cfg->ports[ch->dests[d]];

			ports[ch->dests[d]] = port_of(pc, c);
			c->dest[c->n_dest++] = &ports[ch->dests[d]];
		}
	}
	return 0;
}

void port_chan_clear(struct chan *c)
{
	c->head = c->count = 0;
	c->written = 0;
	c->stamp = 0;
}

