/*
 * Unit tests of bhlib (lib/fmt.c, lib/string.c): everything the guests and
 * the kernel print goes through bh_snprintf, so its formats are pinned
 * down here against the output C's printf would give.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/lib.h"

/*
 * Fail with a formatted message.  Going through _assert_true (not
 * print_error) puts the message in cmocka's TAP output as a "# " comment
 * of the failing test, where tests/run.py picks it up.
 */
#define fail_with(...) do {                                                     \
	char why_[1024];                                                        \
	snprintf(why_, sizeof(why_), __VA_ARGS__);                              \
	_assert_true(0, why_, __FILE__, __LINE__);                              \
} while (0)

/* bh_snprintf without the compiler's format check, for odd formats on purpose. */
static int unchecked(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

/* Format with fn into a roomy buffer; compare text and length. */
#define expect_with(fn, want, ...) do {                                          \
	char buf_[128];                                                         \
	int n_ = fn(buf_, sizeof(buf_), __VA_ARGS__);                           \
	if (strcmp(buf_, (want)) != 0 || n_ != (int)strlen(want)) {             \
		fail_with("bh_snprintf(%s): got \"%s\" (%d), expected \"%s\" (%d)", \
			  #__VA_ARGS__, buf_, n_, (want), (int)strlen(want));   \
	}                                                                       \
} while (0)
#define expect_fmt(want, ...) expect_with(bh_snprintf, want, __VA_ARGS__)
#define expect_odd(want, ...) expect_with(unchecked, want, __VA_ARGS__)

static void test_integers(void **state)
{
	expect_fmt("42", "%d", 42);
	expect_fmt("-42", "%d", -42);
	expect_fmt("-2147483648", "%d", INT_MIN);
	expect_fmt("0", "%i", 0);
	expect_fmt("4294967295", "%u", UINT_MAX);
	expect_fmt("beef", "%x", 0xbeefu);
	expect_fmt("BEEF", "%X", 0xbeefu);
	expect_fmt("0000beef", "%08x", 0xbeefu);
	expect_fmt("  -42", "%5d", -42);
	expect_fmt("-0042", "%05d", -42);
	expect_fmt("-42  |", "%-5d|", -42);
	expect_odd("7    |", "%-05u|", 7u);     /* '-' wins over '0' */
	expect_fmt("12345", "%3d", 12345);      /* width is a minimum */
}

static void test_long_long(void **state)
{
	expect_fmt("-9223372036854775808", "%lld", (long long)INT64_MIN);
	expect_fmt("9223372036854775807", "%lld", (long long)INT64_MAX);
	expect_fmt("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	expect_fmt("100000000", "%llx", 1ull << 32);
	expect_fmt("4294967296", "%llu", 1ull << 32);
	expect_fmt("-1", "%ld", -1L);
	expect_fmt("0000000123456789", "%016llx", 0x123456789ull);
}

static void test_strings_and_chars(void **state)
{
	expect_fmt("ab   |", "%-5s|", "ab");
	expect_fmt("   ab|", "%5s|", "ab");
	expect_fmt("abc", "%.3s", "abcdef");
	expect_fmt("ab", "%.3s", "ab");
	expect_fmt("  abc|", "%5.3s|", "abcdef");
	expect_fmt("abc", "%.*s", 3, "abcdef");      /* precision from the arguments */
	expect_fmt("  ab|", "%4.*s|", 2, "abcdef");
	expect_fmt("abcdef", "%.*s", -1, "abcdef");  /* negative: no precision */
	expect_odd("(null)", "%s", (char *)NULL);
	expect_fmt("x", "%c", 'x');
	expect_fmt("  x", "%3c", 'x');
	expect_fmt("100%", "%d%%", 100);
	expect_odd("%q", "%q");                 /* unknown: printed as is */
	expect_odd("abc", "abc%");              /* trailing '%' is dropped */
	expect_fmt("", "%s", "");
}

static void test_pointer(void **state)
{
	char want[32];

	/* Zero-padded to the pointer width: 8 digits on i386, 16 on the host. */
	snprintf(want, sizeof(want), "0x%0*lx", (int)sizeof(void *) * 2, 0x1234ul);
	expect_fmt(want, "%p", (void *)0x1234);
}

static void test_truncation(void **state)
{
	char buf[8];
	int n;

	memset(buf, 'z', sizeof(buf));
	n = bh_snprintf(buf, 4, "hello %d", 12345);
	assert_int_equal(n, 11);                /* the full length */
	assert_string_equal(buf, "hel");        /* NUL-terminated */
	assert_int_equal(buf[4], 'z');          /* nothing written past len */

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(bh_snprintf(buf, 0, "hello"), 5);
	assert_int_equal(buf[0], 'z');          /* len 0: buffer untouched */
	assert_int_equal(bh_snprintf(NULL, 0, "%d", -7), 2);

	assert_int_equal(bh_snprintf(buf, 1, "hello"), 5);
	assert_string_equal(buf, "");
	assert_int_equal(bh_snprintf(buf, 6, "hello"), 5);
	assert_string_equal(buf, "hello");      /* exactly fits */
}

static void test_basename(void **state)
{
	assert_string_equal(bh_basename("rtos.elf"), "rtos.elf");
	assert_string_equal(bh_basename("/boot/rtos.elf"), "rtos.elf");
	assert_string_equal(bh_basename("a/b/c"), "c");
	assert_string_equal(bh_basename("dir/"), "");
	assert_string_equal(bh_basename(""), "");
}

static void test_strings(void **state)
{
	assert_int_equal(bh_strcmp("abc", "abc"), 0);
	assert_true(bh_strcmp("abc", "abd") < 0);
	assert_true(bh_strcmp("abd", "abc") > 0);
	assert_true(bh_strcmp("ab", "abc") < 0);
	assert_true(bh_strcmp("abc", "ab") > 0);
	assert_true(bh_strcmp("", "a") < 0);
	assert_true(bh_strcmp("\xff", "a") > 0);   /* compared as unsigned bytes */
	assert_int_equal(bh_strlen(""), 0);
	assert_int_equal(bh_strlen("four"), 4);
	assert_int_equal(bh_strnlen("four", 2), 2);
	assert_int_equal(bh_strnlen("four", 10), 4);
}

static void test_memory(void **state)
{
	char a[8] = "abcdefg", b[8];

	assert_ptr_equal(bh_memcpy(b, a, 8), b);
	assert_memory_equal(a, b, 8);
	assert_ptr_equal(bh_memset(b + 2, 'x', 3), b + 2);
	assert_memory_equal(b, "abxxxfg", 8);
	assert_int_equal(bh_memcmp(a, b, 2), 0);
	assert_true(bh_memcmp(a, b, 3) < 0);        /* 'c' < 'x' */
	assert_int_equal(bh_memcmp(a, b, 0), 0);
}

/* Overlap both ways, and the word-at-a-time paths at every alignment. */
static void test_memmove_and_words(void **state)
{
	char up[16] = "0123456789", down[16] = "0123456789";
	uint8_t src[40], dst[40];

	bh_memmove(up + 2, up, 8);
	assert_string_equal(up, "0101234567");
	bh_memmove(down, down + 2, 9);
	assert_string_equal(down, "23456789");
	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 7 + 1);
	for (unsigned a = 0; a < 4; a++) {
		for (unsigned n = 0; n < 33; n++) {
			memset(dst, 0xee, sizeof(dst));
			bh_memcpy(dst + a, src + a, n);
			if (memcmp(dst + a, src + a, n) != 0 || dst[a + n] != 0xee)
				fail_with("bh_memcpy of %u bytes at offset %u", n, a);
			bh_memset(dst + a, 0x5a, n);
			for (unsigned k = 0; k < sizeof(dst); k++)
				if (dst[k] != (k >= a && k < a + n ? 0x5a : 0xee))
					fail_with("bh_memset of %u bytes at offset %u: "
						  "byte %u is 0x%02x", n, a, k, dst[k]);
		}
	}
}

static void test_strncmp(void **state)
{
	assert_int_equal(bh_strncmp("abcx", "abcy", 3), 0);
	assert_true(bh_strncmp("abcx", "abcy", 4) < 0);
	assert_int_equal(bh_strncmp("ab", "ab", 10), 0);   /* stops at the NUL */
	assert_true(bh_strncmp("ab", "abc", 10) < 0);
	assert_true(bh_strncmp("\xff", "a", 1) > 0);       /* unsigned bytes */
	assert_int_equal(bh_strncmp("a", "b", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_long_long),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_basename),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_memmove_and_words),
		cmocka_unit_test(test_strncmp),
	};

	return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
