/*
 * In-kernel test cases.  KTEST(name) defines a case collected through the
 * .ktest linker section; only the test image links kernel/test/ (this
 * header included), so production images carry none.  Each case prints
 * one line: "TEST name PASS" or "TEST name FAIL file:line: reason".
 */
#ifndef KTEST_H
#define KTEST_H

#include "core/console.h"

struct ktest {
	const char *name;
	void (*fn)(void);
};

#define KTEST(id) \
	static void id(void); \
	static const struct ktest ktest_##id \
		__attribute__((section(".ktest"), used, aligned(4))) = { #id, id }; \
	static void id(void)

void ktest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* smp_stop=HOW: the partitions on two CPUs, then one stops the machine
 * (stop.c); instead of the cases. */
void ktest_stop(const char *how) __attribute__((noreturn));

#define KEXPECT(cond, ...) do { \
		if (!(cond)) \
			ktest_fail(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

#endif
