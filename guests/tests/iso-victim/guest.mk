# The victim checks its FPU state is reset by each restart: keep the
# compiler's own code off the x87/SSE registers.
iso-victim_CFLAGS = -mgeneral-regs-only
