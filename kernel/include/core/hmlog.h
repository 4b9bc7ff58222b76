/*
 * The health-monitor log: one ring of records per source (each partition,
 * and the module itself), so no source can overwrite another's records.
 * A global sequence number orders records across rings; a read merges the
 * rings in that order.  Repeats of a recent record of the same source
 * (same event, vector, eip, address, error code, action) are coalesced
 * into it: its count grows and it takes a new sequence number, so a
 * reader polling by sequence sees it again.  Portable: host unit tests
 * (tests/unit/test_hmlog.c) run this very code.
 */
#ifndef CORE_HMLOG_H
#define CORE_HMLOG_H

#include <stdint.h>
#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>

#define HM_RING_SIZE   64                    /* records kept per source */
#define HM_SRC_MODULE  BH_MAX_PARTITIONS     /* events of no partition */
#define HM_SOURCES     (BH_MAX_PARTITIONS + 1)
#define HM_COALESCE    4     /* how many of a source's newest records a repeat may join */

struct hm_ring {
	struct bh_hm_entry rec[HM_RING_SIZE];
	uint32_t stored;           /* records ever stored (index of the next) */
	struct bh_hm_stats stats;
};

struct hm_log {
	uint32_t seq;              /* sequence numbers ever handed out */
	struct hm_ring ring[HM_SOURCES];
};

/*
 * Log one occurrence e (seq and count are filled in) from source src.
 * Returns the record that holds it now; *repeat is 0 for a new record,
 * otherwise the record's count.
 */
struct bh_hm_entry *hmlog_add(struct hm_log *l, unsigned src,
			      const struct bh_hm_entry *e, uint32_t *repeat);

/* Up to max records with seq >= first_seq, in increasing seq order. */
unsigned hmlog_read(const struct hm_log *l, struct bh_hm_entry *out,
		    unsigned max, uint32_t first_seq);

/*
 * The same, through a small buffer of HM_COPY_CHUNK records on the stack,
 * each chunk handed to sink (records at..at+n-1 of the result): how a
 * hypercall copies records out without a 64-record buffer.  Returns the
 * number copied.
 */
#define HM_COPY_CHUNK 8
typedef void (*hmlog_sink_t)(void *ctx, unsigned at, const struct bh_hm_entry *e,
			     unsigned n);
unsigned hmlog_copy(const struct hm_log *l, unsigned max, uint32_t first_seq,
		    hmlog_sink_t sink, void *ctx);

#endif
