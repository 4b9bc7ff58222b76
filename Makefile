# bulkhead — top-level build.  Everything goes under build/.
#
#   make            kernel images for every configuration, guests, host tools
#   make run        boot the demo configuration in QEMU
#   make test       static analysis, host unit tests, a short run of each
#                   fuzzer, system tests in QEMU (and a subset in Bochs);
#                   MACHINE=qemu or MACHINE=bochs: all on that one
#   make fuzz       each fuzzer for FUZZ_SECONDS, 10^6 hypercalls in QEMU
#   make static     cppcheck and clang's analyzer over kernel, lib, libpart, guests
#   make bench      instruction-count benchmarks under QEMU -icount
#   make debug      boot the demo with QEMU waiting for gdb (see build/gdbinit)
#   make iso        a GRUB rescue ISO of the demo
#   make check-config CONFIG=configs/test/foo.c (or CONFIG=foo): validate,
#                   and draw the schedule in build/foo-schedule.svg
#   make config-from-xml XML=configs/xml/foo.xml OUT=configs/test/foo.c
#   make trace [CONFIG=...] [TRACE_MS=100]: the kernel trace, as pictures

BUILD   ?= build
VERSION := 0.1
CONFIG  ?= configs/demo/demo.c
CC      := gcc
HOSTCC  ?= cc
PYTHON  ?= python3
QEMU    ?= qemu-system-i386

WARN     := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
            -Wshadow -Wvla -Wno-unused-parameter
TGTFLAGS := -m32 -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
            -fno-asynchronous-unwind-tables -O2 -g $(WARN)
# The kernel is built for the Pentium III (i686 with FXSR and SSE, the
# minimum CPU); kernel/arch/x86/cpu.c checks for it before kmain and is
# itself built for the 80386 so that the check runs anywhere.
# TRACE=0: the kernel's trace hooks compile to nothing (kernel/include/core/trace.h).
TRACE    ?= 1
KCFLAGS  := $(TGTFLAGS) -march=pentium3 -DBULKHEAD_VERSION=\"$(VERSION)\" -DBH_TRACE_BUILD=$(TRACE) -mgeneral-regs-only -Iinclude -Ilib/include -Ikernel/include -Ikernel/arch/x86/include -I$(BUILD)/gen
GCFLAGS  := $(TGTFLAGS) -Iinclude -Ilib/include -Ilibpart/include
LDFLAGS  := -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,noexecstack \
            -Wl,--no-warn-rwx-segments
HOSTCFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
              -Iinclude -Ilib/include -Ikernel/include -Itests/unit -Itests/unit/fake_arch/include \
              -DBH_HOST_TEST

# Quiet build: one short line per step ("CC file"); V=1 prints the full
# commands.  $(call say,WHAT,FILE) prints the short line (nothing with V=1),
# $(Q) hides the command it precedes (nothing with V=1).
V ?= 0
ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
V := silent
endif
ifeq ($(V),silent)
Q := @
say = @:
else ifeq ($(V),1)
Q :=
say = @:
else
Q := @
say = @printf '  %-7s %s\n' '$(1)' '$(2)'
endif

.DEFAULT_GOAL := all
.PHONY: all images unit-bins deps-build run test bench debug iso check-config deps clean unit systest check-boundary
.SUFFIXES:

# ------------------------------------------------------------------ lib --
# bhlib, the freestanding string and format library: one source, built for
# the kernel (below), for libpart.a and for the host tools and unit tests.
LIB_SRC := $(wildcard lib/*.c)

$(BUILD)/lib/kernel/%.o: lib/%.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/lib/guest/%.o: lib/%.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(GCFLAGS) -mgeneral-regs-only -MMD -MP -c -o $@ $<

# ---------------------------------------------------------------- kernel --
KSRC_C  := $(wildcard kernel/arch/x86/*.c kernel/core/*.c)
KSRC_S  := $(wildcard kernel/arch/x86/*.S)
KOBJS   := $(KSRC_C:%.c=$(BUILD)/%.o) $(KSRC_S:%.S=$(BUILD)/%.o) $(BUILD)/gen/vectors.o \
           $(LIB_SRC:lib/%.c=$(BUILD)/lib/kernel/%.o)
KOBJS   := $(filter-out $(BUILD)/kernel/arch/x86/asm-offsets.o,$(KOBJS))
# The object set decides what a kernel does once booted (core/start.h):
# production images link kernel/core/start.c (the partitions), the test
# image ktest.elf links kernel/test/ (the runner and the in-kernel cases)
# in its place.  Nothing of kernel/test/ reaches a production image
# (tests/image_symbols.sh checks that on every make test).
KSTART_OBJ := $(BUILD)/kernel/core/start.o
KOBJS   := $(filter-out $(KSTART_OBJ),$(KOBJS))
# Named only by the image pattern rule, start.o would be an intermediate
# file that make deletes after linking; tests/image_symbols.sh needs it to
# tell kernel_start's production definition from the test runner's.
.SECONDARY: $(KSTART_OBJ)
KTEST_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard kernel/test/*.c))
# Configurations by purpose: configs/{demo,test,bench}/NAME.c (configs/invalid
# holds the validator's refusal fixtures, never built into images).  NAME is
# unique across them and names the image build/NAME.elf.
CONFIG_KINDS := demo test bench
CONFIG_SRCS := $(sort $(wildcard $(CONFIG_KINDS:%=configs/%/*.c)))
CONFIGS := $(basename $(notdir $(CONFIG_SRCS)))
ifneq ($(words $(CONFIGS)),$(words $(sort $(CONFIGS))))
$(error two configurations share a name: $(CONFIG_SRCS))
endif
config_src = $(filter %/$(1).c,$(CONFIG_SRCS))
# CONFIG may be a path (configs/demo/demo.c, configs/invalid/x.c, the old
# configs/demo.c) or just a name (demo).
CONFIG_NAME := $(basename $(notdir $(CONFIG)))
CONFIG_SRC  := $(or $(wildcard $(CONFIG)),$(call config_src,$(CONFIG_NAME)))
IMAGES  := $(CONFIGS:%=$(BUILD)/%.elf)

$(BUILD)/gen/vectors.S: tools/gen-vectors.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)sh $< > $@

$(BUILD)/gen/asm-offsets.h: kernel/arch/x86/asm-offsets.c $(wildcard kernel/include/*/*.h kernel/arch/x86/include/arch/*.h include/bulkhead/*.h)
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)$(CC) $(KCFLAGS) -S -o $(BUILD)/gen/asm-offsets.s $<
	$(Q)sed -n 's/.*@@\([A-Z_0-9]*\) \$$\{0,1\}\([0-9-]*\).*/#define \1 \2/p' $(BUILD)/gen/asm-offsets.s > $@.tmp
	$(Q){ echo '/* generated from kernel/arch/x86/asm-offsets.c — do not edit */'; cat $@.tmp; } > $@
	$(Q)rm -f $@.tmp

$(BUILD)/kernel/%.o: kernel/%.c | $(BUILD)/gen/asm-offsets.h
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/kernel/arch/x86/cpu.o: KCFLAGS += -march=i386

$(BUILD)/kernel/%.o: kernel/%.S $(BUILD)/gen/asm-offsets.h
	@mkdir -p $(@D)
	$(call say,AS,$@)
	$(Q)$(CC) $(KCFLAGS) -D__ASSEMBLER__ -MMD -MP -c -o $@ $<

$(BUILD)/gen/vectors.o: $(BUILD)/gen/vectors.S $(BUILD)/gen/asm-offsets.h
	$(call say,AS,$@)
	$(Q)$(CC) $(KCFLAGS) -D__ASSEMBLER__ -c -o $@ $<

# check-config-NAME: the configuration NAME compiled for the host with the
# same validator the kernel runs at boot.
CHECKCFG_SRCS := kernel/core/config_check.c $(LIB_SRC) tools/check-config.c
define config_rule
$(BUILD)/configs/$(1).o: $(call config_src,$(1))
	@mkdir -p $$(@D)
	$$(call say,CC,$$@)
	$$(Q)$$(CC) $$(KCFLAGS) -MMD -MP -c -o $$@ $$<
$(BUILD)/host/check-config-$(1): $(call config_src,$(1)) $$(CHECKCFG_SRCS) include/bulkhead/config.h lib/include/bhlib.h
	@mkdir -p $$(@D)
	$$(call say,HOSTCC,$$@)
	$$(Q)$$(HOSTCC) $$(HOSTCFLAGS) -o $$@ $$< $$(CHECKCFG_SRCS)
$(BUILD)/host/$(1).config-ok: $(BUILD)/host/check-config-$(1)
	@printf '%s: ' $(call config_src,$(1))
	@$$< && touch $$@
endef
$(foreach c,$(CONFIGS),$(eval $(call config_rule,$(c))))

# Every configuration becomes one kernel image; ktest.elf (configs/test/
# ktest.c) is the in-kernel test image, every other one a production image.
$(BUILD)/ktest.elf: $(KOBJS) $(KTEST_OBJS) $(BUILD)/configs/ktest.o kernel/arch/x86/kernel.ld
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -T kernel/arch/x86/kernel.ld -o $@ $(filter %.o,$^) -lgcc
	$(Q)objdump -d -S $@ > $(@:.elf=.asm); nm -n $@ > $(@:.elf=.sym)
$(BUILD)/%.elf: $(KOBJS) $(KSTART_OBJ) $(BUILD)/configs/%.o kernel/arch/x86/kernel.ld
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -T kernel/arch/x86/kernel.ld -o $@ $(filter %.o,$^) -lgcc
	$(Q)objdump -d -S $@ > $(@:.elf=.asm); nm -n $@ > $(@:.elf=.sym)

# --------------------------------------------------------------- libpart --
LP_SRC  := $(wildcard libpart/*.c libpart/*.S)
LP_OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(LP_SRC))) \
           $(LIB_SRC:lib/%.c=$(BUILD)/lib/guest/%.o)
$(BUILD)/libpart/libpart.a: $(LP_OBJS)
	$(call say,AR,$@)
	$(Q)rm -f $@; ar rcs $@ $^

# libpart runs inside upcalls, where the guest's FPU state is not saved:
# it must never touch x87/SSE registers.
$(BUILD)/libpart/%.o: libpart/%.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(GCFLAGS) -mgeneral-regs-only -MMD -MP -c -o $@ $<
$(BUILD)/libpart/%.o: libpart/%.S
	@mkdir -p $(@D)
	$(call say,AS,$@)
	$(Q)$(CC) $(GCFLAGS) -D__ASSEMBLER__ -MMD -MP -c -o $@ $<

# ---------------------------------------------------------------- guests --
# Partitions by purpose: guests/{demos,tests,bench}/NAME becomes the
# partition image build/guests/NAME.elf from all its .c and .S files
# (NAME is unique across the kinds); guests/KIND/NAME/guest.mk may add
# NAME_LIBS (archives to link before libpart) and NAME_CFLAGS.  guests/rtos
# is the guest RTOS, a library (its guest.mk builds it); guests/apex the
# ARINC 653 APEX library on it.
GUEST_KINDS := demos tests bench
GUEST_DIRS := $(sort $(patsubst %/,%,$(dir $(wildcard $(GUEST_KINDS:%=guests/%/*/*.c) \
		$(GUEST_KINDS:%=guests/%/*/*.S)))))
GUESTS := $(notdir $(GUEST_DIRS))
ifneq ($(words $(GUESTS)),$(words $(sort $(GUESTS))))
$(error two partitions share a name: $(GUEST_DIRS))
endif
guest_dir = $(filter %/$(1),$(GUEST_DIRS))
-include $(wildcard $(GUEST_KINDS:%=guests/%/*/guest.mk) guests/rtos/guest.mk guests/apex/guest.mk)
GUEST_ELFS := $(GUESTS:%=$(BUILD)/guests/%.elf)

# GUEST_CFLAGS: the NAME_CFLAGS of the partition (or library) an object
# belongs to, set per directory below.
$(BUILD)/guests/%.o: guests/%.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(GCFLAGS) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/guests/%.o: guests/%.S
	@mkdir -p $(@D)
	$(call say,AS,$@)
	$(Q)$(CC) $(GCFLAGS) -D__ASSEMBLER__ -MMD -MP -c -o $@ $<

define guest_rule
$(BUILD)/$(call guest_dir,$(1))/%.o: GUEST_CFLAGS = $$($(1)_CFLAGS)
$(BUILD)/guests/$(1).elf: $(patsubst %,$(BUILD)/%.o,$(basename $(wildcard $(call guest_dir,$(1))/*.c $(call guest_dir,$(1))/*.S))) $$($(1)_LIBS) $(BUILD)/libpart/libpart.a libpart/guest.ld
	$$(call say,LD,$$@)
	$$(Q)$$(CC) $$(LDFLAGS) -T libpart/guest.ld -o $$@ $$(filter %.o %.a,$$^) -lgcc
endef
$(foreach g,$(GUESTS),$(eval $(call guest_rule,$(g))))
$(BUILD)/guests/rtos/%.o: GUEST_CFLAGS = $(rtos_CFLAGS)
$(BUILD)/guests/apex/%.o: GUEST_CFLAGS = $(apex_CFLAGS)

# ------------------------------------------------------------------ host --
# Host unit tests: each tests/unit/NAME.mk adds NAME to UNIT_TESTS and sets
# unit_NAME_SRCS (portable sources + the cmocka test file).
UNIT_TESTS :=
-include $(wildcard tests/unit/*.mk)
UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/host/unit/%)
define unit_rule
$(BUILD)/host/unit/$(1): $$(unit_$(1)_SRCS) $(wildcard include/bulkhead/*.h lib/include/*.h kernel/include/*/*.h kernel/arch/x86/include/arch/*.h tests/unit/fake_arch/include/arch/*.h)
	@mkdir -p $$(@D)
	$$(call say,HOSTCC,$$@)
	$$(Q)$$(HOSTCC) $$(HOSTCFLAGS) $$(unit_$(1)_CFLAGS) -o $$@ $$(filter %.c,$$^) -lcmocka
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

# check-config-NAME (config_rule, above): the configuration NAME compiled
# for the host.
HOST_TOOLS := $(CONFIGS:%=$(BUILD)/host/check-config-%)

# Every configuration is validated on the host as part of the build, so a
# bad one stops `make` with the validator's message before anything boots
# (the rules are config_rule's, above).
CONFIG_CHECKS := $(CONFIGS:%=$(BUILD)/host/%.config-ok)

# --------------------------------------------------------------- targets --
all: deps-build
	@$(MAKE) --no-print-directory images

images: $(IMAGES) $(GUEST_ELFS) $(HOST_TOOLS) $(CONFIG_CHECKS)

unit-bins: $(UNIT_BINS) $(BUILD)/host/unit/image-symbols $(BUILD)/host/unit/first-hour \
	$(BUILD)/host/unit/first-hour-iso $(BUILD)/host/unit/tools $(BUILD)/host/unit/tools-trace

# The configuration and trace tools' checks (tests/tools_test.py), in two
# groups: the configuration tools, and the trace tool's traced boots.
$(BUILD)/host/unit/tools $(BUILD)/host/unit/tools-trace: Makefile
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)printf '#!/bin/sh\ncd %s && exec %s tests/tools_test.py %s %s\n' "$(CURDIR)" "$(PYTHON)" \
		"$(BUILD)" "$(if $(filter %-trace,$@),trace,config)" > $@
	$(Q)chmod +x $@

# The first hour of a new user (tests/first_hour.py): the build's manners
# and the README's commands, two groups found among the unit tests.
$(BUILD)/host/unit/first-hour $(BUILD)/host/unit/first-hour-iso: Makefile
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)printf '#!/bin/sh\ncd %s && exec %s tests/first_hour.py %s %s\n' "$(CURDIR)" "$(PYTHON)" \
		"$(BUILD)" "$(if $(filter %-iso,$@),iso,build)" > $@
	$(Q)chmod +x $@

# The images' symbol check (tests/image_symbols.sh), found by the test
# runner among the unit tests; it reads the images `make all` built.
$(BUILD)/host/unit/image-symbols: Makefile
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)printf '#!/bin/sh\nexec sh %s/tests/image_symbols.sh %s\n' "$(CURDIR)" "$(abspath $(BUILD))" > $@
	$(Q)chmod +x $@

deps-build:
	@sh tools/deps.sh build

run:
	@sh tools/deps.sh run
	$(MAKE) all
	$(PYTHON) tools/qemu.py run --build $(BUILD) --config $(CONFIG_NAME) --append tickrate \
		--com2-echo "hello over COM2"

# MACHINE: empty (every case in QEMU, the bochs_subset cases in Bochs too),
# qemu or bochs (every case on that machine alone); see docs/testing.md.
MACHINE ?=
test:
	@sh tools/deps.sh test iso fuzz static $(if $(filter qemu,$(MACHINE)),,bochs)
	sh tools/check-boundary.sh
	sh tests/unit/check_boundary_selftest.sh
	$(MAKE) all
	$(MAKE) unit-bins fuzz-bins
	$(MAKE) static
	$(PYTHON) tests/run.py --build $(BUILD) $(if $(MACHINE),--machine $(MACHINE))

bench:
	@sh tools/deps.sh bench
	$(MAKE) all
	$(PYTHON) bench/run.py --build $(BUILD)

debug:
	@sh tools/deps.sh run
	$(MAKE) all
	$(PYTHON) tools/qemu.py debug --build $(BUILD) --config $(CONFIG_NAME)

iso:
	@sh tools/deps.sh iso
	$(MAKE) all
	sh tools/mkiso.sh $(BUILD) $(CONFIG_NAME)

check-boundary:
	sh tools/check-boundary.sh

# A configuration that needs a machine to be judged (memory, the boot
# loader's module list: the fixtures of configs/invalid/ about them) says
# which in a comment, /* machine: BYTES MODULE... */; it is checked against
# that machine.
CHECK_MACHINE = $(if $(CONFIG_SRC),$(shell sed -n 's|^/\* machine: \(.*\) \*/$$|\1|p' $(CONFIG_SRC)))
check-config:
	@mkdir -p $(BUILD)/host
	@test -n "$(CONFIG_SRC)" || { echo "no configuration $(CONFIG)"; exit 1; }
	$(call say,HOSTCC,$(BUILD)/host/check-config)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $(BUILD)/host/check-config $(CONFIG_SRC) $(CHECKCFG_SRCS)
	$(if $(CHECK_MACHINE),@echo "check-config: against the machine of its comment: $(CHECK_MACHINE)")
	$(Q)$(BUILD)/host/check-config $(if $(CHECK_MACHINE),--machine-mem $(CHECK_MACHINE))
	$(Q)$(BUILD)/host/check-config --json > $(BUILD)/$(CONFIG_NAME)-config.json
	$(Q)$(PYTHON) tools/schedule-svg $(BUILD)/$(CONFIG_NAME)-config.json \
		$(BUILD)/$(CONFIG_NAME)-schedule.svg --title "schedule of $(CONFIG_SRC)"

# The kernel trace of a configuration (tools/trace): TRACE_MS ms of its
# schedule under -icount, saved through QEMU's monitor, drawn and summed
# up in build/trace.json, build/timeline.svg, build/trace-summary.txt.
TRACE_MS ?= 100
trace:
	@sh tools/deps.sh run
	@$(MAKE) --no-print-directory all
	$(Q)$(PYTHON) tools/trace run --build $(BUILD) --config $(CONFIG_NAME) --ms $(TRACE_MS)
.PHONY: trace

# An ARINC 653 XML module description (configs/xml/) turned into a C
# configuration (tools/a653-config), then validated and drawn like any.
config-from-xml:
	@test -n "$(XML)" -a -n "$(OUT)" || { echo "usage: make config-from-xml XML=configs/xml/NAME.xml OUT=configs/KIND/NAME.c"; exit 2; }
	$(Q)$(PYTHON) tools/a653-config $(XML) -o $(OUT)
	@$(MAKE) --no-print-directory check-config CONFIG=$(OUT)
.PHONY: config-from-xml

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ------------------------------------------------------ fuzzing, static --
include tests/fuzz/fuzz.mk

# Needs the generated headers the kernel's sources include.
static: $(BUILD)/gen/asm-offsets.h
	@sh tools/deps.sh static
	@STATIC_KERNEL_INC="$(filter-out -I$(BUILD)/gen,$(filter -I%,$(KCFLAGS)))" \
		sh tools/static-check.sh $(BUILD)
.PHONY: static
