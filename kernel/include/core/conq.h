/*
 * Console output queues: one bounded byte ring per source (the kernel and
 * each partition) holding whole lines only.  A line that does not fit is
 * dropped and counted, never waited for; the next line that fits is
 * preceded by a "... N bytes dropped" marker.  The transmitter takes bytes
 * with conq_take: it finishes the line it started, then moves round-robin
 * to the next source with a line, so lines never interleave and no source
 * can hold the others off for more than one line.  Pure code: the host
 * unit test links it (tests/unit/conq.mk).
 */
#ifndef CORE_CONQ_H
#define CORE_CONQ_H

#include <stdint.h>

struct conq_src {
	char *buf;
	uint32_t size;             /* a power of two */
	uint32_t head, tail;       /* free-running: next write, next read */
	uint32_t dropped;          /* bytes dropped since the last marker */
	uint32_t dropped_total;    /* bytes dropped since boot */
	const char *name;          /* for the marker: "[name] ..." */
};

struct conq {
	struct conq_src *src;
	unsigned n;
	int cur;                   /* the source whose line is half sent, or CONQ_NONE */
	unsigned next;             /* where the round-robin resumes */
};

/* Which sources may take bytes: a set, bit i for source i (at most 32).
 * Source 0 (the kernel) and a line already begun always may. */
#define CONQ_ANY 0xffffffffu
#define CONQ_SRC(i) (1u << (i))
/* No source (an index, not an error: errors are -BH_E* codes). */
#define CONQ_NONE (-1)

void conq_init(struct conq *q, struct conq_src *src, unsigned n);
void conq_src_init(struct conq_src *s, char *buf, uint32_t size, const char *name);
/* Queue line (its last byte must be '\n') if it leaves keep bytes free;
 * 0, -BH_ENOSPC if it was dropped (counted), -BH_EINVAL if unterminated. */
int conq_put(struct conq_src *s, const char *line, uint32_t len, uint32_t keep);
/* Up to max bytes for the transmitter from the sources in allow. */
unsigned conq_take(struct conq *q, uint32_t allow, char *out, unsigned max);
/* 1 if conq_take(q, allow, ...) would give something. */
int conq_ready(const struct conq *q, uint32_t allow);
uint32_t conq_queued(const struct conq *q);

#endif
