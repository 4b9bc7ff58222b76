/*
 * Resuming and saving contexts as struct bh_upcall_frame in ring 3, for
 * context switches outside an upcall (see libpart.h).
 */
#include "asm.h"

#define MASKED   (LP_VCPU_PAGE + LP_VCPU_IRQ_MASKED)
#define PENDING  (LP_VCPU_PAGE + LP_VCPU_PENDING)

	.text

/*
 * void bh_frame_resume(const struct bh_upcall_frame *frame)
 *
 * Builds a restore block in the 40 bytes below frame->esp,
 *     edi esi ebp (unused) ebx edx ecx eax eflags eip
 * switches to it, and pops it (popal; popfl; ret).  Virtual interrupts stay
 * off while the block is built; the frame is first copied aside because a
 * kernel-built frame lies right where the block goes.  Once esp points at
 * the block, everything still needed is above esp, so interrupts may be
 * enabled (and a pending one taken) before the pops: an upcall there
 * pushes its frame below, and a task switch in it simply saves this
 * half-finished resume, which completes when it is resumed in turn.
 */
	.globl bh_frame_resume
	.type bh_frame_resume, @function
	.balign 16
bh_frame_resume:
	movl 4(%esp), %esi
	movb $1, MASKED
	movl $frame_copy, %edi
	movl $(LP_F_SIZE / 4), %ecx
	cld
	rep movsl

	movl frame_copy + LP_F_ESP, %edx
	subl $40, %edx
	movl frame_copy + LP_F_EDI, %eax
	movl %eax, 0(%edx)
	movl frame_copy + LP_F_ESI, %eax
	movl %eax, 4(%edx)
	movl frame_copy + LP_F_EBP, %eax
	movl %eax, 8(%edx)
	movl frame_copy + LP_F_EBX, %eax
	movl %eax, 16(%edx)
	movl frame_copy + LP_F_EDX, %eax
	movl %eax, 20(%edx)
	movl frame_copy + LP_F_ECX, %eax
	movl %eax, 24(%edx)
	movl frame_copy + LP_F_EAX, %eax
	movl %eax, 28(%edx)
	movl frame_copy + LP_F_EFLAGS, %ebx
	movl %ebx, %eax
	andl $LP_EFLAGS_USER, %eax     /* never TF, AC, NT from a frame */
	movl %eax, 32(%edx)
	movl frame_copy + LP_F_EIP, %eax
	movl %eax, 36(%edx)

	movl %edx, %esp
	testl $LP_EFLAGS_IF, %ebx
	jz 1f
	movb $0, MASKED
	cmpb $0, PENDING               /* arrived while we were masked? */
	je 1f
	movl $LP_HC_VIRQ_SYNC, %eax
	int $LP_HYPERCALL_VECTOR
1:	popal
	popfl
	ret
	.size bh_frame_resume, . - bh_frame_resume

/*
 * void bh_frame_switch(struct bh_upcall_frame **save,
 *                      const struct bh_upcall_frame *next)
 *
 * Pushes a frame that resumes at 2: below with esp pointing at our return
 * address, records it in *save, and resumes next.  eflags.IF in the saved
 * frame is the current virtual level, so the saver gets its level back.
 */
	.globl bh_frame_switch
	.type bh_frame_switch, @function
	.balign 16
bh_frame_switch:
	movl 4(%esp), %ecx
	movl 8(%esp), %edx
	movl %esp, %eax
	pushl $0                       /* ss: never taken from a frame */
	pushl %eax                     /* esp */
	pushfl                         /* eflags */
	pushl $0                       /* cs: never taken from a frame */
	pushl $2f                      /* eip */
	pushl $0                       /* line */
	pushl $0                       /* eax, ecx, edx: caller-saved */
	pushl $0
	pushl $0
	pushl %ebx
	pushl %ebp
	pushl %esi
	pushl %edi
	orl $LP_EFLAGS_IF, LP_F_EFLAGS(%esp)
	cmpb $0, MASKED
	je 1f
	andl $~LP_EFLAGS_IF, LP_F_EFLAGS(%esp)
1:	movl %esp, (%ecx)
	pushl %edx
	call bh_frame_resume           /* does not return */
2:	ret
	.size bh_frame_switch, . - bh_frame_switch

	.bss
	.balign 4
frame_copy:
	.space LP_F_SIZE

	.section .note.GNU-stack, "", @progbits
