/*
 * The health-monitor log's rings (see core/hmlog.h).  Everything here is
 * bounded: an add touches at most HM_COALESCE records, a read at most
 * max * HM_SOURCES, whatever the partitions do.
 */
#include "core/hmlog.h"

static uint32_t oldest(const struct hm_ring *r)
{
	return r->stored > HM_RING_SIZE ? r->stored - HM_RING_SIZE : 0;
}

static struct bh_hm_entry *at(struct hm_ring *r, uint32_t i)
{
	return &r->rec[i % HM_RING_SIZE];
}

/*
 * The same thing happening again at the same place.  Only ignored events
 * coalesce: they are the ones a partition can repeat without bound (every
 * other action restarts or halts it, bounded by its restart_limit), and a
 * restart is an incident of its own.
 */
static int same(const struct bh_hm_entry *a, const struct bh_hm_entry *b)
{
	return a->action == BH_HM_ACT_IGNORE && a->event == b->event && a->action == b->action &&
	       a->vector == b->vector && a->eip == b->eip && a->addr == b->addr &&
	       a->error_code == b->error_code && a->partition == b->partition;
}

/* Record i repeats: move it to the newest place, under a new seq, so the
 * ring stays in seq order and a polling reader sees its new count. */
static struct bh_hm_entry *renew(struct hm_log *l, struct hm_ring *r, uint32_t i,
				 const struct bh_hm_entry *e, uint32_t *repeat)
{
	struct bh_hm_entry keep = *at(r, i);

	for (; i + 1 < r->stored; i++)
		*at(r, i) = *at(r, i + 1);
	keep.seq = l->seq++;
	keep.time_ns = e->time_ns;
	if (keep.count != 0xffffffffu)
		keep.count++;
	*at(r, i) = keep;
	r->stats.coalesced++;
	*repeat = keep.count;
	return at(r, i);
}

struct bh_hm_entry *hmlog_add(struct hm_log *l, unsigned src,
			      const struct bh_hm_entry *e, uint32_t *repeat)
{
	struct hm_ring *r = &l->ring[src];
	uint32_t i, lo = r->stored > HM_COALESCE ? r->stored - HM_COALESCE : 0;
	struct bh_hm_entry *rec;

	r->stats.events++;
	for (i = r->stored; i-- > lo;)
		if (same(at(r, i), e))
			return renew(l, r, i, e, repeat);
	if (r->stored >= HM_RING_SIZE)
		r->stats.dropped++;        /* the oldest record of this source goes */
	rec = at(r, r->stored++);
	*rec = *e;
	rec->seq = l->seq++;
	rec->count = 1;
	r->stats.records++;
	*repeat = 0;
	return rec;
}

/* The first record of r with seq >= first (r->stored if none). */
static uint32_t first_from(const struct hm_ring *r, uint32_t first)
{
	uint32_t lo = oldest(r), hi = r->stored;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (r->rec[mid % HM_RING_SIZE].seq < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

unsigned hmlog_read(const struct hm_log *l, struct bh_hm_entry *out,
		    unsigned max, uint32_t first_seq)
{
	uint32_t pos[HM_SOURCES];
	unsigned s, n = 0;

	for (s = 0; s < HM_SOURCES; s++)
		pos[s] = first_from(&l->ring[s], first_seq);
	while (n < max) {
		const struct bh_hm_entry *best = 0;
		unsigned from = 0;

		for (s = 0; s < HM_SOURCES; s++) {
			const struct hm_ring *r = &l->ring[s];
			const struct bh_hm_entry *e = &r->rec[pos[s] % HM_RING_SIZE];

			if (pos[s] < r->stored && (!best || e->seq < best->seq)) {
				best = e;
				from = s;
			}
		}
		if (!best)
			break;
		out[n++] = *best;
		pos[from]++;
	}
	return n;
}

unsigned hmlog_copy(const struct hm_log *l, unsigned max, uint32_t first_seq,
		    hmlog_sink_t sink, void *ctx)
{
	struct bh_hm_entry e[HM_COPY_CHUNK];
	unsigned done = 0, n;

	while (done < max) {
		n = hmlog_read(l, e, max - done < HM_COPY_CHUNK ? max - done : HM_COPY_CHUNK,
			       first_seq);
		if (!n)
			break;
		sink(ctx, done, e, n);
		done += n;
		/* On from the last record copied, not from first_seq + done:
		 * seq has gaps (records coalesced or overwritten). */
		first_seq = e[n - 1].seq + 1;
		if (!first_seq)
			break;             /* that was the last seq there can be */
	}
	return done;
}
