/* bench's upcall entry (its first instruction reads the counter). */
#include "../bench/entry.S"
