/*
 * The kernel's name for bhlib (lib/include/bhlib.h), the freestanding
 * string and format library it shares with libpart and the host tools.
 * Portable core files include only this, never libc.
 */
#ifndef CORE_LIB_H
#define CORE_LIB_H

#include <bhlib.h>

#endif
