/*
 * The application processors' first instructions.  smp.c copies this
 * blob to TRAMP_PA (below 1 MiB: a start-up IPI names a real-mode page)
 * and fills its parameters; an AP starts at TRAMP_PA in real mode, loads
 * the blob's own flat GDT, enters protected mode with caching on (INIT
 * leaves CD and NW set), turns on the kernel's paging (4 MiB and global
 * pages, the kernel page directory, write protection) and jumps to the
 * kernel's AP entry on its own stack, its struct cpu as the argument.
 * Addresses inside the blob are computed for where it runs (AT), not
 * where it was linked.
 */
#include "arch/smp.h"

#define AT(x) ((x) - tramp_start + TRAMP_PA)

	.section .rodata
	.balign 16
	.globl tramp_start
	.code16
tramp_start:
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	lgdtl AT(tramp_gdtr)
	movl %cr0, %eax
	andl $0x9fffffff, %eax          /* CD, NW off */
	orl $1, %eax                    /* PE */
	movl %eax, %cr0
	ljmpl $0x08, $AT(tramp_32)

	.code32
tramp_32:
	movl $0x10, %eax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movl %cr4, %eax
	orl $0x90, %eax                 /* PSE, PGE */
	movl %eax, %cr4
	movl AT(tramp_cr3), %eax
	movl %eax, %cr3
	movl %cr0, %eax
	orl $0x80010000, %eax           /* PG, WP */
	movl %eax, %cr0
	movl AT(tramp_esp), %esp
	pushl AT(tramp_arg)
	pushl $0                        /* no return */
	jmp *AT(tramp_entry)

	.balign 8
tramp_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff        /* flat code, the kernel's 0x08 */
	.quad 0x00cf92000000ffff        /* flat data, the kernel's 0x10 */
tramp_gdtr:
	.word 23
	.long AT(tramp_gdt)
	.balign 4
tramp_params:                       /* struct tramp_params (smp.c) */
tramp_cr3:   .long 0
tramp_esp:   .long 0
tramp_arg:   .long 0
tramp_entry: .long 0
tramp_end:
	.code32

/* What smp.c needs of the blob, as numbers: its length and where its
 * parameters sit in it (not copied). */
	.globl tramp_size, tramp_params_off
	.balign 4
tramp_size:       .long tramp_end - tramp_start
tramp_params_off: .long tramp_params - tramp_start
