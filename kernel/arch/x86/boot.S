/*
 * Multiboot v1 entry.  GRUB or QEMU -kernel leaves us in 32-bit protected
 * mode with paging off, eax = magic, ebx = multiboot information.
 */
#define MB_MAGIC  0x1badb002
#define MB_FLAGS  0x00000003   /* modules page-aligned, memory map wanted */

	.section .multiboot, "a"
	.balign 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .text
	.globl _start
_start:
	cli
	cld
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp
	pushl $0                 /* eflags: everything clear */
	popfl
	pushl %ebx               /* cpu_check leaves them alone, but be sure */
	pushl %eax
	call cpu_check           /* stops here on a CPU we cannot run on */
	popl %eax
	popl %ebx
	pushl %ebx
	pushl %eax
	call kmain
1:	cli
	hlt
	jmp 1b

	.section .bss
	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip 16384
boot_stack_top:
