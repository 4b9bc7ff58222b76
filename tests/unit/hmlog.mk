# The health-monitor log: per-source rings, coalescing, merged reads.
UNIT_TESTS += hmlog
unit_hmlog_SRCS := kernel/core/hmlog.c tests/unit/test_hmlog.c
