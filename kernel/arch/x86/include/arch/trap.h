/* The x86 trap entry (trap.c) and its one hook for the in-kernel tests. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdint.h>
#include "arch/trapframe.h"

/*
 * An exception in kernel code is a kernel bug: trap() panics — unless
 * trap_kernel_fixup() takes it (returns nonzero, having changed tf to
 * resume somewhere).  trap.c defines it weak, taking nothing; the in-kernel
 * tests (kernel/test/test_arch.c, test image only) override it to survive
 * the exceptions they provoke on purpose.
 */
int trap_kernel_fixup(struct trap_frame *tf);

/* The C functions entry.S calls take the frame in eax: one instruction
 * less on every entry than a pushed argument. */
#define ENTRY_FN __attribute__((regparm(1)))

ENTRY_FN void trap(struct trap_frame *tf);
/* The hypercall gate's entry (hcall_entry in entry.S). */
ENTRY_FN void trap_hcall(struct trap_frame *tf);
ENTRY_FN void trap_hcall_exit(struct trap_frame *tf);
ENTRY_FN void trap_irq(struct trap_frame *tf);
ENTRY_FN void trap_tick(struct trap_frame *tf);
ENTRY_FN void trap_tick_nmi(struct trap_frame *tf);
void hcall_entry(void);
const char *exception_name(unsigned vector);
void dump_frame(const struct trap_frame *tf);

#endif
