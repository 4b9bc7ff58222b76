/* The console character policy (see core/cfilter.h). */
#include "core/cfilter.h"

void cfilter_reset(struct cfilter *f)
{
	f->have = f->need = 0;
}

static unsigned dots(struct cfilter *f, char *out)
{
	unsigned n = f->have;
	unsigned i;

	for (i = 0; i < n; i++)
		out[i] = '.';
	cfilter_reset(f);
	return n;
}

/*
 * A lead byte: how long its character is and what its second byte may be.
 * The second-byte ranges exclude the overlong forms (e0 80..9f, f0 80..8f),
 * the surrogates (ed a0..bf) and everything above U+10FFFF (f4 90..);
 * c2 80..9f, the C1 controls, are excluded as well.  c0, c1 and f5..ff
 * never start a character.
 */
static int start(struct cfilter *f, uint8_t c)
{
	f->lo = 0x80;
	f->hi = 0xbf;
	if (c == 0xc2)
		f->lo = 0xa0;
	else if (c == 0xe0)
		f->lo = 0xa0;
	else if (c == 0xed)
		f->hi = 0x9f;
	else if (c == 0xf0)
		f->lo = 0x90;
	else if (c == 0xf4)
		f->hi = 0x8f;
	if (c >= 0xc2 && c <= 0xdf)
		f->need = 2;
	else if (c >= 0xe0 && c <= 0xef)
		f->need = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		f->need = 4;
	else
		return 0;
	f->seq[0] = c;
	f->have = 1;
	return 1;
}

/*
 * Well-formed but still refused: the line and paragraph separators (a
 * partition must not break its own line in two, and a log reader may split
 * on them) and the bidirectional overrides and isolates (they reorder what
 * the operator sees).  All are three-byte characters.
 */
static int char_ok(const uint8_t *s, unsigned n)
{
	uint32_t cp;

	if (n != 3)
		return 1;
	cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return !(cp >= 0x2028 && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069);
}

static int ascii_ok(uint8_t c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t';
}

unsigned cfilter_byte(struct cfilter *f, uint8_t c, char *out)
{
	unsigned n = 0, i;

	if (f->have) {
		if (c >= f->lo && c <= f->hi) {
			f->seq[f->have++] = c;
			f->lo = 0x80;
			f->hi = 0xbf;
			if (f->have < f->need)
				return 0;
			if (!char_ok(f->seq, f->need))
				return dots(f, out);
			for (i = 0; i < f->need; i++)
				out[i] = (char)f->seq[i];
			n = f->need;
			cfilter_reset(f);
			return n;
		}
		/* Broken off: what came so far is dots, c starts afresh. */
		n = dots(f, out);
	}
	if (c < 0x80) {
		out[n++] = ascii_ok(c) ? (char)c : '.';
		return n;
	}
	if (!start(f, c))
		out[n++] = '.';
	return n;
}

unsigned cfilter_end(struct cfilter *f, char *out)
{
	return dots(f, out);
}
