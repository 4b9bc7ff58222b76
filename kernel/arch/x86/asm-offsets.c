/*
 * Emits the structure offsets assembly needs; the Makefile turns the
 * "@@NAME value" markers in the compiler's output into asm-offsets.h.
 */
#include <stddef.h>
#include "arch/trapframe.h"
#include "arch/x86.h"
#include <bulkhead/hypercall.h>

#define DEFINE(sym, val) __asm__ volatile("\n.ascii \"@@" #sym " %0\"" : : "i"(val))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(TF_VECTOR, offsetof(struct trap_frame, vector));
	DEFINE(TF_EIP, offsetof(struct trap_frame, eip));
	DEFINE(TF_CS, offsetof(struct trap_frame, cs));
	DEFINE(TF_EFLAGS, offsetof(struct trap_frame, eflags));
	DEFINE(TF_SS, offsetof(struct trap_frame, ss));
	DEFINE(EFLAGS_VM_BIT, EFLAGS_VM);
	DEFINE(HC_VECTOR, BH_HYPERCALL_VECTOR);
	DEFINE(EFLAGS_NEVER_RETURN, EFLAGS_NEVER_RETURN);
}
