# The software IDT and the time base against fake arch hooks.
UNIT_TESTS += irq
unit_irq_SRCS := kernel/core/irq.c kernel/core/time.c $(LIB_SRC) tests/unit/test_irq.c
# irq.c without trace.c: its trace hooks compiled out (core/trace.h).
unit_irq_CFLAGS := -Ikernel/arch/x86/include -DBH_TRACE_BUILD=0
