/*
 * Fuzz the partition loader (kernel/core/elf.c).
 *
 * Input: 7 bytes choosing the image area [lo, hi) (lo from a few telling
 * places, among them the top of the address space, and a size up to
 * 64 KiB), then the ELF file.  For every image elf_parse accepts:
 *   - each segment has 0 < memsz, filesz <= memsz, its file bytes inside
 *     the file and its memory inside [lo, hi), computed without wrap-around;
 *   - segments do not overlap and the entry point is in an executable one;
 *   - elf_load writes exactly the segments (file bytes, then zeros) into a
 *     buffer of exactly hi - lo bytes and leaves every other byte alone.
 * For every image it refuses, the message is a non-empty C string.
 */
#include <string.h>

#include "fuzz.h"
#include "core/elf.h"

#define FILL 0xa5      /* what the area holds before loading */

static void check_segments(const struct elf_image *img, uint32_t size,
			   uint32_t lo, uint32_t hi)
{
	check(img->n_segments >= 1 && img->n_segments <= ELF_MAX_SEGMENTS,
	      "%u segments", img->n_segments);
	for (unsigned i = 0; i < img->n_segments; i++) {
		const struct elf_segment *s = &img->seg[i];

		check(s->memsz > 0 && s->filesz <= s->memsz,
		      "segment %u: filesz 0x%x, memsz 0x%x", i, s->filesz, s->memsz);
		check((uint64_t)s->offset + s->filesz <= size,
		      "segment %u: file bytes 0x%x + 0x%x past the %u-byte file",
		      i, s->offset, s->filesz, size);
		check(s->vaddr >= lo && (uint64_t)s->vaddr + s->memsz <= hi,
		      "segment %u: 0x%08x + 0x%x outside 0x%08x..0x%08x",
		      i, s->vaddr, s->memsz, lo, hi);
		for (unsigned j = 0; j < i; j++) {
			const struct elf_segment *t = &img->seg[j];

			check((uint64_t)s->vaddr + s->memsz <= t->vaddr ||
			      (uint64_t)t->vaddr + t->memsz <= s->vaddr,
			      "segments %u and %u overlap", j, i);
		}
	}
}

static int entry_in_code(const struct elf_image *img)
{
	for (unsigned i = 0; i < img->n_segments; i++) {
		const struct elf_segment *s = &img->seg[i];

		if ((s->flags & ELF_PF_X) && img->entry >= s->vaddr &&
		    (uint64_t)img->entry < (uint64_t)s->vaddr + s->memsz)
			return 1;
	}
	return 0;
}

/*
 * Load into an area of exactly hi - lo bytes (ASan reports a byte written
 * outside it) and compare with what the header says belongs there: each
 * segment's file bytes, then zeros, and the old contents everywhere else.
 */
static void check_load(const struct elf_image *img, const uint8_t *file,
		       uint32_t lo, uint32_t area)
{
	uint8_t *dst = malloc(area), *want = malloc(area);

	memset(dst, FILL, area);
	memset(want, FILL, area);
	for (unsigned i = 0; i < img->n_segments; i++) {
		const struct elf_segment *s = &img->seg[i];

		memcpy(want + (s->vaddr - lo), file + s->offset, s->filesz);
		memset(want + (s->vaddr - lo) + s->filesz, 0, s->memsz - s->filesz);
	}
	elf_load(img, file, dst, lo);
	for (uint32_t off = 0; off < area && memcmp(dst, want, area); off++)
		check(dst[off] == want[off], "area byte 0x%x (address 0x%08x) is 0x%02x, "
		      "expected 0x%02x", off, lo + off, dst[off], want[off]);
	free(dst);
	free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t los[] = { 0x40000000u, 0, 0xffff0000u, 0x00001000u };
	struct reader r = { data, size };
	struct elf_image img;
	char msg[160];
	uint8_t how = rd8(&r);
	uint32_t raw_lo = rd32(&r);
	uint32_t lo = (how & 1) ? raw_lo : los[(how >> 1) % 4];
	uint32_t area = (uint32_t)rd16(&r) + 1;     /* 1 .. 64 KiB */
	uint32_t hi = lo + area;                     /* may wrap: must be refused */
	int err;

	/* The file is the rest: it ends where libFuzzer's buffer does, so
	 * ASan catches a read past its end. */
	memset(&img, 0x5a, sizeof(img));
	err = elf_parse(r.p, (uint32_t)r.n, lo, hi, &img, msg, sizeof(msg));
	if (err) {
		check(memchr(msg, 0, sizeof(msg)) && msg[0], "refused (%d) without a "
		      "message", err);
		return 0;
	}
	check(hi > lo, "accepted the empty or wrapped area 0x%08x..0x%08x", lo, hi);
	check_segments(&img, (uint32_t)r.n, lo, hi);
	check(entry_in_code(&img), "entry 0x%08x is in no executable segment", img.entry);
	check_load(&img, r.p, lo, area);
	return 0;
}
