# System tests of the guest RTOS, run in a partition (console protocol of
# bh_test.h).  Built -mgeneral-regs-only like the RTOS: only the FPU test
# touches x87/SSE registers, by inline assembly, from RTOS_FLOATING_POINT tasks.
rtos-test_LIBS   = $(BUILD)/guests/librtos.a
rtos-test_CFLAGS = -Iguests/rtos/include -mgeneral-regs-only
