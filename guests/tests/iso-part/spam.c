/*
 * Console pressure (configs/test/test-console.c): "spam" writes raw console
 * output as fast as it can, for ever, never yielding, while "ctl" and
 * "yield" check that their windows still begin on time.  Its first line
 * carries every class of byte the console policy refuses, and the test
 * compares what reached the terminal byte for byte.
 */
#include "iso.h"

/* The policy line: ESC, raw C1 CSI, C1 in UTF-8, overlong ESC in two and
 * three bytes, a right-to-left override, a line separator, a lone lead at
 * the end; café and an emoji must survive. */
static const char hostile[] =
	"filter: \x1b[31m|\x9b" "31m|\xc2\x9b" "31m|\xc0\x9b|\xe0\x80\x9b|"
	"\xe2\x80\xae|\xe2\x80\xa8|caf\xc3\xa9|\xf0\x9f\x98\x80|\r|end\xe2\n";

#define LINES 16
#define LINE_X 100

static char text[LINES * (LINE_X + 16)];

/* LINES numbered lines, "spam NN xxx...", back to back. */
static size_t build_text(void)
{
	size_t n = 0;
	unsigned i, j;

	for (i = 0; i < LINES; i++) {
		n += (size_t)bh_snprintf(text + n, sizeof(text) - n, "spam %02u ", i);
		for (j = 0; j < LINE_X; j++)
			text[n++] = 'x';
		text[n++] = '\n';
	}
	return n;
}

void role_spam(void)
{
	size_t len = build_text(), at = 0;
	uint32_t writes = 0, short_writes = 0, rounds = 0;

	bh_console_write(hostile, sizeof(hostile) - 1);
	for (;;) {
		size_t n = len - at < 256 ? len - at : 256;
		int r = bh_console_write(text + at, n);

		/* The kernel takes every byte offered (up to 256) and drops what
		 * it cannot queue: a write never waits and never comes up short. */
		if (r != (int)n)
			short_writes++;
		writes++;
		at = (at + n) % len;
		/* Only between lines: a raw write leaves a line half-built.
		 * After the first round too: a slow processor may not reach
		 * round 256 before the test ends (Bochs at 40 MIPS did not). */
		if (at == 0 && (++rounds == 1 || rounds % 256 == 0))
			bh_printf("spam: %u writes, %u short\n", writes, short_writes);
	}
}
