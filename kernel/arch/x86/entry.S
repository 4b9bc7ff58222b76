/*
 * The common kernel entry: every interrupt, exception and hypercall comes
 * here from its stub with the vector and an error code pushed.  It completes
 * the trap frame (struct trap_frame), switches to kernel data segments and
 * calls trap(); trapret unwinds the same frame.
 */
#include "arch/seg.h"
#include "asm-offsets.h"

	.text
	.globl alltraps
alltraps:
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	/* The C ABI wants DF clear, and a guest may enter with it set: left
	 * alone, every string copy in the kernel would run backwards. */
	cld
	movl $SEG_KDATA, %eax
	movl %eax, %ds
	movl %eax, %es
	pushl %esp
	call trap
	addl $4, %esp

	.globl trapret
trapret:
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $8, %esp            /* vector and error code */
	iret

/*
 * void context_switch(struct kcontext **save, struct kcontext *next)
 * Saves the callee-saved registers on the current kernel stack, stores the
 * stack pointer in *save and resumes next.  A new context is a stack whose
 * top holds four zero registers and a return address (see sched.c).
 */
	.globl context_switch
context_switch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
