/*
 * Test helpers for test partitions.  Console protocol, one line per case:
 *     TEST <name> PASS
 *     TEST <name> FAIL <file>:<line>: <reason>
 * and finally "TESTS DONE ..." (the runner greps the serial log).
 *
 * A test case is a function; BH_EXPECT records the first failure of the
 * current case and returns from it:
 *
 *     static void test_level(void)
 *     {
 *         BH_EXPECT(bh_virq_level() == 1, "level %u", bh_virq_level());
 *     }
 *     ...
 *     bh_test_run("level", test_level);
 *     bh_tests_done();
 */
#ifndef BH_TEST_H
#define BH_TEST_H

#include "libpart.h"

/* Fail the current case with file:line and a printf-style reason. */
#define BH_EXPECT(cond, ...)                                            \
	do {                                                            \
		if (!(cond)) {                                          \
			bh_test_fail(__FILE__, __LINE__, __VA_ARGS__);  \
			return;                                         \
		}                                                       \
	} while (0)

/* Same, for comparing two unsigned 64-bit values. */
#define BH_EXPECT_EQ(a, b)                                              \
	BH_EXPECT((uint64_t)(a) == (uint64_t)(b), "%s == %llu, expected %s == %llu", \
		  #a, (unsigned long long)(a), #b, (unsigned long long)(b))

/* Run one case: prints its PASS line unless it failed. */
void bh_test_run(const char *name, void (*fn)(void));

/* Record a failure of the running case (prints the FAIL line once). */
void bh_test_fail(const char *file, int line, const char *fmt, ...)
	BH_PRINTF(3, 4);

/* Direct reporting, for cases not written as functions. */
void bh_test_pass(const char *name);
void bh_test_fail_named(const char *name, const char *file, int line,
			const char *reason);

/* Count a PASS whose TEST line the case printed by other means: the
 * runner then requires that line, since TESTS DONE's count must equal the
 * TEST lines it saw (a line that did not arrive intact fails the boot). */
void bh_test_count_pass(void);

/* Print "TESTS DONE <n> passed, <k> failed" and flush the console. */
void bh_tests_done(void);
unsigned bh_tests_failed(void);

#endif
