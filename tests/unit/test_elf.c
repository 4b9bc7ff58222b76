/*
 * Unit tests of the ELF32 loader (kernel/core/elf.c).  Each test builds a
 * small image in memory — a valid one by default — breaks one thing and
 * checks the verdict and the message.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bulkhead/errno.h"
#include "core/elf.h"

#define LO 0x40000000u
#define HI 0x40010000u

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

/* Fail unless err == -code and msg contains expect; says what and where. */
#define check_result(err, msg, code, expect) do {                              \
	if ((err) != -(code) || !strstr((msg), (expect))) {                    \
		fail_with("expected %d with a message containing \"%s\"; "     \
			  "got %d: \"%s\"", -(code), (expect), (err), (msg));  \
	}                                                                       \
} while (0)

struct image {
	union {
		uint8_t bytes[4096];
		Elf32_Ehdr eh;
	} u;
	uint32_t size;
	Elf32_Phdr *ph;      /* program headers, right after the ELF header */
};

/*
 * A valid image:  ph[0] text  R X  file 0x200..0x280 -> LO,          memsz 0x80
 *                 ph[1] data  R W  file 0x280..0x2c0 -> LO + 0x1000, memsz 0x200
 *                 ph[2] PT_GNU_STACK
 * entry LO + 0x10.
 */
static void build(struct image *im)
{
	Elf32_Ehdr *eh = &im->u.eh;

	memset(im, 0, sizeof(*im));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_386;
	eh->e_version = EV_CURRENT;
	eh->e_entry = LO + 0x10;
	eh->e_phoff = sizeof(Elf32_Ehdr);
	eh->e_ehsize = sizeof(Elf32_Ehdr);
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = 3;
	im->ph = (Elf32_Phdr *)(im->u.bytes + eh->e_phoff);
	im->ph[0] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = 0x200, .p_vaddr = LO,
		.p_filesz = 0x80, .p_memsz = 0x80, .p_flags = PF_R | PF_X };
	im->ph[1] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = 0x280,
		.p_vaddr = LO + 0x1000, .p_filesz = 0x40, .p_memsz = 0x200,
		.p_flags = PF_R | PF_W };
	im->ph[2] = (Elf32_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W };
	for (unsigned i = 0x200; i < 0x2c0; i++)
		im->u.bytes[i] = (uint8_t)(i * 7 + 1);
	im->size = 0x2c0;
}

static int parse(struct image *im, struct elf_image *out, char *msg, unsigned len)
{
	return elf_parse(im->u.bytes, im->size, LO, HI, out, msg, len);
}

/* Build, let `edit` break it, parse, and check the verdict. */
#define expect_reject(edit, code, expect) do {                                  \
	struct image im;                                                        \
	struct elf_image out;                                                   \
	char msg[256];                                                          \
	int err;                                                                \
	build(&im);                                                             \
	edit;                                                                   \
	err = parse(&im, &out, msg, sizeof(msg));                               \
	check_result(err, msg, code, expect);                                   \
} while (0)
#define expect_accept(edit) expect_reject(edit, 0, "")

static void test_good_parse(void **state)
{
	struct image im;
	struct elf_image out;
	char msg[128];

	build(&im);
	check_result(parse(&im, &out, msg, sizeof(msg)), msg, 0, "");
	assert_int_equal(out.entry, LO + 0x10);
	assert_int_equal(out.n_segments, 2);
	assert_int_equal(out.seg[0].vaddr, LO);
	assert_int_equal(out.seg[0].flags, ELF_PF_R | ELF_PF_X);
	assert_int_equal(out.seg[1].offset, 0x280);
	assert_int_equal(out.seg[1].filesz, 0x40);
	assert_int_equal(out.seg[1].memsz, 0x200);
}

static void test_good_load(void **state)
{
	static uint8_t mem[0x2000];
	struct image im;
	struct elf_image out;
	char msg[128];

	build(&im);
	check_result(parse(&im, &out, msg, sizeof(msg)), msg, 0, "");
	memset(mem, 0xaa, sizeof(mem));
	elf_load(&out, im.u.bytes, mem, LO);
	assert_memory_equal(mem, im.u.bytes + 0x200, 0x80);          /* text */
	assert_int_equal(mem[0x80], 0xaa);                            /* gap untouched */
	assert_memory_equal(mem + 0x1000, im.u.bytes + 0x280, 0x40); /* data */
	for (unsigned i = 0x1040; i < 0x1200; i++)
		if (mem[i] != 0) {
			fail_with("bss byte at +0x%x is 0x%02x, not zeroed", i, mem[i]);
		}
	assert_int_equal(mem[0x1200], 0xaa);                          /* past bss */
}

static void test_header(void **state)
{
	expect_reject(im.size = 51, BH_EINVAL, "too short for an ELF header");
	expect_reject(im.u.bytes[1] = 'X', BH_EINVAL, "bad magic");
	expect_reject(im.u.eh.e_ident[EI_CLASS] = ELFCLASS64, BH_EINVAL, "not a 32-bit");
	expect_reject(im.u.eh.e_ident[EI_DATA] = ELFDATA2MSB, BH_EINVAL, "not a little-endian");
	expect_reject(im.u.eh.e_ident[EI_VERSION] = 2, BH_EINVAL, "unknown ELF version 2");
	expect_reject(im.u.eh.e_machine = EM_X86_64, BH_EINVAL, "machine 62 is not i386");
	expect_reject(im.u.eh.e_type = ET_DYN, BH_EINVAL, "not an executable (ET_EXEC)");
	expect_reject(im.u.eh.e_type = ET_REL, BH_EINVAL, "ELF type 1");
	expect_reject(im.u.eh.e_phentsize = 40, BH_EINVAL, "program header size 40");
}

static void test_phdr_table(void **state)
{
	expect_reject(im.u.eh.e_phoff = 0x2b0, BH_EINVAL, "program header table");
	expect_reject(im.u.eh.e_phoff = 0xfffffff0u, BH_EINVAL, "lies outside the 704-byte file");
	expect_reject(im.u.eh.e_phnum = 0xffff, BH_EINVAL, "65535 entries");
	expect_reject(im.u.eh.e_phnum = 0, BH_EINVAL, "no loadable (PT_LOAD) segment");
	expect_reject(im.ph[0].p_type = im.ph[1].p_type = PT_NOTE, BH_EINVAL, "no loadable");
	expect_reject(im.ph[2].p_type = PT_INTERP, BH_EINVAL, "dynamic loader");
	/* Other types, whatever their contents, are ignored. */
	expect_accept((im.ph[2] = (Elf32_Phdr){ .p_type = PT_NOTE, .p_offset = 0xffffffffu,
						.p_vaddr = 5, .p_filesz = 0x1000000 }));
}

static void test_segment_file_range(void **state)
{
	expect_reject(im.ph[1].p_filesz = 0x201, BH_EINVAL,
		      "program header 1: file size 0x201 exceeds memory size 0x200");
	expect_reject(im.ph[1].p_offset = 0x281, BH_EINVAL, "outside the 0x2c0-byte file");
	expect_reject(im.ph[1].p_offset = 0xffffff00u, BH_EINVAL, "offset 0xffffff00, size 0x40");
	expect_reject((im.ph[1].p_filesz = 0xffffffffu, im.ph[1].p_memsz = 0xffffffffu),
		      BH_EINVAL, "lie outside");
	expect_accept(im.size = 0x2c0);          /* exact: ends at the last byte */
}

static void test_segment_memory_range(void **state)
{
	expect_reject(im.ph[0].p_vaddr = LO - 0x1000, BH_EINVAL,
		      "program header 0: 0x3ffff000..0x3ffff07f lies outside the "
		      "partition's image area 0x40000000..0x4000ffff");
	expect_reject(im.ph[1].p_vaddr = HI - 0x1ff, BH_EINVAL, "0x4000fe01..0x40010000 lies outside");
	expect_accept(im.ph[1].p_vaddr = HI - 0x200);
	expect_reject(im.ph[1].p_vaddr = 0xffffff00u, BH_EINVAL, "wraps around the address space");
	expect_reject(im.ph[1].p_memsz = 0xffffffffu, BH_EINVAL, "wraps around");
	expect_reject(im.ph[1].p_memsz = 0x20000, BH_EINVAL, "lies outside");
}

static void test_overlap(void **state)
{
	expect_reject(im.ph[1].p_vaddr = LO + 0x7f, BH_EINVAL,
		      "program header 1: 0x4000007f, size 0x200 overlaps another segment at 0x40000000");
	expect_reject(im.ph[1].p_vaddr = LO - 0x1ff, BH_EINVAL, "outside");
	expect_reject((im.ph[0].p_vaddr = LO + 0x1100, im.u.eh.e_entry = LO + 0x1110),
		      BH_EINVAL, "overlaps");
	expect_accept(im.ph[1].p_vaddr = LO + 0x80);      /* adjacent bytes */
}

static void test_segment_count(void **state)
{
	struct image im;
	struct elf_image out;
	char msg[256];

	build(&im);
	im.u.eh.e_phnum = ELF_MAX_SEGMENTS + 1;
	for (unsigned i = 1; i <= ELF_MAX_SEGMENTS; i++)
		im.ph[i] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = 0x200,
			.p_vaddr = LO + 0x1000 * i, .p_filesz = 0x10, .p_memsz = 0x10 };
	check_result(parse(&im, &out, msg, sizeof(msg)), msg, BH_EINVAL,
		     "more than 8 loadable segments (program header 8)");
	im.u.eh.e_phnum = ELF_MAX_SEGMENTS;
	check_result(parse(&im, &out, msg, sizeof(msg)), msg, 0, "");
	assert_int_equal(out.n_segments, ELF_MAX_SEGMENTS);
	/* Empty PT_LOAD entries do not count. */
	im.u.eh.e_phnum = ELF_MAX_SEGMENTS + 1;
	im.ph[8].p_filesz = im.ph[8].p_memsz = 0;
	check_result(parse(&im, &out, msg, sizeof(msg)), msg, 0, "");
}

static void test_entry(void **state)
{
	expect_reject(im.u.eh.e_entry = LO + 0x1000, BH_EINVAL,
		      "entry point 0x40001000 is not inside an executable segment");
	expect_reject(im.u.eh.e_entry = LO + 0x80, BH_EINVAL, "entry point 0x40000080");
	expect_reject(im.u.eh.e_entry = LO - 1, BH_EINVAL, "entry point");
	expect_reject(im.u.eh.e_entry = 0, BH_EINVAL, "entry point");
	expect_accept(im.u.eh.e_entry = LO + 0x7f);
	expect_accept((im.ph[1].p_flags |= PF_X, im.u.eh.e_entry = LO + 0x11ff));
}

static void test_area_and_messages(void **state)
{
	struct image im;
	struct elf_image out;
	char msg[16];

	build(&im);
	check_result(elf_parse(im.u.bytes, im.size, HI, HI, &out, msg, sizeof(msg)),
		     msg, BH_EINVAL, "empty image");
	im.u.bytes[0] = 0;
	/* No buffer, or a short one: still rejected, still NUL-terminated. */
	assert_int_equal(parse(&im, &out, NULL, 0), -BH_EINVAL);
	assert_int_equal(parse(&im, &out, msg, sizeof(msg)), -BH_EINVAL);
	assert_int_equal(strlen(msg), sizeof(msg) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_parse),
		cmocka_unit_test(test_good_load),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_phdr_table),
		cmocka_unit_test(test_segment_file_range),
		cmocka_unit_test(test_segment_memory_range),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_segment_count),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_area_and_messages),
	};

	return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
