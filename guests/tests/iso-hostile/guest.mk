# One image, three roles chosen by partition name (main.c); each partition
# needs an image of its own, so the other roles get copies.
iso-hostile_CFLAGS = -mgeneral-regs-only
ISO_HOSTILE_COPIES := $(BUILD)/guests/iso-neighbour.elf $(BUILD)/guests/iso-spin-nmi.elf
$(ISO_HOSTILE_COPIES): $(BUILD)/guests/iso-hostile.elf
	$(call say,CP,$@)
	$(Q)cp $< $@
images: $(ISO_HOSTILE_COPIES)
