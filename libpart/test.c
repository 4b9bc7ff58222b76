/*
 * Test-partition helpers (bh_test.h): the TEST ... PASS/FAIL line protocol.
 */
#include "bh_test.h"

/*
 * The kernel wraps a partition's console line at 120 characters; a TEST
 * line must stay one line, so a long reason is cut.
 */
#define TEST_LINE_MAX 120

static const char *current;     /* name of the running case */
static int current_failed;
static unsigned n_pass, n_fail;

void bh_test_pass(const char *name)
{
	n_pass++;
	bh_printf("TEST %s PASS\n", name);
}

void bh_test_fail_named(const char *name, const char *file, int line,
			const char *reason)
{
	char buf[TEST_LINE_MAX];

	n_fail++;
	bh_snprintf(buf, sizeof(buf), "TEST %s FAIL %s:%d: %s", name, file, line, reason);
	bh_printf("%s\n", buf);
}

void bh_test_fail(const char *file, int line, const char *fmt, ...)
{
	char reason[160];
	va_list ap;

	if (current_failed)     /* one FAIL line per case */
		return;
	current_failed = 1;
	va_start(ap, fmt);
	bh_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	bh_test_fail_named(current ? current : "?", file, line, reason);
}

void bh_test_run(const char *name, void (*fn)(void))
{
	current = name;
	current_failed = 0;
	fn();
	if (!current_failed)
		bh_test_pass(name);
	current = 0;
}

void bh_test_count_pass(void)
{
	n_pass++;
}

unsigned bh_tests_failed(void)
{
	return n_fail;
}

void bh_tests_done(void)
{
	bh_printf("TESTS DONE %u passed, %u failed\n", n_pass, n_fail);
	bh_console_flush();
}
