/*
 * The errors hm-deliver commits, each at a known instruction: the
 * labels let the test compare the eip the kernel reports (the faulting
 * instruction, or the one after a hypercall) with the real one.
 */
#include <bulkhead/hypercall.h>

	.text
	.globl hmd_page_fault, hmd_pf_insn, hmd_pf_after
	.type hmd_page_fault, @function
/* uint32_t hmd_page_fault(uint32_t addr): reads addr. */
hmd_page_fault:
	movl 4(%esp), %eax
hmd_pf_insn:
	movl (%eax), %eax
hmd_pf_after:
	ret
	.size hmd_page_fault, . - hmd_page_fault

	.globl hmd_divide, hmd_div_insn, hmd_div_after
	.type hmd_divide, @function
/* uint32_t hmd_divide(uint32_t divisor): 1 / divisor. */
hmd_divide:
	movl 4(%esp), %ecx
	movl $1, %eax
	xorl %edx, %edx
hmd_div_insn:
	divl %ecx
hmd_div_after:
	ret
	.size hmd_divide, . - hmd_divide

	.globl hmd_app_error, hmd_app_after
	.type hmd_app_error, @function
/* int hmd_app_error(code, msg, len): BH_HC_RAISE_APP_ERROR, inline. */
hmd_app_error:
	pushl %ebx
	movl 8(%esp), %ebx
	movl 12(%esp), %ecx
	movl 16(%esp), %edx
	movl $29, %eax                  /* BH_HC_RAISE_APP_ERROR (main.c checks) */
	int $BH_HYPERCALL_VECTOR
hmd_app_after:
	popl %ebx
	ret
	.size hmd_app_error, . - hmd_app_error

	.section .note.GNU-stack, "", @progbits
