/* The x86 trap entry (trap.c) and what kernel tests need of it. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdint.h>
#include "arch/trapframe.h"

/* A kernel test can arm a catch to survive one expected kernel exception. */
struct kfault_catch {
	int armed;
	uint32_t resume_eip;
	uint32_t vector;
	uint32_t eip;
};
extern struct kfault_catch *kfault_catch;

void trap(struct trap_frame *tf);
const char *exception_name(unsigned vector);
void dump_frame(const struct trap_frame *tf);

#endif
