# Broken partition images for configs/test/test-hm.c, made from the good image
# iso-part.elf by corrupt.py (no sources here, so this is not a partition
# of its own).  The edge images assume a 128 KiB partition with the default
# 16 KiB stack: its image area ends at 0x4001b000, below the guard page
# (128 KiB, not 64: iso-part, code and bss, must fit that area whole).
ISO_BROKEN_SRC := $(BUILD)/guests/iso-part.elf
ISO_BROKEN     := guests/tests/iso-broken/corrupt.py
ISO_BROKEN_ELFS := $(addprefix $(BUILD)/guests/iso-,edge-ok.elf edge-bad.elf \
                     seg-below.elf trunc.elf)

# Ends exactly where the image area does: must load.
$(BUILD)/guests/iso-edge-ok.elf: $(ISO_BROKEN_SRC) $(ISO_BROKEN) guests/tests/iso-broken/guest.mk
	$(call say,GEN,$@)
	$(Q)$(PYTHON) $(ISO_BROKEN) stretch 0x4001b000 $< $@
# One byte more, into the guard page: must be refused.
$(BUILD)/guests/iso-edge-bad.elf: $(ISO_BROKEN_SRC) $(ISO_BROKEN) guests/tests/iso-broken/guest.mk
	$(call say,GEN,$@)
	$(Q)$(PYTHON) $(ISO_BROKEN) stretch 0x4001b001 $< $@
# Loaded over the vCPU page, below the partition: must be refused.
$(BUILD)/guests/iso-seg-below.elf: $(ISO_BROKEN_SRC) $(ISO_BROKEN)
	$(call say,GEN,$@)
	$(Q)$(PYTHON) $(ISO_BROKEN) move 0x3ffff000 $< $@
# Cut short inside its data: must be refused.
$(BUILD)/guests/iso-trunc.elf: $(ISO_BROKEN_SRC) $(ISO_BROKEN)
	$(call say,GEN,$@)
	$(Q)$(PYTHON) $(ISO_BROKEN) truncate $< $@

images: $(ISO_BROKEN_ELFS)
