#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

#include "arch/trapframe.h"

void hypercall_dispatch(struct trap_frame *tf);

/* Partition console output: buffered per partition, one prefixed line at a time. */
struct partition;
void console_part_putc(struct partition *p, char c);

#endif
