/*
 * The in-kernel test runner, linked into the test image only (the cases
 * live beside it in kernel/test/).  It is that image's kernel_start
 * (core/start.h): production images link kernel/core/start.c instead, so
 * they carry neither the runner nor the cases, and the choice is the
 * build's, not a run-time test.
 */
#include "ktest.h"
#include "core/start.h"
#include "core/lib.h"
#include "core/arch.h"
#include "core/boot.h"

extern const struct ktest __ktest_start[], __ktest_end[];

static const struct ktest *current_test;
static int current_failed;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char reason[160];
	va_list ap;

	if (current_failed++)
		return;                 /* report the first failure only */
	va_start(ap, fmt);
	bh_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	kprintf("TEST %s FAIL %s:%d: %s\n", current_test->name,
		bh_basename(file), line, reason);
}

/* Runs every linked case; returns the number that failed. */
static int ktest_run_all(void)
{
	const struct ktest *t;
	int failed = 0, n = 0;

	/* cppcheck-suppress comparePointers -- the two symbols bound one
	 * linker section (kernel.ld): they are ends of the same array. */
	for (t = __ktest_start; t < __ktest_end; t++, n++) {
		current_test = t;
		current_failed = 0;
		t->fn();
		if (current_failed)
			failed++;
		else
			kprintf("TEST %s PASS\n", t->name);
	}
	kprintf("KTEST DONE %d cases, %d failed\n", n, failed);
	return failed;
}

void kernel_start(void)
{
	char how[16];
	int failed;

	if (boot_option("smp_stop=", how, sizeof(how)))
		ktest_stop(how);
	failed = ktest_run_all();

	console_flush();
	arch_system_exit(failed ? 1 : 0);
}
