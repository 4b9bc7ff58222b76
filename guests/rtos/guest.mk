# The guest RTOS as a library, not a partition: its sources live in
# guests/rtos/src (so the guest rule, which takes .c files directly under
# guests/NAME, does not see them) and become build/guests/librtos.a.
# A partition using it says, in its own guest.mk:
#     NAME_LIBS   = $(RTOS_LIB)
#     NAME_CFLAGS = $(RTOS_CFLAGS)
# The RTOS itself never touches x87/SSE registers (-mgeneral-regs-only): it
# runs inside interrupts, where the FPU is not saved, and its FPU switching
# is deferred to RTOS_FLOATING_POINT tasks (src/arch/context.c).
RTOS_LIB     = $(BUILD)/guests/librtos.a
RTOS_CFLAGS  = -Iguests/rtos/include
RTOS_SRCS   := $(wildcard guests/rtos/src/*.c guests/rtos/src/arch/*.c)
RTOS_OBJS   := $(RTOS_SRCS:%.c=$(BUILD)/%.o)
rtos_CFLAGS  = $(RTOS_CFLAGS) -Iguests/rtos/src -mgeneral-regs-only

$(RTOS_LIB): $(RTOS_OBJS)
	rm -f $@; ar rcs $@ $^

images: $(RTOS_LIB)
