/*
 * bulkhead public ABI: layout checks.
 *
 * The ABI is 32-bit x86's.  Each public header states the size and field
 * offsets of its structs with these, so the kernel, libpart and every
 * guest that includes it fail to compile if a change moves a field.  A
 * 64-bit host build (the configuration checker, unit tests) lays pointers
 * and uint64_t out differently and does not check.
 */
#ifndef BULKHEAD_ABICHECK_H
#define BULKHEAD_ABICHECK_H

#include <stddef.h>

#if __SIZEOF_POINTER__ == 4
#define BH_ABI_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), "ABI: sizeof(" #type ") is not " #size)
#define BH_ABI_AT(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), "ABI: " #type "." #field " is not at " #off)
#else
#define BH_ABI_SIZE(type, size) _Static_assert(1, "64-bit host: not checked")
#define BH_ABI_AT(type, field, off) _Static_assert(1, "64-bit host: not checked")
#endif

#endif
