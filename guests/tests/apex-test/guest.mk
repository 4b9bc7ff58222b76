# System tests of APEX (guests/apex), in one partition (console protocol
# of bh_test.h), with apex-peer on the other end of its ports.
apex-test_LIBS   = $(APEX_LIB) $(RTOS_LIB)
apex-test_CFLAGS = $(APEX_CFLAGS)
