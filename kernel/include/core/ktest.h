/*
 * In-kernel test cases.  KTEST(name) defines a case collected through the
 * .ktest linker section; only test images link kernel/test/, so production
 * images carry none.  Each case prints one line: "TEST name PASS" or
 * "TEST name FAIL file:line: reason".
 */
#ifndef CORE_KTEST_H
#define CORE_KTEST_H

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

#define KEXPECT(cond, ...) do { \
		if (!(cond)) \
			ktest_fail(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

/* Runs every linked case; returns the number that failed, or -1 if none. */
int ktest_run_all(void);

#endif
