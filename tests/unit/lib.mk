# Unit test of the freestanding string and format helpers.
UNIT_TESTS += lib
unit_lib_SRCS := kernel/core/lib.c tests/unit/test_lib.c
