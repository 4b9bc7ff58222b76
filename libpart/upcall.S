/*
 * Upcall entry.  The kernel arrives here with esp = the bh_upcall_frame it
 * pushed, eax = the line, virtual interrupts disabled.  The frame holds
 * every register of the interrupted context, so nothing needs saving here.
 * The common case goes straight to the line's handler (virq.c's slots)
 * and resumes the frame with BH_HC_IRET; a line without a handler, and
 * any exit hook (which may choose another context's frame, when an RTOS
 * switches tasks), take the C dispatcher, bh_upcall_dispatch.
 */
#include "asm.h"

	.text
	.globl bh_upcall_entry
	.type bh_upcall_entry, @function
	.balign 16
bh_upcall_entry:
	cld                       /* the C ABI wants DF clear; the frame keeps the old one */
	movl %esp, %ebx           /* the frame: callee-saved, kept across the handler */
	movl %ebx, bh_upcall_current /* for an error handler (hm.c): the context it interrupted */
	andl $-16, %esp           /* SysV i386: 16-byte aligned at the call */
	cmpl $LP_NR_VLINES, %eax
	jae 2f
	movl bh_virq_slots(, %eax, 1 << LP_SLOT_SHIFT), %ecx
	testl %ecx, %ecx
	jz 2f
	subl $8, %esp
	pushl bh_virq_slots + LP_SLOT_ARG(, %eax, 1 << LP_SLOT_SHIFT)
	pushl %eax
	call *%ecx                /* handler(line, arg) */
	cmpl $0, bh_virq_exit_hook
	jne 3f
1:	movl $LP_HC_IRET, %eax
	int $LP_HYPERCALL_VECTOR
	/* Only a refused frame returns here (eax = -BH_E*). */
	andl $-16, %esp
	subl $12, %esp
	pushl %eax
	call bh_upcall_iret_failed
4:	jmp 4b
	/* No handler (counted as spurious), or after the handler an exit hook. */
2:	subl $12, %esp
	pushl %ebx
	call bh_upcall_dispatch
	movl %eax, %ebx
	jmp 1b
3:	andl $-16, %esp
	subl $12, %esp
	pushl %ebx
	call bh_upcall_exit
	movl %eax, %ebx
	jmp 1b
	.size bh_upcall_entry, . - bh_upcall_entry

	.section .note.GNU-stack, "", @progbits
