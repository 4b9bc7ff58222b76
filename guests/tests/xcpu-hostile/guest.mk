# The kernel addresses it attacks come from the image it runs under
# (configs/test/test-smp-xcpu.c, system case smp2-xcpu-hostile), made into
# a header by addrs.sh; the victim role gets a copy of the image.
XCPU_KERNEL := $(BUILD)/test-smp-xcpu.elf
XCPU_ADDRS  := $(BUILD)/gen/xcpu/xcpu-addrs.h
xcpu-hostile_CFLAGS = -mgeneral-regs-only -I$(BUILD)/gen/xcpu
$(XCPU_ADDRS): $(XCPU_KERNEL) $(BUILD)/gen/asm-offsets.h guests/tests/xcpu-hostile/addrs.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)sh guests/tests/xcpu-hostile/addrs.sh $(XCPU_KERNEL) $(BUILD)/gen/asm-offsets.h > $@.tmp
	$(Q)mv $@.tmp $@
$(BUILD)/guests/tests/xcpu-hostile/main.o: $(XCPU_ADDRS)
$(BUILD)/guests/xcpu-victim.elf: $(BUILD)/guests/xcpu-hostile.elf
	$(call say,CP,$@)
	$(Q)cp $< $@
images: $(BUILD)/guests/xcpu-victim.elf
