# An APEX partition: libapex on librtos (guests/apex/guest.mk).
apex-nav_LIBS   = $(APEX_LIB) $(RTOS_LIB)
apex-nav_CFLAGS = $(APEX_CFLAGS)
