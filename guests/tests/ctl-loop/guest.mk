# One image, four roles chosen by partition name (main.c); each partition
# needs an image of its own, so the other roles get copies.
CTL_LOOP_COPIES := $(addprefix $(BUILD)/guests/ctl-loop-,bouncer.elf tx.elf rx.elf)
$(CTL_LOOP_COPIES): $(BUILD)/guests/ctl-loop.elf
	$(call say,CP,$@)
	$(Q)cp $< $@
images: $(CTL_LOOP_COPIES)
