/*
 * libpart's registered test cases (bh_test.h, libpart/test.c) on the host:
 * GNU ld bounds the bh_tests section with __start_/__stop_bh_tests here as
 * guest.ld does in a partition.  The console is a buffer (bh_printf below).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "bh_test.h"

static char out[4096];
static size_t out_len;

int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

int bh_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int bh_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + out_len, sizeof(out) - out_len, fmt, ap);
	va_end(ap);
	out_len += (size_t)n;
	return n;
}

void bh_console_flush(void)
{
}

static int order[8], n_order, arounds;

/* Two suites in one file, interleaved: where each descriptor lands in the
 * section is the compiler's choice; the runner orders a suite by line. */
BH_TEST(alpha, first, "alpha-first")
{
	order[n_order++] = 1;
}

BH_TEST(beta, never, "beta-never-run")
{
	order[n_order++] = 9;
}

BH_TEST(alpha, second, "alpha-second")
{
	order[n_order++] = 2;
	BH_EXPECT(0, "deliberate failure %d", 7);
	order[n_order++] = 99;          /* BH_EXPECT returned before this */
}

BH_TEST(alpha, third, "alpha-third")
{
	order[n_order++] = 3;
}

static void around(void)
{
	arounds++;
}

static void suite_runs_its_cases_in_source_order(void **state)
{
	unsigned n = bh_test_suite("alpha", around, around);

	assert_int_equal(n, 3);
	assert_int_equal(n_order, 3);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 3);
	assert_int_equal(arounds, 6);
	assert_non_null(strstr(out, "TEST alpha-first PASS\n"));
	assert_non_null(strstr(out, "TEST alpha-second FAIL "));
	assert_non_null(strstr(out, "deliberate failure 7\n"));
	assert_non_null(strstr(out, "TEST alpha-third PASS\n"));
	assert_true(strstr(out, "alpha-first") < strstr(out, "alpha-second"));
	assert_true(strstr(out, "alpha-second") < strstr(out, "alpha-third"));
	/* A suite runs once: a second call finds nothing left. */
	assert_int_equal(bh_test_suite("alpha", 0, 0), 0);
	assert_int_equal(bh_test_suite("no-such-suite", 0, 0), 0);
}

static void done_fails_a_case_never_run(void **state)
{
	out_len = 0;
	out[0] = 0;
	bh_tests_done();
	assert_non_null(strstr(out, "TEST beta-never-run FAIL "));
	assert_non_null(strstr(out, "registered but never run"));
	/* alpha-second and beta-never-run failed; first and third passed. */
	assert_non_null(strstr(out, "TESTS DONE 2 passed, 2 failed\n"));
	assert_true(strstr(out, "beta-never-run") < strstr(out, "TESTS DONE"));
	assert_int_equal(bh_tests_failed(), 2);
	assert_int_equal(n_order, 3);   /* never ran it, only reported it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suite_runs_its_cases_in_source_order),
		cmocka_unit_test(done_fails_a_case_never_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
