/*
 * ELF32 partition image loader (portable: also built into the host tests).
 *
 * Two steps, so nothing is copied before the whole image is known to be
 * sound: elf_parse() validates a file and records its PT_LOAD segments,
 * elf_load() copies them.  The file is untrusted: every offset and size is
 * checked against the file and the target range without 32-bit wrap-around.
 */
#ifndef CORE_ELF_H
#define CORE_ELF_H

#include <stdint.h>

#define ELF_MAX_SEGMENTS 8

/* p_flags bits. */
#define ELF_PF_X 0x1u
#define ELF_PF_W 0x2u
#define ELF_PF_R 0x4u

struct elf_segment {
	uint32_t vaddr;     /* first byte in memory */
	uint32_t memsz;     /* bytes in memory (> 0) */
	uint32_t filesz;    /* bytes copied from the file (<= memsz); the rest is zeroed */
	uint32_t offset;    /* file offset of the copied bytes */
	uint32_t flags;     /* ELF_PF_* */
};

struct elf_image {
	uint32_t entry;
	unsigned n_segments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Validate the ELF32 i386 executable `file` of `size` bytes whose loadable
 * segments must all lie in [lo, hi).  On success fill *out and return 0;
 * otherwise write a message into msg (at most len bytes, NUL-terminated)
 * and return -BH_EINVAL.  PT_LOAD segments with memsz 0 and all other
 * program header types (PT_GNU_STACK, PT_NOTE, ...) are ignored.
 */
int elf_parse(const void *file, uint32_t size, uint32_t lo, uint32_t hi,
	      struct elf_image *out, char *msg, unsigned len);

/*
 * Copy the segments of a parsed image into memory: dst is where address
 * lo (the same lo given to elf_parse) is.  Each segment's bytes beyond
 * filesz are zeroed; memory outside the segments is left untouched.
 */
/* Is addr inside an executable segment of the image? */
int elf_in_code(const struct elf_image *img, uint32_t addr);

void elf_load(const struct elf_image *img, const void *file, void *dst, uint32_t lo);

#endif
