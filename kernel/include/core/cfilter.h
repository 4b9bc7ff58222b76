/*
 * The console's character policy, in one place: what a partition may put
 * on the operator's terminal.  Printable ASCII, '\t', and well-formed UTF-8
 * whose code point is not a control (C0, DEL, C1), not a surrogate, not
 * overlong, not above U+10FFFF, not a line or paragraph separator
 * (U+2028/9) and not a bidirectional override or isolate (U+202A-E,
 * U+2066-9) pass; every other byte becomes '.'.
 * '\n' and '\r' are the caller's (line structure), not the filter's.
 *
 * The filter is a byte-at-a-time state machine so a character split across
 * two writes is still recognised; output always has as many bytes as the
 * input, so a filtered line is never longer than the raw one.  Pure code:
 * the host unit test links it (tests/unit/cfilter.mk).
 */
#ifndef CORE_CFILTER_H
#define CORE_CFILTER_H

#include <stdint.h>

struct cfilter {
	uint8_t seq[4];            /* the character being decoded */
	uint8_t have, need;        /* bytes of it so far, bytes it will have */
	uint8_t lo, hi;            /* range allowed for the next byte */
};

#define CFILTER_OUT_MAX 4      /* most bytes one call can produce */

void cfilter_reset(struct cfilter *f);
/* Feed one byte; writes what is now decided to out, returns how many. */
unsigned cfilter_byte(struct cfilter *f, uint8_t c, char *out);
/* The stream or line ends: an unfinished character becomes dots. */
unsigned cfilter_end(struct cfilter *f, char *out);
/* Bytes held back, waiting for the rest of a character. */
static inline unsigned cfilter_pending(const struct cfilter *f)
{
	return f->have;
}

#endif
