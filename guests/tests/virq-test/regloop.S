/*
 * int virq_regloop(uint32_t max_iterations)
 *
 * A loop for virtual interrupts to land in.  Every general register holds
 * a known value (ecx counts down, edx mirrors it), DF is set, and twice per
 * iteration the arithmetic flags are set to a known pattern and checked
 * only after a run of nops, so an upcall that lands there and returns with
 * a flag or register changed is caught.  Runs until virq_loop_stop is
 * non-zero (a handler sets it); returns 0, or the failed check:
 *   1 eax  2 flags after 0x80000000 + 0x80000000  3 flags after 1 - 2
 *   4 ebx  5 esi  6 edi  7 ebp  8 ecx/edx  9 ran max_iterations times
 */
#define K_EAX  0xa5a5a5a5
#define K_EBX  0x0b0b1b1b
#define K_ESI  0x51515151
#define K_EDI  0xd1d1e1e1
#define K_EBP  0xb0bb0bb0
#define K_ECX  0x3c3c3c3c        /* edx = ecx ^ K_ECX */
/* CF PF AF ZF SF DF OF */
#define FLAGS_MASK   0xcd5
#define FLAGS_ADD    0xc45       /* CF PF ZF DF OF: 0 with carry and overflow */
#define FLAGS_SUB    0x495       /* CF PF AF SF DF: -1 with borrow */

	.text
	.globl virq_regloop
	.type virq_regloop, @function
virq_regloop:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %ecx
	movl $K_EBX, %ebx
	movl $K_ESI, %esi
	movl $K_EDI, %edi
	movl $K_EBP, %ebp
	movl %ecx, %edx
	xorl $K_ECX, %edx
	std
	.globl virq_regloop_body
virq_regloop_body:
1:	movl $K_EAX, %eax
	.rept 16
	nop
	.endr
	cmpl $K_EAX, %eax
	jne 11f
	movl $0x80000000, %eax
	addl %eax, %eax
	.rept 32
	nop
	.endr
	pushfl
	popl %eax
	andl $FLAGS_MASK, %eax
	cmpl $FLAGS_ADD, %eax
	jne 12f
	movl $1, %eax
	subl $2, %eax
	.rept 32
	nop
	.endr
	pushfl
	popl %eax
	andl $FLAGS_MASK, %eax
	cmpl $FLAGS_SUB, %eax
	jne 13f
	cmpl $K_EBX, %ebx
	jne 14f
	cmpl $K_ESI, %esi
	jne 15f
	cmpl $K_EDI, %edi
	jne 16f
	cmpl $K_EBP, %ebp
	jne 17f
	movl %ecx, %eax
	xorl $K_ECX, %eax
	cmpl %eax, %edx
	jne 18f
	decl %ecx
	jz 19f
	movl %ecx, %edx
	xorl $K_ECX, %edx
	cmpl $0, virq_loop_stop
	je 1b
	.globl virq_regloop_end
virq_regloop_end:
	xorl %eax, %eax
	jmp 2f
11:	movl $1, %eax
	jmp 2f
12:	movl $2, %eax
	jmp 2f
13:	movl $3, %eax
	jmp 2f
14:	movl $4, %eax
	jmp 2f
15:	movl $5, %eax
	jmp 2f
16:	movl $6, %eax
	jmp 2f
17:	movl $7, %eax
	jmp 2f
18:	movl $8, %eax
	jmp 2f
19:	movl $9, %eax
2:	cld
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size virq_regloop, . - virq_regloop

	.data
	.globl virq_loop_stop
	.balign 4
virq_loop_stop:
	.long 0

	.section .note.GNU-stack, "", @progbits
