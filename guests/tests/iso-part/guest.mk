# iso-part never touches x87/SSE registers from C: the FPU isolation test
# loads patterns into them (fpu_regs.S) and expects them back untouched.
iso-part_CFLAGS = -mgeneral-regs-only

# One image, several roles chosen by partition name (iso.h); a partition
# needs an image of its own, so the other roles of a configuration get
# copies.
ISO_PART_COPIES := $(BUILD)/guests/iso-spin.elf $(BUILD)/guests/iso-yield.elf \
		   $(BUILD)/guests/iso-big.elf $(BUILD)/guests/iso-step.elf \
		   $(BUILD)/guests/iso-fault.elf $(BUILD)/guests/iso-nofpu.elf
$(ISO_PART_COPIES): $(BUILD)/guests/iso-part.elf
	cp $< $@
images: $(ISO_PART_COPIES)
