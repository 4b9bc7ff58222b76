# An APEX partition: libapex on librtos (guests/apex/guest.mk).
apex-fms_LIBS   = $(APEX_LIB) $(RTOS_LIB)
apex-fms_CFLAGS = $(APEX_CFLAGS)
