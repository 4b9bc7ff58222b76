/*
 * Unit tests of uaccess_range_ok (kernel/core/uaccess_check.c), with the
 * regions of a typical partition: 64 KiB of memory at BH_PART_BASE whose
 * top 16 KiB are the stack under a guard page, plus the vCPU page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "bulkhead/layout.h"
#include "core/uaccess.h"

#define IMAGE_END  (BH_PART_BASE + 0xb000)     /* guard page at 0xb000 */
#define STACK_LO   (BH_PART_BASE + 0xc000)
#define PART_END   (BH_PART_BASE + 0x10000)

static const struct uregion regions[] = {
	{ BH_PART_BASE, IMAGE_END },
	{ STACK_LO, PART_END },
	{ BH_VCPU_PAGE, BH_VCPU_PAGE + BH_PAGE_SIZE },
};

static int ok(uint32_t addr, uint32_t len)
{
	return uaccess_range_ok(addr, len, regions, 3);
}

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

/* Report the range on failure: cmocka alone would only show "0 != 1". */
#define expect_ok(addr, len, want) do {                                          \
	if (ok((addr), (len)) != (want)) {                                      \
		fail_with("range 0x%08x + 0x%x: expected %s", (unsigned)(addr),  \
			  (unsigned)(len), (want) ? "accepted" : "refused");    \
	}                                                                       \
} while (0)

static void test_inside(void **state)
{
	expect_ok(BH_PART_BASE, 1, 1);
	expect_ok(BH_PART_BASE + 0x100, 0x200, 1);
	expect_ok(BH_PART_BASE, IMAGE_END - BH_PART_BASE, 1);     /* exact fit */
	expect_ok(STACK_LO, PART_END - STACK_LO, 1);
	expect_ok(PART_END - 4, 4, 1);
	expect_ok(BH_VCPU_PAGE, BH_PAGE_SIZE, 1);
	expect_ok(BH_PART_BASE - 1, 1, 1);              /* last byte of the vCPU page */
}

static void test_outside(void **state)
{
	expect_ok(0x00100000, 4, 0);                     /* kernel memory */
	expect_ok(0xc0000000, 4, 0);                     /* unmapped, high */
	expect_ok(IMAGE_END, 4, 0);                      /* the guard page */
	expect_ok(IMAGE_END + 0xffc, 4, 0);
	expect_ok(PART_END, 1, 0);                       /* just past the end */
}

static void test_crossing(void **state)
{
	expect_ok(IMAGE_END - 4, 8, 0);                  /* into the guard page */
	expect_ok(PART_END - 4, 5, 0);                   /* past the end */
	expect_ok(BH_PART_BASE - 4, 8, 0);               /* vCPU page into memory: two regions */
	expect_ok(BH_PART_BASE, PART_END - BH_PART_BASE, 0);   /* over the guard page */
	expect_ok(0x1000, BH_PART_BASE, 0);              /* starts in the kernel */
}

static void test_overflow(void **state)
{
	expect_ok(BH_PART_BASE, 0xffffffffu, 0);         /* huge length */
	expect_ok(PART_END - 4, 0xfffffffdu, 0);         /* addr + len wraps to inside */
	expect_ok(0xfffffff0u, 0x20, 0);                 /* wraps through 0 */
	expect_ok(STACK_LO, 0u - STACK_LO + BH_PART_BASE, 0);
}

static void test_zero_length(void **state)
{
	expect_ok(BH_PART_BASE + 8, 0, 1);
	expect_ok(PART_END - 1, 0, 1);
	expect_ok(PART_END, 0, 0);                       /* one past the end: refused */
	expect_ok(IMAGE_END, 0, 0);                      /* guard page */
	expect_ok(0, 0, 0);                              /* NULL */
}

static void test_empty_lists(void **state)
{
	const struct uregion empty = { 0x5000, 0x5000 }, reversed = { 0x6000, 0x5000 };

	assert_false(uaccess_range_ok(BH_PART_BASE, 1, regions, 0));
	assert_false(uaccess_range_ok(0x5000, 0, &empty, 1));
	assert_false(uaccess_range_ok(0x5800, 1, &reversed, 1));
}

/*
 * The precomputed span for a fixed length (the upcall frame's check)
 * answers exactly as uaccess_inside, for every address near every edge of
 * regions that are empty, shorter than the length, exactly as long,
 * longer, and ending at 2^32.
 */
static void test_span_agrees(void **state)
{
	static const struct uregion rs[] = {
		{ 0x1000, 0x1000 }, { 0x2000, 0x1000 }, { 0x1000, 0x1020 },
		{ 0x1000, 0x1034 }, { 0x1000, 0x1035 }, { STACK_LO, PART_END },
		{ 0xffffff00u, 0xffffffffu }, { 0, 52 }, { 0, 0xffffffffu },
	};
	static const uint32_t lens[] = { 1, 4, 52, 53 };
	unsigned i, j;

	for (i = 0; i < sizeof(rs) / sizeof(rs[0]); i++)
		for (j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			struct uspan sp = uaccess_span(&rs[i], lens[j]);
			const uint32_t edges[] = { rs[i].start, rs[i].end, rs[i].end - lens[j], 0,
						   0xffffffffu };
			unsigned e;
			int d;

			for (e = 0; e < sizeof(edges) / sizeof(edges[0]); e++)
				for (d = -70; d <= 70; d++) {
					uint32_t a = edges[e] + (uint32_t)d;

					if (uaccess_span_has(&sp, a) != uaccess_inside(a, lens[j], &rs[i]))
						fail_with("region [%#x, %#x), len %u, addr %#x: span says %d",
							  rs[i].start, rs[i].end, lens[j], a,
							  uaccess_span_has(&sp, a));
				}
		}
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inside),
		cmocka_unit_test(test_outside),
		cmocka_unit_test(test_crossing),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_zero_length),
		cmocka_unit_test(test_empty_lists),
		cmocka_unit_test(test_span_agrees),
	};

	return cmocka_run_group_tests_name("uaccess", tests, NULL, NULL);
}
