/*
 * The standard names of the string functions partitions use, which the
 * compiler may also emit calls to (memcpy, memset, memmove, memcmp).  The
 * code is bhlib's (lib/string.c), shared with the kernel.
 */
#include "libpart.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	return bh_memcpy(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n)
{
	return bh_memmove(dst, src, n);
}

void *memset(void *dst, int c, size_t n)
{
	return bh_memset(dst, c, n);
}

int memcmp(const void *a, const void *b, size_t n)
{
	return bh_memcmp(a, b, n);
}

size_t strlen(const char *s)
{
	return bh_strlen(s);
}

size_t strnlen(const char *s, size_t max)
{
	return bh_strnlen(s, max);
}

int strcmp(const char *a, const char *b)
{
	return bh_strcmp(a, b);
}

int strncmp(const char *a, const char *b, size_t n)
{
	return bh_strncmp(a, b, n);
}
