# libpart's test-case registry (libpart/test.c) on the host: cases defined
# with BH_TEST are found through the bh_tests section, run by suite in
# source order, and a registered case no suite ran fails bh_tests_done.
UNIT_TESTS += bh_test
unit_bh_test_SRCS := libpart/test.c tests/unit/test_bh_test.c \
	$(wildcard libpart/include/*.h)
unit_bh_test_CFLAGS := -Ilibpart/include
