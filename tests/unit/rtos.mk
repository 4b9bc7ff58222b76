# Host unit tests of the guest RTOS's portable core (guests/rtos/src/*.c,
# not src/arch/): each binary links the whole core, the fake arch
# (test_rtos_arch.c) and one test file.
RTOS_UNIT_CORE := $(wildcard guests/rtos/src/*.c) tests/unit/test_rtos_arch.c
RTOS_UNIT_DEPS := $(wildcard guests/rtos/src/*.h guests/rtos/include/*.h) tests/unit/test_rtos.h
RTOS_UNIT_NAMES := rtos_sched rtos_sem rtos_msgq rtos_event rtos_time rtos_cond
UNIT_TESTS += $(RTOS_UNIT_NAMES)
$(foreach t,$(RTOS_UNIT_NAMES),$(eval unit_$(t)_SRCS := $(RTOS_UNIT_CORE) tests/unit/test_$(t).c $(RTOS_UNIT_DEPS)))
$(foreach t,$(RTOS_UNIT_NAMES),$(eval unit_$(t)_CFLAGS := -Iguests/rtos/include -Iguests/rtos/src))
