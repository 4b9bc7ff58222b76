/*
 * Shared by the libFuzzer harnesses in tests/fuzz/: a reader that turns the
 * fuzzer's bytes into values (zeros once the input runs out, so every input
 * means something), and the property check that stops the run.
 *
 * A harness checks properties, not only "no crash": when one does not hold,
 * check() prints what and where and aborts, and libFuzzer saves the input.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct reader {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t rd8(struct reader *r)
{
	if (!r->n)
		return 0;
	r->n--;
	return *r->p++;
}

static inline uint16_t rd16(struct reader *r)
{
	uint16_t lo = rd8(r);     /* sequenced: the order of calls matters */

	return (uint16_t)(lo | rd8(r) << 8);
}

static inline uint32_t rd32(struct reader *r)
{
	uint32_t lo = rd16(r);

	return lo | (uint32_t)rd16(r) << 16;
}

static inline uint64_t rd64(struct reader *r)
{
	uint64_t lo = rd32(r);

	return lo | (uint64_t)rd32(r) << 32;
}

/* One of the n values in list, chosen by the next byte. */
#define pick(r, list) ((list)[rd8(r) % (sizeof(list) / sizeof((list)[0]))])

#define check(cond, ...) do {                                                   \
	if (!(cond)) {                                                          \
		fprintf(stderr, "%s:%d: property violated: %s\n    ",           \
			__FILE__, __LINE__, #cond);                             \
		fprintf(stderr, __VA_ARGS__);                                   \
		fputc('\n', stderr);                                            \
		abort();                                                        \
	}                                                                       \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
