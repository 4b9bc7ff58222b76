# Unit test of the guest range check used by the copy-in/copy-out path.
UNIT_TESTS += uaccess
unit_uaccess_SRCS := tests/unit/test_uaccess.c
