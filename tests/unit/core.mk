# The portable core (vcpu, sched, hm, hypercall and what they need) linked
# against the fake architecture: possible only because core reaches the
# machine through core/arch.h.  Guest addresses are 32-bit, as in the kernel.
UNIT_TESTS += core
unit_core_SRCS := $(filter-out kernel/core/main.c kernel/core/start.c,$(wildcard kernel/core/*.c)) $(LIB_SRC) \
	tests/unit/fake_arch.c tests/unit/test_core.c tests/unit/fake_arch.h
unit_core_CFLAGS := -Wno-int-to-pointer-cast -Wno-pointer-to-int-cast -Wno-format
