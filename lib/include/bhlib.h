/*
 * bhlib: the one freestanding string and format library of bulkhead,
 * built three ways from the sources in lib/: into the kernel, into libpart.a for the
 * guests, and on the host for the configuration checker and unit tests.
 * It needs no libc, only the compiler's own headers.
 */
#ifndef BHLIB_H
#define BHLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *bh_memcpy(void *dst, const void *src, size_t n);
void *bh_memmove(void *dst, const void *src, size_t n);
void *bh_memset(void *dst, int c, size_t n);
int bh_memcmp(const void *a, const void *b, size_t n);
size_t bh_strlen(const char *s);
size_t bh_strnlen(const char *s, size_t max);
int bh_strcmp(const char *a, const char *b);
int bh_strncmp(const char *a, const char *b, size_t n);
const char *bh_basename(const char *path);

/*
 * printf-style formatting: %d %i %u %x %X %p %s %c %% with flags '-' '0',
 * a width, a precision for %s (also .*), and the length modifiers l and ll.
 * An unknown conversion is printed as it stands ("%q"); a lone '%' at the
 * end is dropped.  Always NUL-terminates (when len > 0); returns the
 * length the full output would have had.
 */
int bh_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap);
int bh_snprintf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define BH_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BH_MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
