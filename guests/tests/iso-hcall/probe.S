/*
 * int32_t hc_probe(uint32_t nr, uint32_t regs_out[6])
 * Makes hypercall nr with known values in every other register, and
 * stores what ebx ecx edx esi edi ebp hold afterwards: the ABI says a
 * hypercall changes eax only.
 */
#include <bulkhead/hypercall.h>

	.text
	.globl hc_probe
	.type hc_probe, @function
hc_probe:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax
	movl $0x11111111, %ebx
	movl $0x40000000, %ecx      /* a valid pointer, should nr take one */
	movl $0x33333333, %edx
	movl $0x44444444, %esi
	movl $0x55555555, %edi
	movl $0x66666666, %ebp
	int $BH_HYPERCALL_VECTOR
	pushl %eax
	movl 28(%esp), %eax         /* regs_out */
	movl %ebx, 0(%eax)
	movl %ecx, 4(%eax)
	movl %edx, 8(%eax)
	movl %esi, 12(%eax)
	movl %edi, 16(%eax)
	movl %ebp, 20(%eax)
	popl %eax
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size hc_probe, . - hc_probe

/*
 * void bound_fault(void): #BR, index 5 outside [0, 0].  A fault: the
 * eip it reports is the bound instruction itself, so resuming there
 * (hm_action IGNORE) would only raise it again.
 */
	.globl bound_fault
	.type bound_fault, @function
bound_fault:
	movl $5, %eax
	boundl %eax, bound_limits
	ret
	.size bound_fault, . - bound_fault

	.section .rodata
	.balign 4
bound_limits:
	.long 0, 0

	.section .note.GNU-stack, "", @progbits
