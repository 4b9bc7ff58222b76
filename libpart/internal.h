/* libpart internals shared between its files (not for guests). */
#ifndef LIBPART_INTERNAL_H
#define LIBPART_INTERNAL_H

#include "libpart.h"

void bh_libpart_init(void);
BH_NORETURN void bh_libpart_exit(int status);

/* virq.c: each line's handler, and the exit hook; upcall.S's fast path
 * reads them too (their layout is in asm.h, checked by asm_check.c). */
struct virq_slot {
	bh_virq_handler_t fn;
	void *arg;
};
extern struct virq_slot bh_virq_slots[BH_NR_VLINES];
extern bh_virq_exit_hook_t bh_virq_exit_hook;

/* upcall.S: the entry the kernel jumps to with esp = frame, eax = line. */
void bh_upcall_entry(void);
/* virq.c: runs the line's handler and the exit hook; returns the frame to resume. */
struct bh_upcall_frame *bh_upcall_dispatch(struct bh_upcall_frame *frame);
/* The frame of the upcall being dispatched (virq.c), for hm.c. */
extern struct bh_upcall_frame *bh_upcall_current;
/* virq.c: the exit hook's choice of the frame to resume (or frame). */
struct bh_upcall_frame *bh_upcall_exit(struct bh_upcall_frame *frame);
/* upcall.S calls this when the kernel refuses the frame to resume. */
BH_NORETURN void bh_upcall_iret_failed(int err);

#endif
