/*
 * Partition entry.  The kernel starts us in ring 3 at the ELF entry with
 * esp = top of our memory, eax = partition id, virtual interrupts disabled.
 */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	movl %eax, bh_partition_id    /* in .data: the zeroing keeps it */
	/*
	 * Zero .bss ourselves: a cold start's loader already did, but an entry
	 * by any other path (a warm start) must not see stale state either,
	 * and it costs microseconds.
	 */
	cld
	movl $_bss_start, %edi
	movl $_bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb
	andl $-16, %esp           /* SysV i386: 16-byte aligned at each call */
	xorl %ebp, %ebp           /* end of frame chain for debuggers */
	call bh_libpart_init
	call main
	subl $12, %esp            /* keep the alignment for the call */
	pushl %eax
	call bh_libpart_exit      /* does not return */
1:	jmp 1b
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
