# The RTOS demo partition (the RTEMS "ticker"), linked with the guest RTOS.
rtos-demo_LIBS   = $(BUILD)/guests/librtos.a
rtos-demo_CFLAGS = -Iguests/rtos/include -mgeneral-regs-only
