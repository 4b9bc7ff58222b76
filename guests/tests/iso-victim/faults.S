/*
 * One routine per fault the victim commits.  The label NAME_at marks the
 * instruction that must fault, so the victim can check the eip the
 * health monitor logged.  None of them should return; if one does, the
 * kernel let a forbidden operation through.
 */
	.text

	.macro fault name
	.globl fault_\name, fault_\name\()_at
	.type fault_\name, @function
fault_\name:
	.endm

	fault divide
	xorl %ecx, %ecx
	movl $1, %eax
	xorl %edx, %edx
fault_divide_at:
	divl %ecx
	ret

	fault ud2
fault_ud2_at:
	ud2
	ret

	fault cli
fault_cli_at:
	cli
	ret

	fault sti
fault_sti_at:
	sti
	ret

	fault hlt
fault_hlt_at:
	hlt
	ret

	fault cr3                   /* point the MMU anywhere we like */
	movl $0x1000, %eax
fault_cr3_at:
	movl %eax, %cr3
	ret

	fault in                    /* uint8_t fault_in(uint16_t port) */
	movl 4(%esp), %edx
fault_in_at:
	inb %dx, %al
	ret

	fault inw                   /* two ports: port and port + 1 */
	movl 4(%esp), %edx
fault_inw_at:
	inw %dx, %ax
	ret

	/* void fault_out(uint16_t port): writes 0x55 — were it to reach the
	 * debug-exit port, QEMU would exit with status 0xab, never success */
	fault out
	movl 4(%esp), %edx
	movl $0x55, %eax
fault_out_at:
	outb %al, %dx
	ret

	/* Software interrupts to vectors whose gates are DPL 0. */
	fault int20
fault_int20_at:
	int $0x20                   /* the timer's vector */
	ret

	fault int21
fault_int21_at:
	int $0x21
	ret

	fault int80
fault_int80_at:
	int $0x80
	ret

	fault int3
fault_int3_at:
	int3
	ret

	fault into
	movl $0x7fffffff, %eax
	addl $1, %eax               /* OF = 1 */
fault_into_at:
	into
	ret

	fault bound                 /* index 5 outside [0, 0]: #BR, a fault */
	movl $5, %eax
fault_bound_at:
	boundl %eax, bound_limits
	ret

	fault read                  /* uint32_t fault_read(uint32_t addr) */
	movl 4(%esp), %edx
fault_read_at:
	movl (%edx), %eax
	ret

	fault write                 /* void fault_write(uint32_t addr) */
	movl 4(%esp), %edx
fault_write_at:
	movl %eax, (%edx)
	ret

	fault call                  /* void fault_call(uint32_t addr) */
	movl 4(%esp), %eax
fault_call_at:
	call *%eax
	ret

	fault stack                 /* push until the guard page */
fault_stack_at:
	pushl %eax
	jmp fault_stack_at

	/*
	 * void fault_upcall(uint32_t sp): run with esp at the bottom of the
	 * stack (the guard page below it) and virtual interrupts enabled, so
	 * the next upcall has nowhere to put its frame.
	 */
	fault upcall
	movl 4(%esp), %esp
	movb $0, 0x3ffff000         /* bh_vcpu->irq_masked = 0 */
fault_upcall_at:
	jmp fault_upcall_at

/*
 * Single-step: set TF, let a few instructions trap (#DB, logged and
 * ignored by configuration), clear it.  The first trap reports the eip
 * after the instruction that follows the popfl.
 */
	.globl single_step, single_step_first
	.type single_step, @function
single_step:
	pushfl
	orl $0x100, (%esp)
	popfl
	nop
single_step_first:
	pushfl
	andl $~0x100, (%esp)
	popfl
	ret

/* FPU helpers: leave values a restart must wipe; save the state. */
	.globl fpu_dirty, fpu_save
fpu_dirty:
	fldpi
	fld1
	pcmpeqb %xmm3, %xmm3
	pushl $0x7f80               /* MXCSR, rounding toward zero */
	ldmxcsr (%esp)
	addl $4, %esp
	ret
fpu_save:
	movl 4(%esp), %eax
	fxsave (%eax)
	ret

	.section .rodata
	.balign 4
bound_limits:
	.long 0, 0

	.section .note.GNU-stack, "", @progbits
