# Unit test of the port core (kernel/core/port.c): ring buffers, validity
# and age, channel fan-out, overflow; and a valid configuration with
# ports, channels and areas passing the validator.
UNIT_TESTS += port
unit_port_SRCS := kernel/core/port.c kernel/core/config_check.c $(LIB_SRC) \
	tests/unit/test_port.c
