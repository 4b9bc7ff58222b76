/*
 * The benchmark's own upcall entry: its first instruction reads the
 * counter, so "interrupt → guest entry" ends exactly at the entry point;
 * and the counter is read again just before the iret hypercall.
 */
#include "../../../libpart/asm.h"   /* LP_HC_IRET, checked against BH_HC_IRET (asm_check.c) */

	.text
	.globl bench_entry
	.balign 16
bench_entry:
	rdtsc                      /* first instruction of the entry point */
	movl %eax, bench_t_entry
	movl %edx, bench_t_entry + 4
	cld
	movl %esp, %esi            /* the frame */
	andl $-16, %esp
	subl $12, %esp
	pushl %esi
	call bench_handler
	movl %esi, %ebx
	rdtsc                      /* last reading before the iret */
	movl %eax, bench_t_iret
	movl %edx, bench_t_iret + 4
	movl $LP_HC_IRET, %eax
	int $LP_HYPERCALL_VECTOR
	ud2

	.section .note.GNU-stack, "", @progbits
