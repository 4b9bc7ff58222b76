# Unit test of the virtual-line bookkeeping (pending, delivery order,
# counters) and the timer expiry arithmetic the kernel inlines.
UNIT_TESTS += vlines
unit_vlines_SRCS := tests/unit/test_vlines.c
