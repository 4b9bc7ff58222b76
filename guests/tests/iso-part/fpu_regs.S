/*
 * x87/SSE register patterns for the FPU isolation test.  The C side of
 * the partition never uses these registers (-mgeneral-regs-only), so once
 * loaded they change only if another partition's state leaks in.
 *
 *   void fpu_load(const struct fpu_pattern *p)
 *       p: u16 fcw, u16 pad, u32 mxcsr, i32 ints[8], u8 xmm[8][16]
 *   void fpu_save(struct fpu_area *a)      (16-byte aligned, 512 bytes)
 */
	.text
	.globl fpu_load
	.type fpu_load, @function
fpu_load:
	movl 4(%esp), %eax
	fninit
	fldcw 0(%eax)
	ldmxcsr 4(%eax)
	fildl 8(%eax)
	fildl 12(%eax)
	fildl 16(%eax)
	fildl 20(%eax)
	fildl 24(%eax)
	fildl 28(%eax)
	fildl 32(%eax)
	fildl 36(%eax)               /* all eight st registers in use */
	movdqu 40(%eax), %xmm0
	movdqu 56(%eax), %xmm1
	movdqu 72(%eax), %xmm2
	movdqu 88(%eax), %xmm3
	movdqu 104(%eax), %xmm4
	movdqu 120(%eax), %xmm5
	movdqu 136(%eax), %xmm6
	movdqu 152(%eax), %xmm7
	ret
	.size fpu_load, . - fpu_load

	.globl fpu_save
	.type fpu_save, @function
fpu_save:
	movl 4(%esp), %eax
	fxsave (%eax)
	ret
	.size fpu_save, . - fpu_save

	.section .note.GNU-stack, "", @progbits
