/*
 * ELF32 loader for partition images.  The image comes from a boot module
 * and is not trusted: fields are read byte by byte (no alignment is
 * assumed), and every "offset + size" is checked in a form that cannot
 * wrap around 2^32 (x > limit || y > limit - x).
 */
#include "bulkhead/errno.h"
#include "core/elf.h"
#include "core/lib.h"

/* The parts of the ELF32 format we read (System V ABI, i386 supplement). */
#define EHDR_SIZE     52u
#define PHDR_SIZE     32u
#define EI_CLASS      4
#define EI_DATA       5
#define EI_VERSION    6
#define ELFCLASS32    1
#define ELFDATA2LSB   1
#define EV_CURRENT    1
#define ET_EXEC       2
#define EM_386        3
#define PT_LOAD       1
#define PT_INTERP     3

#define E_TYPE        16
#define E_MACHINE     18
#define E_ENTRY       24
#define E_PHOFF       28
#define E_PHENTSIZE   42
#define E_PHNUM       44

#define P_TYPE        0
#define P_OFFSET      4
#define P_VADDR       8
#define P_FILESZ      16
#define P_MEMSZ       20
#define P_FLAGS       24

static int elf_error(char *msg, unsigned len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int elf_error(char *msg, unsigned len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	return -BH_EINVAL;
}

static uint32_t rd16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t rd32(const uint8_t *p)
{
	return rd16(p) | rd16(p + 2) << 16;
}

/* [off, off + n) lies inside [0, limit) without computing off + n. */
static int fits(uint32_t off, uint32_t n, uint32_t limit)
{
	return off <= limit && n <= limit - off;
}

static int check_header(const uint8_t *f, uint32_t size, char *msg, unsigned len)
{
	uint32_t phoff, phnum;

	if (size < EHDR_SIZE)
		return elf_error(msg, len, "file is %u bytes, too short for an ELF "
				 "header (%u)", size, EHDR_SIZE);
	if (f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F')
		return elf_error(msg, len, "not an ELF file (bad magic)");
	if (f[EI_CLASS] != ELFCLASS32)
		return elf_error(msg, len, "not a 32-bit ELF file (class %u)", f[EI_CLASS]);
	if (f[EI_DATA] != ELFDATA2LSB)
		return elf_error(msg, len, "not a little-endian ELF file");
	if (f[EI_VERSION] != EV_CURRENT)
		return elf_error(msg, len, "unknown ELF version %u", f[EI_VERSION]);
	if (rd16(f + E_MACHINE) != EM_386)
		return elf_error(msg, len, "ELF machine %u is not i386 (%u)",
				 rd16(f + E_MACHINE), EM_386);
	if (rd16(f + E_TYPE) != ET_EXEC)
		return elf_error(msg, len, "ELF type %u is not an executable (ET_EXEC): "
				 "link the partition statically", rd16(f + E_TYPE));
	phoff = rd32(f + E_PHOFF);
	phnum = rd16(f + E_PHNUM);
	if (phnum && rd16(f + E_PHENTSIZE) != PHDR_SIZE)
		return elf_error(msg, len, "program header size %u, expected %u",
				 rd16(f + E_PHENTSIZE), PHDR_SIZE);
	if (!fits(phoff, phnum * PHDR_SIZE, size))
		return elf_error(msg, len, "program header table (offset %u, %u "
				 "entries) lies outside the %u-byte file", phoff, phnum, size);
	return 0;
}

static int segments_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
	/* Both ranges are known not to wrap. */
	return a->vaddr < b->vaddr + b->memsz && b->vaddr < a->vaddr + a->memsz;
}

static int check_segment(const struct elf_segment *s, unsigned ph, uint32_t size,
			 uint32_t lo, uint32_t hi, char *msg, unsigned len)
{
	if (s->filesz > s->memsz)
		return elf_error(msg, len, "program header %u: file size 0x%x exceeds "
				 "memory size 0x%x", ph, s->filesz, s->memsz);
	if (!fits(s->offset, s->filesz, size))
		return elf_error(msg, len, "program header %u: file bytes at offset "
				 "0x%x, size 0x%x lie outside the 0x%x-byte file", ph,
				 s->offset, s->filesz, size);
	if (s->memsz - 1 > UINT32_MAX - s->vaddr)
		return elf_error(msg, len, "program header %u: 0x%08x + size 0x%x wraps "
				 "around the address space", ph, s->vaddr, s->memsz);
	if (s->vaddr < lo || !fits(s->vaddr - lo, s->memsz, hi - lo))
		return elf_error(msg, len, "program header %u: 0x%08x..0x%08x lies outside "
				 "the partition's image area 0x%08x..0x%08x", ph, s->vaddr,
				 s->vaddr + (s->memsz - 1), lo, hi - 1);
	return 0;
}

static int add_segment(struct elf_image *img, const uint8_t *p, unsigned ph,
		       uint32_t size, uint32_t lo, uint32_t hi, char *msg, unsigned len)
{
	struct elf_segment s = {
		.vaddr = rd32(p + P_VADDR), .memsz = rd32(p + P_MEMSZ),
		.filesz = rd32(p + P_FILESZ), .offset = rd32(p + P_OFFSET),
		.flags = rd32(p + P_FLAGS),
	};
	int err;

	if (!s.memsz && !s.filesz)
		return 0;       /* empty: nothing to load */
	if ((err = check_segment(&s, ph, size, lo, hi, msg, len)))
		return err;
	for (unsigned i = 0; i < img->n_segments; i++)
		if (segments_overlap(&s, &img->seg[i]))
			return elf_error(msg, len, "program header %u: 0x%08x, size 0x%x "
					 "overlaps another segment at 0x%08x, size 0x%x", ph,
					 s.vaddr, s.memsz, img->seg[i].vaddr, img->seg[i].memsz);
	if (img->n_segments == ELF_MAX_SEGMENTS)
		return elf_error(msg, len, "more than %u loadable segments (program "
				 "header %u)", ELF_MAX_SEGMENTS, ph);
	img->seg[img->n_segments++] = s;
	return 0;
}

int elf_in_code(const struct elf_image *img, uint32_t addr)
{
	for (unsigned i = 0; i < img->n_segments; i++) {
		const struct elf_segment *s = &img->seg[i];

		if ((s->flags & ELF_PF_X) && addr >= s->vaddr &&
		    addr - s->vaddr < s->memsz)
			return 1;
	}
	return 0;
}

int elf_parse(const void *file, uint32_t size, uint32_t lo, uint32_t hi,
	      struct elf_image *out, char *msg, unsigned len)
{
	const uint8_t *f = file;
	uint32_t phoff;
	unsigned phnum;
	int err;

	if (hi <= lo)
		return elf_error(msg, len, "empty image area 0x%08x..0x%08x", lo, hi);
	if ((err = check_header(f, size, msg, len)))
		return err;
	phoff = rd32(f + E_PHOFF);
	phnum = rd16(f + E_PHNUM);
	out->entry = rd32(f + E_ENTRY);
	out->n_segments = 0;
	for (unsigned ph = 0; ph < phnum; ph++) {
		const uint8_t *p = f + phoff + ph * PHDR_SIZE;

		if (rd32(p + P_TYPE) == PT_INTERP)
			return elf_error(msg, len, "the image asks for a dynamic loader "
					 "(PT_INTERP): link the partition statically");
		if (rd32(p + P_TYPE) != PT_LOAD)
			continue;
		if ((err = add_segment(out, p, ph, size, lo, hi, msg, len)))
			return err;
	}
	if (!out->n_segments)
		return elf_error(msg, len, "no loadable (PT_LOAD) segment");
	if (!elf_in_code(out, out->entry))
		return elf_error(msg, len, "entry point 0x%08x is not inside an "
				 "executable segment", out->entry);
	if (len)
		msg[0] = '\0';
	return 0;
}

void elf_load(const struct elf_image *img, const void *file, void *dst, uint32_t lo)
{
	for (unsigned i = 0; i < img->n_segments; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint8_t *to = (uint8_t *)dst + (s->vaddr - lo);

		bh_memcpy(to, (const uint8_t *)file + s->offset, s->filesz);
		bh_memset(to + s->filesz, 0, s->memsz - s->filesz);
	}
}
