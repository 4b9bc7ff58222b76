/*
 * Upcall entry.  The kernel arrives here with esp = the bh_upcall_frame it
 * pushed, eax = the line, virtual interrupts disabled.  We run the C
 * dispatcher, which returns the frame to resume (the same one, or another
 * context's when an RTOS switches tasks), and give it to BH_HC_IRET.
 * The frame holds every register of the interrupted context, so nothing
 * needs saving here.
 */
#include "asm.h"

	.text
	.globl bh_upcall_entry
	.type bh_upcall_entry, @function
	.balign 16
bh_upcall_entry:
	cld                       /* the C ABI wants DF clear; the frame keeps the old one */
	movl %esp, %ecx           /* the frame */
	andl $-16, %esp           /* SysV i386: 16-byte aligned at the call */
	subl $12, %esp
	pushl %ecx
	call bh_upcall_dispatch
	movl %eax, %ebx
	movl $LP_HC_IRET, %eax
	int $LP_HYPERCALL_VECTOR
	/* Only a refused frame returns here (eax = -BH_E*). */
	andl $-16, %esp
	subl $12, %esp
	pushl %eax
	call bh_upcall_iret_failed
1:	jmp 1b
	.size bh_upcall_entry, . - bh_upcall_entry

	.section .note.GNU-stack, "", @progbits
