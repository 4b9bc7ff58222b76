/*
 * Where a forged upcall frame resumes (see main.c).  Everything the frame
 * could have changed is captured before any of it is touched: the general
 * registers, esp, eflags (pushfl shows the real IOPL, NT, VM and IF) and
 * the code and stack selectors.  Then C checks them, on the same stack.
 */
	.text
	.globl hostile_landing
	.type hostile_landing, @function
hostile_landing:
	pushfl
	popl landed + 32
	movl %eax, landed + 0
	movl %ebx, landed + 4
	movl %ecx, landed + 8
	movl %edx, landed + 12
	movl %esi, landed + 16
	movl %edi, landed + 20
	movl %ebp, landed + 24
	movl %esp, landed + 28
	movw %cs, %ax
	movzwl %ax, %eax
	movl %eax, landed + 36
	movw %ss, %ax
	movzwl %ax, %eax
	movl %eax, landed + 40
	cld
	andl $-16, %esp
	call hostile_landed
1:	jmp 1b
	.size hostile_landing, . - hostile_landing

	.section .note.GNU-stack, "", @progbits
