.PHONY: fuzz fuzz-bins fuzz-harnesses fuzz-qemu

# libFuzzer harnesses (tests/fuzz/fuzz_NAME.c, see docs/testing.md,
# "Fuzzing").  Each links the real kernel sources it fuzzes, built for the
# host with clang, ASan and UBSan; every UBSan report aborts the run.
# fuzz_NAME_SRCS lists the kernel files of harness NAME.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_NAMES   := elf config arith upcall
# No -Werror: the kernel sources are checked with -Werror by gcc, and a
# newer clang's new warning must not stop the fuzzers from building.
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all -Wall -Wextra -Wno-unused-parameter \
                -Iinclude -Ilib/include -Ikernel/include -Itests/unit/fake_arch/include \
                -Itests/fuzz -DBH_HOST_TEST
fuzz_elf_SRCS    := kernel/core/elf.c $(LIB_SRC)
fuzz_config_SRCS := kernel/core/config_check.c $(LIB_SRC)
fuzz_arith_SRCS  :=
fuzz_upcall_SRCS := kernel/core/vcpu.c kernel/core/elf.c $(LIB_SRC)
# Per harness, before the common flags.  The upcall harness runs the real
# x86 hooks (arch/hooks.h), not the unit tests' fake arch; vcpu.c turns
# 32-bit guest addresses into pointers: on the host the harness maps the
# partition where those pointers point.  vcpu.c is linked without
# trace.c: its trace hooks are compiled out (core/trace.h).
fuzz_upcall_CFLAGS := -Ikernel/arch/x86/include -Wno-int-to-pointer-cast -DBH_TRACE_BUILD=0

FUZZ_BINS  := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
# Wrappers the test runner finds among the unit tests: each runs one
# harness on its committed corpus for FUZZ_SMOKE_SECONDS and reports TAP.
FUZZ_SMOKE := $(FUZZ_NAMES:%=$(BUILD)/host/unit/fuzz-%)

define fuzz_rule
$(BUILD)/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c tests/fuzz/fuzz.h $$(fuzz_$(1)_SRCS) \
		$(wildcard include/bulkhead/*.h lib/include/*.h kernel/include/*/*.h \
		  kernel/arch/x86/include/arch/*.h tests/unit/fake_arch/include/arch/*.h)
	@mkdir -p $$(@D)
	$$(FUZZ_CC) $$(fuzz_$(1)_CFLAGS) $$(FUZZ_CFLAGS) -o $$@ $$(filter %.c,$$^)
$(BUILD)/host/unit/fuzz-$(1): tests/fuzz/fuzz.mk | $(BUILD)/fuzz/fuzz_$(1)
	@mkdir -p $$(@D)
	printf '#!/bin/sh\nexec sh %s/tests/fuzz/run.sh tap %s %s %s/tests/fuzz/corpus/%s %s %s\n' \
		"$$(CURDIR)" $(1) "$$(abspath $(BUILD)/fuzz/fuzz_$(1))" "$$(CURDIR)" $(1) \
		"$$(FUZZ_SMOKE_SECONDS)" "$$(abspath $(BUILD)/fuzz/smoke)" > $$@
	chmod +x $$@
endef
$(foreach f,$(FUZZ_NAMES),$(eval $(call fuzz_rule,$(f))))

fuzz-bins: $(FUZZ_BINS) $(FUZZ_SMOKE)

# The in-QEMU hypercall fuzzer's long run (tests/fuzz/qemu_fuzz.py): its
# own build directory, so the partition built with FUZZ_CALLS calls does not
# replace the one the system tests expect.
FUZZ_QEMU_CALLS ?= 1000000
FUZZ_QEMU_BUILD := $(BUILD)/fuzz/qemu
# The seed: FUZZ_QEMU_SEED=0x... repeats a run; by default a new one each
# time (drawn once: := ).
ifeq ($(origin FUZZ_QEMU_SEED),undefined)
ifneq ($(filter fuzz fuzz-qemu,$(MAKECMDGOALS)),)
FUZZ_QEMU_SEED := $(shell od -An -N4 -tx4 /dev/urandom | tr -d ' ' | sed 's/^/0x/')
endif
endif
FUZZ_QEMU_TIMEOUT ?= 1800

fuzz-qemu: deps-build
	rm -f $(FUZZ_QEMU_BUILD)/guests/tests/fuzz/*.o $(FUZZ_QEMU_BUILD)/guests/fuzz.elf
	$(MAKE) BUILD=$(FUZZ_QEMU_BUILD) \
		fuzz_CFLAGS="-DFUZZ_SEED=$(FUZZ_QEMU_SEED) -DFUZZ_CALLS=$(FUZZ_QEMU_CALLS)u" \
		$(FUZZ_QEMU_BUILD)/fuzz-long.elf $(FUZZ_QEMU_BUILD)/guests/fuzz.elf \
		$(FUZZ_QEMU_BUILD)/host/check-config-fuzz-long
	$(PYTHON) tests/fuzz/qemu_fuzz.py --build $(FUZZ_QEMU_BUILD) --seed $(FUZZ_QEMU_SEED) \
		--calls $(FUZZ_QEMU_CALLS) --timeout $(FUZZ_QEMU_TIMEOUT)

# Every harness for FUZZ_SECONDS (what it finds kept in BUILD/fuzz/long),
# then the hypercall fuzzer under QEMU; fails if any harness found anything.
fuzz-harnesses: fuzz-bins
	@st=0; for f in $(FUZZ_NAMES); do \
		sh tests/fuzz/run.sh plain $$f $(BUILD)/fuzz/fuzz_$$f tests/fuzz/corpus/$$f \
			$(FUZZ_SECONDS) $(BUILD)/fuzz/long || st=1; \
	done; exit $$st

fuzz:
	@sh tools/deps.sh fuzz test
	@st=0; $(MAKE) fuzz-harnesses || st=1; \
	$(MAKE) fuzz-qemu FUZZ_QEMU_SEED=$(FUZZ_QEMU_SEED) || st=1; exit $$st
