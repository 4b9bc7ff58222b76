/*
 * Host unit tests of the console's character policy (kernel/core/cfilter.c)
 * and its per-source output queues (kernel/core/conq.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/errno.h>
#include "core/cfilter.h"
#include "core/conq.h"

/* ---- the character policy ---- */

/* Filter n bytes as one line (the end flushes an unfinished character). */
static size_t filter(const char *in, size_t n, char *out)
{
	struct cfilter f;
	size_t o = 0, i;

	cfilter_reset(&f);
	for (i = 0; i < n; i++)
		o += cfilter_byte(&f, (uint8_t)in[i], out + o);
	o += cfilter_end(&f, out + o);
	out[o] = 0;
	return o;
}

#define EXPECT_FILTER(in, want) expect_filter(in, sizeof(in) - 1, want, __LINE__)

static void expect_filter(const char *in, size_t n, const char *want, int line)
{
	char out[256];
	size_t o = filter(in, n, out);

	if (o != strlen(want) || memcmp(out, want, o)) {
		print_error("line %d: filtered to \"%s\", want \"%s\"\n", line, out, want);
		fail();
	}
	/* The output is never longer than the input: a line cannot grow. */
	assert_int_equal(o, n);
}

static void ascii_passes_controls_become_dots(void **state)
{
	EXPECT_FILTER("hello, world ~{}", "hello, world ~{}");
	EXPECT_FILTER("a\tb", "a\tb");
	EXPECT_FILTER("\x1b[31mred\x1b[0m", ".[31mred.[0m");
	EXPECT_FILTER("\x00\x07\x08\x7f", "....");
	EXPECT_FILTER("\x0b\x0c\x1c\x1d\x1e", ".....");
}

static void c1_raw_becomes_dots(void **state)
{
	EXPECT_FILTER("\x9b" "31m", ".31m");              /* CSI */
	EXPECT_FILTER("\x80\x85\x9d\x9f", "....");        /* PAD NEL OSC APC */
	EXPECT_FILTER("\xa0\xff", "..");                  /* lone continuation, never a lead */
}

static void c1_in_utf8_becomes_dots(void **state)
{
	EXPECT_FILTER("\xc2\x9b" "31m", "..31m");
	EXPECT_FILTER("\xc2\x80\xc2\x85\xc2\x9f", "......");
	EXPECT_FILTER("\xc2\xa0\xc2\xa9", "\xc2\xa0\xc2\xa9");   /* NBSP, (c): first after C1 */
}

static void overlong_forms_become_dots(void **state)
{
	EXPECT_FILTER("\xc0\x9b", "..");                  /* ESC in two bytes */
	EXPECT_FILTER("\xc1\xbf", "..");
	EXPECT_FILTER("\xe0\x80\x9b", "...");             /* ESC in three */
	EXPECT_FILTER("\xe0\x82\x9b", "...");             /* C1 CSI in three */
	EXPECT_FILTER("\xf0\x80\x80\x9b", "....");        /* ESC in four */
	EXPECT_FILTER("\xf0\x8f\xbf\xbf", "....");        /* U+FFFF in four */
}

static void surrogates_and_beyond_unicode_become_dots(void **state)
{
	EXPECT_FILTER("\xed\xa0\x80", "...");             /* U+D800 */
	EXPECT_FILTER("\xed\xbf\xbf", "...");             /* U+DFFF */
	EXPECT_FILTER("\xed\x9f\xbf", "\xed\x9f\xbf");    /* U+D7FF is fine */
	EXPECT_FILTER("\xf4\x90\x80\x80", "....");        /* U+110000 */
	EXPECT_FILTER("\xf5\x80\x80\x80", "....");
	EXPECT_FILTER("\xf8\x88\x80\x80\x80", ".....");   /* old 5-byte form */
}

static void separators_and_bidi_become_dots(void **state)
{
	EXPECT_FILTER("a\xe2\x80\xa8" "b", "a...b");      /* LINE SEPARATOR */
	EXPECT_FILTER("\xe2\x80\xa9", "...");             /* PARAGRAPH SEPARATOR */
	EXPECT_FILTER("\xe2\x80\xae", "...");             /* RIGHT-TO-LEFT OVERRIDE */
	EXPECT_FILTER("\xe2\x81\xa6\xe2\x81\xa9", "......");  /* isolates */
	EXPECT_FILTER("\xe2\x80\xa6", "\xe2\x80\xa6");    /* HORIZONTAL ELLIPSIS passes */
}

static void valid_utf8_passes(void **state)
{
	EXPECT_FILTER("caf\xc3\xa9", "caf\xc3\xa9");
	EXPECT_FILTER("\xe2\x80\x94", "\xe2\x80\x94");    /* em dash */
	EXPECT_FILTER("\xe0\xa0\x80", "\xe0\xa0\x80");    /* U+0800, smallest 3-byte */
	EXPECT_FILTER("\xef\xbf\xbd", "\xef\xbf\xbd");
	EXPECT_FILTER("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");  /* 4-byte emoji */
	EXPECT_FILTER("\xf0\x90\x80\x80", "\xf0\x90\x80\x80");  /* U+10000 */
	EXPECT_FILTER("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");  /* U+10FFFF */
}

static void truncated_sequences_become_dots(void **state)
{
	EXPECT_FILTER("x\xc3", "x.");                     /* line ends mid-character */
	EXPECT_FILTER("\xe2\x80", "..");
	EXPECT_FILTER("\xf0\x9f\x98", "...");
	EXPECT_FILTER("\xf0\x9f" "A", "..A");             /* broken off by ASCII */
	EXPECT_FILTER("\xe2\x1b", "..");                  /* ... or by a control */
	EXPECT_FILTER("\xe2\xc3\xa9", ".\xc3\xa9");       /* ... or by a new lead */
	EXPECT_FILTER("\xc3\xa9\xa9", "\xc3\xa9.");       /* one continuation too many */
}

/* A character split across two writes is still one character. */
static void split_across_writes_is_whole(void **state)
{
	struct cfilter f;
	char out[16];
	unsigned n;

	cfilter_reset(&f);
	assert_int_equal(cfilter_byte(&f, 0xf0, out), 0);
	assert_int_equal(cfilter_byte(&f, 0x9f, out), 0);
	assert_int_equal(cfilter_pending(&f), 2);
	assert_int_equal(cfilter_byte(&f, 0x98, out), 0);
	n = cfilter_byte(&f, 0x80, out);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
	assert_int_equal(cfilter_pending(&f), 0);
	/* And a split C1 is still refused. */
	assert_int_equal(cfilter_byte(&f, 0xc2, out), 0);
	n = cfilter_byte(&f, 0x9b, out);
	assert_int_equal(n, 2);
	assert_memory_equal(out, "..", 2);
}

/* Every byte string of length 1 and 2: nothing the policy refuses gets
 * out, and the output never contains a control byte. */
static void exhaustive_two_bytes(void **state)
{
	unsigned a, b;
	char in[2], out[8];

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++) {
			size_t n, i;

			in[0] = (char)a;
			in[1] = (char)b;
			n = filter(in, 2, out);
			assert_int_equal(n, 2);
			for (i = 0; i < n; i++) {
				uint8_t c = (uint8_t)out[i];

				assert_false((c < 0x20 && c != '\t') || c == 0x7f);
			}
			/* Any C1 in UTF-8 or a raw 0x80..0x9f lead is gone. */
			if (a == 0xc2 && b >= 0x80 && b < 0xa0)
				assert_memory_equal(out, "..", 2);
			if (a >= 0x80 && a < 0xc2)
				assert_int_equal(out[0], '.');
		}
}

/* ---- the output queues ---- */

static char buf_k[64], buf_a[64], buf_b[64], buf_c[64];
static struct conq_src srcs[4];
static struct conq q;

static int setup_queues(void **state)
{
	conq_src_init(&srcs[0], buf_k, sizeof(buf_k), "kernel");
	conq_src_init(&srcs[1], buf_a, sizeof(buf_a), "a");
	conq_src_init(&srcs[2], buf_b, sizeof(buf_b), "b");
	conq_src_init(&srcs[3], buf_c, sizeof(buf_c), "c");
	conq_init(&q, srcs, 4);
	return 0;
}

static int put(unsigned src, const char *s)
{
	return conq_put(&srcs[src], s, (uint32_t)strlen(s), 0);
}

/* Everything the sources in allow may send, max bytes at a time, as one string. */
static const char *take_all(uint32_t allow, unsigned max)
{
	static char out[1024];
	unsigned o = 0, n;

	while ((n = conq_take(&q, allow, out + o, max)) > 0) {
		assert_true(n <= max);
		o += n;
	}
	out[o] = 0;
	return out;
}

static void lines_come_out_whole_round_robin(void **state)
{
	assert_int_equal(put(1, "a1 xxxxxxxxxxxxxxxxxxxx\n"), 0);
	assert_int_equal(put(1, "a2\n"), 0);
	assert_int_equal(put(2, "b1 yyyyyyyyyyyyyyyyyyyy\n"), 0);
	assert_int_equal(put(0, "k1\n"), 0);
	/* Three bytes at a time: a line begun is finished before another. */
	assert_string_equal(take_all(CONQ_ANY, 3),
			    "k1\na1 xxxxxxxxxxxxxxxxxxxx\nb1 yyyyyyyyyyyyyyyyyyyy\na2\n");
	assert_int_equal(conq_queued(&q), 0);
}

static void full_ring_drops_whole_lines_and_says_so(void **state)
{
	char line[41];

	memset(line, 'x', 39);
	line[39] = '\n';
	line[40] = 0;
	assert_int_equal(put(1, line), 0);       /* 40 of 64 bytes */
	assert_int_equal(put(1, line), -BH_ENOSPC); /* no room: dropped, never partly */
	assert_int_equal(put(1, "short\n"), -BH_ENOSPC); /* 24 left, but the marker comes first */
	assert_int_equal(srcs[1].dropped, 46);
	assert_int_equal(srcs[1].dropped_total, 46);
	assert_int_equal(conq_queued(&q), 40);
	/* The other sources are not affected. */
	assert_int_equal(put(2, "b\n"), 0);
	take_all(CONQ_ANY, 16);
	assert_int_equal(put(1, "next\n"), 0);
	assert_string_equal(take_all(CONQ_ANY, 16), "[a] ... 46 bytes dropped\r\nnext\n");
	assert_int_equal(srcs[1].dropped, 0);
	assert_int_equal(srcs[1].dropped_total, 46);
}

/* A line may be asked to leave room: the kernel's notes about a partition
 * still fit when the partition's own lines no longer do. */
static void headroom_is_kept_for_notes(void **state)
{
	assert_int_equal(conq_put(&srcs[1], "0123456789012345678901234567890123456789\n", 41, 16), 0);
	assert_int_equal(conq_put(&srcs[1], "own line\n", 9, 16), -BH_ENOSPC);     /* 23 free, 16 kept */
	assert_int_equal(conq_put(&srcs[1], "HM: note\n", 9, 0), -BH_ENOSPC);      /* marker + note: 35 */
	take_all(CONQ_ANY, 64);
	assert_int_equal(conq_put(&srcs[1], "HM: note\n", 9, 0), 0);
	assert_string_equal(take_all(CONQ_ANY, 64), "[a] ... 18 bytes dropped\r\nHM: note\n");
	assert_int_equal(conq_put(&srcs[1], "0123456789012345678901234567890123456789\n", 41, 16), 0);
	assert_int_equal(conq_put(&srcs[1], "HM: note\n", 9, 0), 0);          /* 23 free */
}

static void unterminated_line_is_refused(void **state)
{
	assert_int_equal(put(1, "no newline"), -BH_EINVAL);
	assert_int_equal(put(1, ""), -BH_EINVAL);
	assert_int_equal(conq_queued(&q), 0);
}

/* In a's window only a's lines and the kernel's go out; b waits for its
 * own window or for idle time. */
static void owner_sends_only_its_own_and_kernel_lines(void **state)
{
	put(1, "a\n");
	put(2, "b\n");
	put(0, "k\n");
	assert_true(conq_ready(&q, CONQ_SRC(1)));
	assert_string_equal(take_all(CONQ_SRC(1), 16), "k\na\n");
	assert_false(conq_ready(&q, CONQ_SRC(1)));
	assert_true(conq_ready(&q, CONQ_SRC(2)));
	assert_string_equal(take_all(CONQ_SRC(2), 16), "b\n");
	assert_int_equal(conq_queued(&q), 0);
}

/* Several CPUs: the partitions running now, each on its own CPU, all
 * send; one not running anywhere waits. */
static void running_sources_all_send(void **state)
{
	put(1, "a\n");
	put(2, "b\n");
	put(3, "c\n");
	assert_string_equal(take_all(CONQ_SRC(1) | CONQ_SRC(3), 16), "a\nc\n");
	assert_false(conq_ready(&q, CONQ_SRC(1) | CONQ_SRC(3)));
	assert_string_equal(take_all(CONQ_SRC(2), 16), "b\n");
}

/* A line begun in its owner's window is finished in the next one: the
 * terminal never shows two sources inside one line. */
static void line_begun_is_finished_by_anyone(void **state)
{
	char out[8];

	put(1, "abcdef\n");
	put(2, "xy\n");
	assert_int_equal(conq_take(&q, CONQ_SRC(1), out, 3), 3);
	assert_true(conq_ready(&q, CONQ_SRC(2)));
	assert_string_equal(take_all(CONQ_SRC(2), 2), "def\nxy\n");
}

static void wraps_around_the_ring(void **state)
{
	unsigned i;

	for (i = 0; i < 50; i++) {
		char line[32];

		snprintf(line, sizeof(line), "line %u of the wrap\n", i);
		assert_int_equal(put(1, line), 0);
		assert_string_equal(take_all(CONQ_SRC(1), 5), line);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascii_passes_controls_become_dots),
		cmocka_unit_test(c1_raw_becomes_dots),
		cmocka_unit_test(c1_in_utf8_becomes_dots),
		cmocka_unit_test(overlong_forms_become_dots),
		cmocka_unit_test(surrogates_and_beyond_unicode_become_dots),
		cmocka_unit_test(separators_and_bidi_become_dots),
		cmocka_unit_test(valid_utf8_passes),
		cmocka_unit_test(truncated_sequences_become_dots),
		cmocka_unit_test(split_across_writes_is_whole),
		cmocka_unit_test(exhaustive_two_bytes),
		cmocka_unit_test_setup(lines_come_out_whole_round_robin, setup_queues),
		cmocka_unit_test_setup(full_ring_drops_whole_lines_and_says_so, setup_queues),
		cmocka_unit_test_setup(unterminated_line_is_refused, setup_queues),
		cmocka_unit_test_setup(headroom_is_kept_for_notes, setup_queues),
		cmocka_unit_test_setup(owner_sends_only_its_own_and_kernel_lines, setup_queues),
		cmocka_unit_test_setup(running_sources_all_send, setup_queues),
		cmocka_unit_test_setup(line_begun_is_finished_by_anyone, setup_queues),
		cmocka_unit_test_setup(wraps_around_the_ring, setup_queues),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
