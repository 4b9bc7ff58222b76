#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

#include "arch/trapframe.h"

void hypercall_dispatch(struct trap_frame *tf);

#endif
