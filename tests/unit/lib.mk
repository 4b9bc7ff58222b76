# Unit test of bhlib, the freestanding string and format library (lib/).
UNIT_TESTS += lib
unit_lib_SRCS := $(LIB_SRC) tests/unit/test_lib.c
