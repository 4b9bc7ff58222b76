/*
 * Test-partition helpers (bh_test.h): the TEST ... PASS/FAIL line protocol
 * and the registered cases (the bh_tests section, libpart/guest.ld).
 */
#include "bh_test.h"

/*
 * The kernel wraps a partition's console line at 120 characters; a TEST
 * line must stay one line, so a long reason is cut.
 */
#define TEST_LINE_MAX 120

/* The registered cases: bounds of the bh_tests section (guest.ld). */
extern struct bh_test __start_bh_tests[], __stop_bh_tests[];

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

/* Whether case A comes before case B: by file name, then line. */
static int precedes(const struct bh_test *a, const struct bh_test *b)
{
	int c = strcmp(a->file, b->file);

	return c < 0 || (c == 0 && a->line < b->line);
}

/* The first case of SUITE not yet run, in source order; null if none. */
static struct bh_test *next_case(const char *suite)
{
	struct bh_test *t, *best = 0;

	/* cppcheck-suppress comparePointers -- the two symbols bound one
	 * linker section (guest.ld): they are ends of the same array. */
	for (t = __start_bh_tests; t < __stop_bh_tests; t++)
		if (!t->ran && !strcmp(t->suite, suite) && (!best || precedes(t, best)))
			best = t;
	return best;
}

unsigned bh_test_suite(const char *suite, void (*before)(void),
		       void (*after)(void))
{
	struct bh_test *t;
	unsigned n = 0;

	while ((t = next_case(suite))) {
		t->ran = 1;
		if (before)
			before();
		bh_test_run(t->name, t->fn);
		if (after)
			after();
		n++;
	}
	return n;
}

/* Fail every registered case that no suite run reached. */
static void report_unrun(void)
{
	struct bh_test *t;

	/* cppcheck-suppress comparePointers -- one linker section, as above */
	for (t = __start_bh_tests; t < __stop_bh_tests; t++)
		if (!t->ran)
			bh_test_fail_named(t->name, t->file, t->line,
					   "registered but never run (no bh_test_suite)");
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
	report_unrun();
	bh_printf("TESTS DONE %u passed, %u failed\n", n_pass, n_fail);
	bh_console_flush();
}
