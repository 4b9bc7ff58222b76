# The console's character policy and output queues, on the host.
UNIT_TESTS += console
unit_console_SRCS := kernel/core/cfilter.c kernel/core/conq.c $(LIB_SRC) \
	tests/unit/test_console.c
