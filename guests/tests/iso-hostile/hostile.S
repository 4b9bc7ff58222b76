/*
 * What a hostile partition tries against the x86 entry path, one routine
 * per attempt (guests/tests/iso-hostile/main.c).  The label NAME_at marks the
 * instruction that must fault.  None may return: if one does, the
 * processor let the partition do it.
 */
	.text

	.macro step name
	.globl step_\name, step_\name\()_at
	.type step_\name, @function
step_\name:
	.endm

	/* A ring-3 iret into virtual-8086 mode (QEMU's TCG takes it; a real
	 * CPU ignores VM at CPL 3): eip, cs, eflags, then esp, ss, es, ds,
	 * fs, gs.  The first fetch at cs * 16 + ip lands in the kernel's
	 * supervisor-only identity map; whatever comes first, the kernel
	 * must end the excursion in the health monitor.  On a CPU that
	 * ignores VM (Bochs) the iret itself faults on cs 0, or returns to
	 * cs:ip in protected mode and faults there. */
	.macro v86_iret name, cs, ip, flags
	pushl $0
	pushl $0
	pushl $0
	pushl $0
	pushl $0
	pushl $0x0800
	pushl $\flags
	pushl $\cs
	pushl $\ip
step_\name\()_at:
	iret
	.endm

	step v86                    /* VM | IF */
	v86_iret v86, 0, 0x1234, 0x20202

	step v86_ucs                /* with the user code selector as cs */
	v86_iret v86_ucs, 0x1b, 0x2000, 0x20202

	step v86_iopl               /* VM | IOPL 3 | IF: cli would be allowed */
	v86_iret v86_iopl, 0, 0x3456, 0x23202

	step v86_tf                 /* VM | TF | IF */
	v86_iret v86_tf, 0, 0x4566, 0x20302

	step v86_nt                 /* VM | NT | IOPL 3, interrupts off */
	v86_iret v86_nt, 0, 0x5678, 0x27002

	/* NT set, then iret: a "return" to the task in the TSS back link. */
	step nt
	pushfl
	orl $0x4000, (%esp)
	popfl
step_nt_at:
	iret

	/* An iret whose image asks for IOPL 3: ignored at CPL 3, so cli
	 * must still fault. */
	step iopl
	pushl $0x3202
	pushl $0x1b
	pushl $step_iopl_at
	iret
step_iopl_at:
	cli
	ret

	/* LDT selectors: the LDT is null, so each load is a #GP. */
	step ldt_ds
	movl $0x0007, %eax
step_ldt_ds_at:
	movw %ax, %ds
	ret

	step ldt_high
	movl $0xfff7, %eax
step_ldt_high_at:
	movw %ax, %fs
	ret

	step ldt_lcall              /* a call gate, if the old LDT had one */
step_ldt_lcall_at:
	lcall $0x000f, $0
	ret

	step ldt_ljmp
step_ldt_ljmp_at:
	ljmp $0x0087, $0
	ret

	/* Task gates and reserved vectors are DPL 0 like the rest. */
	step int2
step_int2_at:
	int $2
	ret

	step int8
step_int8_at:
	int $8
	ret

	step int18
step_int18_at:
	int $18
	ret

	step int31
step_int31_at:
	int $31
	ret

	/* Fast system calls stay unarmed: the IDT is the only way in. */
	step sysenter
	movl %esp, %ecx
	movl $1f, %edx
step_sysenter_at:
	sysenter
1:	ret

	step syscall
step_syscall_at:
	syscall
	ret

	/* With CR4.UMIP these show nothing to ring 3. */
	step sgdt
step_sgdt_at:
	sgdt scratch
	ret

	step sidt
step_sidt_at:
	sidt scratch
	ret

	step sldt
step_sldt_at:
	sldt %ax
	ret

	step smsw
step_smsw_at:
	smsw %ax
	ret

	step str
step_str_at:
	str %ax
	ret

	.bss
scratch:
	.skip 8

	.section .note.GNU-stack, "", @progbits
