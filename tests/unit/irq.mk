# The software IDT and the time base against fake arch hooks.
UNIT_TESTS += irq
unit_irq_SRCS := kernel/core/irq.c kernel/core/time.c $(LIB_SRC) tests/unit/test_irq.c
unit_irq_CFLAGS := -Ikernel/arch/x86/include
