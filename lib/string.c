/*
 * Freestanding string and memory functions (see bhlib.h).  libpart gives
 * guests the standard names on top of these (libpart/string.c), since the
 * compiler may emit calls to memcpy, memset, memmove and memcmp.
 */
#include <bhlib.h>

/* Keep gcc from turning these very loops into calls to memcpy/memset,
 * which in a guest lead back here. */
#if defined(__GNUC__) && !defined(__clang__)
#define NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define NO_LIBCALLS
#endif

/*
 * Word at a time when both pointers are aligned: partition loads and
 * restarts copy and clear whole partitions with these.
 */
NO_LIBCALLS void *bh_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0)
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALLS void *bh_memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return bh_memcpy(dst, src, n);
	while (n--)             /* overlapping with dst above src: copy down */
		d[n] = s[n];
	return dst;
}

NO_LIBCALLS void *bh_memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	uint32_t w = (uint8_t)c * 0x01010101u;

	if (((uintptr_t)d & 3) == 0)
		for (; n >= 4; n -= 4, d += 4)
			*(uint32_t *)(void *)d = w;
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

NO_LIBCALLS int bh_memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

NO_LIBCALLS size_t bh_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

NO_LIBCALLS size_t bh_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int bh_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (uint8_t)*a - (uint8_t)*b;
}

int bh_strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return (uint8_t)*a - (uint8_t)*b;
	return 0;
}

const char *bh_basename(const char *path)
{
	const char *base = path;

	for (; *path; path++)
		if (*path == '/')
			base = path + 1;
	return base;
}
