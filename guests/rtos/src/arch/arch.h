/* bulkhead arch: what context.c and irq.c share. */
#ifndef RTOS_ARCH_H
#define RTOS_ARCH_H

#include "libpart.h"
#include "score.h"

/* The exit hook's half of a task switch: from keeps the interrupted frame. */
struct bh_upcall_frame *rtos_arch_switch_from_isr(struct bh_upcall_frame *frame,
						  struct rtos_tcb *from,
						  struct rtos_tcb *to);

#endif
