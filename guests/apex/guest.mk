# APEX (ARINC 653 Part 1 for C) as a library on the guest RTOS, like
# guests/rtos: guests/apex/src becomes build/guests/libapex.a.  A partition
# using it says, in its own guest.mk:
#     NAME_LIBS   = $(APEX_LIB) $(RTOS_LIB)
#     NAME_CFLAGS = $(APEX_CFLAGS)
APEX_LIB     = $(BUILD)/guests/libapex.a
APEX_CFLAGS  = -Iguests/apex/include $(RTOS_CFLAGS) -mgeneral-regs-only
APEX_SRCS   := $(wildcard guests/apex/src/*.c)
APEX_OBJS   := $(APEX_SRCS:%.c=$(BUILD)/%.o)
apex_CFLAGS  = $(APEX_CFLAGS) -Iguests/apex/src

$(APEX_LIB): $(APEX_OBJS)
	rm -f $@; ar rcs $@ $^

images: $(APEX_LIB)
