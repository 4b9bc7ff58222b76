/*
 * The common kernel entry: every interrupt, exception and hypercall comes
 * here from its stub with the vector and an error code pushed.  It completes
 * the trap frame (struct trap_frame), switches to kernel data segments and
 * calls trap() (trap_v86() from virtual-8086 mode); trapret unwinds the
 * same frame.
 */
#include "arch/seg.h"
#include "asm-offsets.h"

#define CPU(field) (TF_##field - TF_VECTOR)   /* from the stub's vector */
#define SAVED    8          /* from_v86: eax and ecx pushed while moving */
#define V86_SEGS 16         /* es, ds, fs, gs: what the CPU adds from V86 mode */

	/* Complete the frame and call handler(frame); handlers are
	 * regparm(1) (ENTRY_FN in arch/trap.h): the frame goes in eax. */
	.macro save_frame_and_call handler
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
	movl %esp, %eax
	call \handler
	.endm

	.text
	.globl alltraps
alltraps:
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame_and_call trap

	jmp trapret

/* The timer's line (vector 0x20): the same frame, then trap_tick. */
	.globl ticktraps
ticktraps:
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame_and_call trap_tick
	jmp trapret

/* The hardware lines' entry (vectors 0x20..0x2f): the same frame, then
 * trap_irq, which skips trap()'s classification of the vector. */
	.globl irqtraps
irqtraps:
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame_and_call trap_irq

	.globl trapret
trapret:
	/* Whatever the frame says, never return with VM, NT, IOPL or RF:
	 * none of them is the partition's to choose (trap() has ended any
	 * virtual-8086 excursion; this makes sure). */
	andl $~EFLAGS_NEVER_RETURN, TF_EFLAGS(%esp)
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $(TF_EIP - TF_VECTOR), %esp     /* vector and error code */
	iret

/*
 * The hypercall gate's own entry: the same frame, but straight to
 * trap_hcall, which skips trap()'s classification of the vector.  With
 * IOPL 0 (trapret forces it) `int $0x82` in virtual-8086 mode is a #GP,
 * not this gate; the check stays so that no entry with VM set is ever
 * served here.
 */
	.globl hcall_entry
	.balign 16
hcall_entry:
	pushl $0
	pushl $HC_VECTOR
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame_and_call trap_hcall
	jmp trapret

/*
 * An entry from virtual-8086 mode: QEMU lets a ring-3 iret whose EFLAGS
 * image has VM set enter it (real CPUs ignore VM there), and the CPU then
 * pushes es, ds, fs and gs above ss.  Drop those four words, moving the
 * rest (vector ... ss) up, so that the frame has the layout and the place
 * (the top of the partition's kernel stack) of every ring-3 frame; give it
 * the user cs and ss; then trap_v86() ends the partition's run in the
 * health monitor.
 */
from_v86:
	pushl %eax
	pushl %ecx
	movl $(CPU(SS) / 4), %ecx
1:	movl SAVED(%esp,%ecx,4), %eax
	movl %eax, SAVED+V86_SEGS(%esp,%ecx,4)
	decl %ecx
	jns 1b
	popl %ecx
	popl %eax
	addl $V86_SEGS, %esp
	movl $SEG_UCODE, CPU(CS)(%esp)
	movl $SEG_UDATA, CPU(SS)(%esp)
	save_frame_and_call trap_v86
	jmp trapret

/*
 * void context_switch(struct kcontext **save, struct kcontext *next)
 * Saves the callee-saved registers on the current kernel stack, stores the
 * stack pointer in *save and resumes next.  A new context is a stack whose
 * top holds four zero registers and a return address (part.c builds them).
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
