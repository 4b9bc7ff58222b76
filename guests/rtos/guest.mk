# The guest RTOS as a library, not a partition: it lives outside the
# partition kinds (guests/{demos,tests,bench}), so the guest rule does not
# see it, and its sources, guests/rtos/src, become build/guests/librtos.a.
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
	$(call say,AR,$@)
	$(Q)rm -f $@; ar rcs $@ $^

images: $(RTOS_LIB)
