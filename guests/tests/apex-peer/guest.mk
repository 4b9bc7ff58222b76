# apex-test's partner: answers pings, publishes a sampling message.
apex-peer_LIBS   = $(APEX_LIB) $(RTOS_LIB)
apex-peer_CFLAGS = $(APEX_CFLAGS)
