/*
 * Test helpers for test partitions.  Console protocol, one line per case:
 *     TEST <name> PASS
 *     TEST <name> FAIL <file>:<line>: <reason>
 * and finally "TESTS DONE ..." (the runner greps the serial log).
 *
 * A case is defined and registered in one step, so that a written case
 * cannot be left out of a run: BH_TEST places a descriptor in the
 * bh_tests linker section (libpart/guest.ld), and bh_test_suite() runs
 * every case of a suite, in source order.  BH_EXPECT records the first
 * failure of the current case and returns from it:
 *
 *     BH_TEST(delivery, level, "level-one")
 *     {
 *         BH_EXPECT(bh_virq_level() == 1, "level %u", bh_virq_level());
 *     }
 *     ...
 *     bh_test_suite("delivery", reset_state, 0);
 *     bh_tests_done();       // also fails every registered case not run
 *
 * bh_test_run() runs one unregistered case, for partitions whose cases
 * depend on a step across restarts (iso-victim, iso-hostile) or on the
 * role the image plays (iso-part).
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

struct bh_test {
	const char *suite;
	const char *name;
	void (*fn)(void);
	const char *file;
	int line;
	int ran;                /* set by bh_test_suite */
};

/* Define the case function ID, registered as NAME (a string) in SUITE. */
#define BH_TEST(suite, id, name)                                        \
	static void id(void);                                           \
	static struct bh_test bh_test_##id                              \
		__attribute__((section("bh_tests"), used, aligned(4))) = \
		{ #suite, name, id, __FILE__, __LINE__, 0 };            \
	static void id(void)

/* Run every case of SUITE, ordered by file name then line; BEFORE and
 * AFTER (each may be null) are called around each case, to give every
 * case a clean state.  Returns the number of cases run. */
unsigned bh_test_suite(const char *suite, void (*before)(void),
		       void (*after)(void));

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

/* Print "TESTS DONE <n> passed, <k> failed" and flush the console; a
 * registered case that no bh_test_suite call ran is first reported as
 * "TEST <name> FAIL ...: registered but never run". */
void bh_tests_done(void);
unsigned bh_tests_failed(void);

#endif
