/*
 * The common kernel entry: every interrupt, exception and hypercall comes
 * here from its stub with the vector and an error code pushed.  It completes
 * the trap frame (struct trap_frame), switches to kernel data segments and
 * calls trap() (trap_v86() from virtual-8086 mode); trapret unwinds the
 * same frame.
 */
#include "arch/seg.h"
#include "asm-offsets.h"

#define CPU(field) (TF_##field - TF_VECTOR)   /* from the stub's vector */
#define SAVED    8          /* from_v86: eax and ecx pushed while moving */
#define V86_SEGS 16         /* es, ds, fs, gs: what the CPU adds from V86 mode */

/* The clock as time_now reads it, in two steps the fast cases share:
 * edx:eax = the TSC less the time base's anchor (ecx: the anchor), to
 * \slow if that is 2^32 cycles or more (C then takes it); then that
 * count to ns by the base's 4.28 scale, plus the anchor's ns. */
.macro CYCLES_SINCE_BASE slow
	rdtsc
	movl timebase + TB_NOW, %ecx
	subl A_CYC(%ecx), %eax
	sbbl A_CYC+4(%ecx), %edx
	jnz \slow
.endm

.macro CYCLES_TO_NS
	mull timebase + TB_Q28
	shrdl $28, %edx, %eax
	shrl $28, %edx
	addl A_NS(%ecx), %eax
	adcl A_NS+4(%ecx), %edx
.endm

	/* Complete the frame and call handler(frame); handlers are
	 * regparm(1) (ENTRY_FN in arch/trap.h): the frame goes in eax. */
	/* The rest of the trap frame, and the kernel's data segments (eax
	 * clobbered). */
	.macro save_frame
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	/* The C ABI wants DF clear, and a guest may enter with it set: left
	 * alone, every string copy in the kernel would run backwards. */
	cld
	movl $SEG_KDATA, %eax
	movl %eax, %ds
	movl %eax, %es
	.endm

	.macro save_frame_and_call handler
	save_frame
	movl %esp, %eax
	call \handler
	.endm

	/*
	 * Where an upcall frame goes for partition esi, returning to the
	 * ring-3 frame at esp (upcall_frame_place): below its upcall stack
	 * if it has one and no upcall is in progress, else below the
	 * interrupted esp; 16-byte aligned, in one of the two precomputed
	 * spans (user_frame_spans).  eax: the place; ebp clobbered; to
	 * \fail if there is none (the C path raises the partition's fault).
	 */
	.macro frame_place fail
	movl TF_ESP(%esp), %eax
	cmpl $0, P_DEPTH(%esi)
	jne 1f
	cmpl $0, P_UPCALL_STACK(%esi)
	je 1f
	movl P_UPCALL_STACK(%esi), %eax
1:	subl $UF_SIZE, %eax
	jc \fail                          /* would wrap below 0 */
	andl $~15, %eax
	movl %eax, %ebp
	subl P_FRAME0_LO(%esi), %ebp
	cmpl P_FRAME0_N(%esi), %ebp
	jb 2f                              /* on the initial stack */
	movl %eax, %ebp
	subl P_FRAME1_LO(%esi), %ebp
	cmpl P_FRAME1_N(%esi), %ebp
	jae \fail                         /* nowhere */
2:
	.endm

	.text
	.globl alltraps
alltraps:
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame_and_call trap

	jmp trapret

/*
 * The timer's line (vector 0x20): the same frame, then trap_tick, then
 * the exit path (vcpu_exit_to_user) here: a ring-3 frame, a line pending,
 * virtual interrupts on, an entry point — and, for the frame pushed from
 * here, a place for it and the trace's VIRQ class off; a frame with no
 * place, or traced, goes to trap_hcall_exit (vcpu_deliver in C).  Only
 * where one CPU runs (current is then pcpus[0].cur, the word at pcpus);
 * with several, trap_hcall_exit finds this CPU's partition.
 *
 * Before trap_tick, the virtual timer's common case is done here, with
 * no C frame: what trap_tick -> irq_tick -> timer_event ->
 * vtimer_own_tick (kernel/core/vtimer.c) -> console_tick, time_arm and
 * arch_timer_arm do when the running partition's own periodic wall
 * timer is due and nothing else is.  Its conditions, all tested before
 * anything changes: from ring 3, one CPU, not armed for the cut (first:
 * a window's end pays little for this case), the local APIC's one-shot
 * timer, timer_event the line's handler, the running partition's timer
 * the only wall timer armed, on the wall clock, the partition runnable,
 * the clock base under 2^31 cycles old (time_event_now's fast case), now
 * before the cut, at or after the instant armed for (not early), the
 * timer due, and its next period after now without wrapping.  Anything
 * else is trap_tick's, which makes the same choices in C.  Then the same
 * changes (the EOI first, as trap_tick; with interrupts off on one CPU
 * their order is not seen by anyone): the line's count, the tick count,
 * the timer's next period and the earliest wall deadline, the vCPU's
 * clocks, BH_VIRQ_TIMER raised, the console's check (memory only unless
 * the transmitter is on: then console_tick), the timer armed for the
 * next period or the cut, whichever is first (time_arm with a fresh
 * clock, arch_timer_arm's rounding); an NMI that came meanwhile takes
 * trap_tick_nmi (nmi_poll and the C exit path).
 * ebx:ebp: now, then the instant armed for; esi: the partition;
 * edi: its shared page; ecx:edx: the next period.
 */
	.globl ticktraps
ticktraps:
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame
	testl $3, TF_CS(%esp)
	jz 17f                             /* the kernel's (idle) */
	cmpl $0, smp_multi
	jne 16f                            /* several CPUs */
	/* Armed for the cut (a window's end): first, so that a switch
	 * pays 3 instructions for this case.  The low words only: equal
	 * ones that are not the same instant merely take trap_tick. */
	movl pcpus + PC_TIMER_NEXT, %eax
	cmpl pcpus + PC_CUT, %eax
	je 20f
	cmpl $0, lapic_timer_on
	je 8f                              /* the 8254 */
	cmpl $0, pcpus + PC_TIMER_ONESHOT
	je 8f
	cmpl $timer_event, irq_lines + (IRQ_TIMER << IRQ_LINE_SHIFT) + IL_HANDLER
	jne 8f
	movl pcpus, %esi                   /* current: pcpus[0].cur */
	testl %esi, %esi
	jz 8f
	movl P_ID(%esi), %ecx
	xorl %eax, %eax
	btsl %ecx, %eax
	cmpl pcpus + PC_WALL_ARMED, %eax
	jne 8f                             /* another wall timer may be due */
	cmpl $CLOCK_WALL, P_T_CLOCK(%esi)
	jne 8f
	cmpl $PART_RUNNABLE, P_STATE(%esi)
	jne 8f
	CYCLES_SINCE_BASE 8f               /* now: time_event_now's fast case */
	testl %eax, %eax                   /* (2^31 or more, or a base that */
	js 8f                              /* moved: C rebases it) */
	CYCLES_TO_NS
	movl %eax, %ebx
	movl %edx, %ebp
	cmpl pcpus + PC_CUT, %ebx
	sbbl pcpus + PC_CUT+4, %edx
	jnc 8f                             /* the window's cut: the switch */
	movl %ebp, %edx
	cmpl pcpus + PC_TIMER_NEXT, %ebx
	sbbl pcpus + PC_TIMER_NEXT+4, %edx
	jc 8f                              /* early: armed again in C */
	movl P_T_DEADLINE(%esi), %ecx
	movl P_T_DEADLINE+4(%esi), %edx
	movl %ecx, %eax
	orl %edx, %eax
	jz 8f                              /* disarmed */
	movl %ebp, %eax
	cmpl %ecx, %ebx
	sbbl %edx, %eax
	jc 8f                              /* not due */
	addl P_T_PERIOD(%esi), %ecx
	adcl P_T_PERIOD+4(%esi), %edx
	jc 8f                              /* the next period wraps */
	movl %ebp, %eax
	cmpl %ecx, %ebx
	sbbl %edx, %eax
	jnc 8f                             /* not after now (or one-shot): missed periods */
	/* committed */
	movl $0, LAPIC_EOI_REG /* timer_eoi */
	incl irq_lines + (IRQ_TIMER << IRQ_LINE_SHIFT) + IL_RAISED
	addl $1, timebase + TB_TICKS
	adcl $0, timebase + TB_TICKS+4
	movl %ecx, P_T_DEADLINE(%esi)
	movl %edx, P_T_DEADLINE+4(%esi)
	movl %ecx, pcpus + PC_NEXT_WALL
	movl %edx, pcpus + PC_NEXT_WALL+4
	movl P_SHARED(%esi), %edi          /* vcpu_tick */
	movl %ebx, S_WALL_NS(%edi)
	movl %ebp, S_WALL_NS+4(%edi)
	movl %ebx, %eax
	movl %ebp, %edx
	subl P_RAN_SINCE(%esi), %eax
	sbbl P_RAN_SINCE+4(%esi), %edx
	jnc 1f
	xorl %eax, %eax                    /* before ran_since: exec_ns alone */
	xorl %edx, %edx
1:	addl P_EXEC_NS(%esi), %eax
	adcl P_EXEC_NS+4(%esi), %edx
	movl %eax, S_EXEC_NS(%edi)
	movl %edx, S_EXEC_NS+4(%edi)
	incl S_RAISED + 4 * VIRQ_TIMER(%edi)   /* vlines_raise */
	testl $(1 << VIRQ_TIMER), P_ATTACHED(%esi)
	jz 1f
	movl P_PENDING(%esi), %eax
	orl $(1 << VIRQ_TIMER), %eax
	movl %eax, P_PENDING(%esi)
	movl %eax, S_PENDING(%edi)
	movb $1, S_UPCALL_PENDING(%edi)
1:	cmpl $0, console_async             /* console_tick */
	je 11f
	cmpl $0, console_tx_on
	jne 13f                            /* it may raise the UART's line: C */
	movl console_sent, %eax
	movl %eax, console_sent_at_tick
11:	movl pcpus + PC_NEXT_WALL, %ebx    /* time_arm: the next period or the cut */
	movl pcpus + PC_NEXT_WALL+4, %ebp
	movl %ebp, %eax
	cmpl pcpus + PC_CUT, %ebx
	sbbl pcpus + PC_CUT+4, %eax
	jc 1f
	movl pcpus + PC_CUT, %ebx
	movl pcpus + PC_CUT+4, %ebp
1:	movl %ebx, pcpus + PC_TIMER_NEXT
	movl %ebp, pcpus + PC_TIMER_NEXT+4
	CYCLES_SINCE_BASE 14f              /* time_now_ns */
	CYCLES_TO_NS
15:	subl %eax, %ebx                    /* the distance: one word below 2^32 */
	sbbl %edx, %ebp
	jc 6f                              /* past: at once */
	jnz 7f                             /* as far as the timer reaches */
	cmpl $TIME_MAX_ARM_NS, %ebx
	jbe 1f
7:	movl $TIME_MAX_ARM_NS, %ebx
	jmp 1f
6:	xorl %ebx, %ebx
1:	movl %ebx, %eax                    /* arch_timer_arm: rounded up, at least 1 */
	mull lapic_counts_per_ns_q32
	addl $0xffffffff, %eax
	adcl $0, %edx
	movl %edx, %ecx
	movl %ebx, %eax
	mull lapic_counts_per_ns_q32+4
	addl %ecx, %eax
	adcl $0, %edx
	jz 1f
	movl $0xffffffff, %eax             /* past the 32-bit count */
1:	testl %eax, %eax
	jnz 1f
	incl %eax
1:	movl %eax, LAPIC_TIMER_INIT_REG
	movl nmi_count, %eax
	cmpl nmi_reported, %eax
	jne 12f
	movl P_PENDING(%esi), %edx
	testl %edx, %edx
	jz trapret                         /* the line detached */
	jmp 10f                            /* the exit path, esi and edi loaded */
12:	movl %esp, %eax
	call trap_tick_nmi
	jmp trapret
13:	call console_tick
	jmp 11b
14:	pushl %edx                         /* time_now_slow(a, d) */
	pushl %eax
	pushl %ecx
	call time_now_slow
	addl $12, %esp
	jmp 15b

	/* Armed for the cut, from ring 3 on one CPU: a window's end.  With
	 * one_pass_off clear (sched.h: among its refusals, the local APIC's
	 * timer and timer_event the line's handler, arch_tick_one_pass),
	 * what trap_tick and irq_tick do before timer_event (the EOI, the
	 * line's count), then timer_event's own first case without its
	 * frame: now (time_event_now's fast case, else all of it in C) to
	 * sched_window_end_one, which either does the window's end whole or
	 * declines having changed nothing; then timer_event itself, as
	 * irq_tick calls it.  An NMI meanwhile: trap_tick's poll. */
20:	cmpl $0, one_pass_off
	jne 8f                             /* refused, or the 8254 */
	CYCLES_SINCE_BASE 8f               /* now: time_event_now's fast case */
	testl %eax, %eax                   /* (2^31 or more, or a base that */
	js 8f                              /* moved: C rebases it) */
	CYCLES_TO_NS
	movl $0, LAPIC_EOI_REG             /* timer_eoi */
	incl irq_lines + (IRQ_TIMER << IRQ_LINE_SHIFT) + IL_RAISED
	call sched_window_end_one          /* (now: edx:eax) */
	testl %eax, %eax
	jz 21f
22:	movl nmi_count, %eax
	cmpl nmi_reported, %eax
	jne 12b
	movl pcpus, %esi                   /* 18's, here: one jump fewer */
	movl P_PENDING(%esi), %edx
	testl %edx, %edx
	jz trapret
	movl P_SHARED(%esi), %edi
	jmp 10f
21:	pushl irq_lines + (IRQ_TIMER << IRQ_LINE_SHIFT) + IL_ARG
	pushl $IRQ_TIMER
	call timer_event                   /* declined: the general path */
	addl $8, %esp
	jmp 22b

	/* Not this case: trap_tick, from ring 3 on one CPU (the tests
	 * above hold: a frame's cs does not change, nor does smp_multi
	 * once partitions run). */
8:	movl %esp, %eax
	call trap_tick
18:	movl pcpus, %esi                   /* current: cpu 0's, pcpus[0].cur */
	movl P_PENDING(%esi), %edx
	testl %edx, %edx
	jz trapret
	movl P_SHARED(%esi), %edi
10:	cmpb $0, S_IRQ_MASKED(%edi)
	jne trapret
	cmpl $0, P_ENTRY(%esi)
	je trapret
#if TRACE_VIRQ_CLASS
	testl $TRACE_VIRQ_CLASS, trace_mask
	jnz 9f
#endif
	frame_place 9f
	jmp upcall_push
9:	movl %esp, %eax
	call trap_hcall_exit
	jmp trapret
16:	movl %esp, %eax                    /* several CPUs: C finds this one's */
	call trap_tick
	jmp 9b
17:	movl %esp, %eax                    /* the kernel's (idle) */
	call trap_tick
	jmp trapret

/* The hardware lines' entry (vectors 0x20..0x2f): the same frame, then
 * trap_irq, which skips trap()'s classification of the vector. */
	.globl irqtraps
irqtraps:
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	save_frame
	/*
	 * The common case, what trap_irq -> irq_dispatch -> vcpu_deliver do
	 * for it without their C frames: a line from ring 3 with one
	 * subscriber, no kernel handler, not 7 or 15 (the 8259's spurious
	 * rule reads the in-service register: C), the subscriber running,
	 * the line attached, virtual interrupts on, an entry point, and a
	 * frame that fits by upcall_frame_place's rule; no NMI to report and
	 * the trace's IRQ and VIRQ classes off; one CPU running (current is
	 * pcpus[0].cur; with several, the line may be another CPU's
	 * partition's: vcpu_raise posts it) and the 8259 in charge (not the
	 * I/O APIC, whose mask and EOI are ioapic.c's).  Everything is checked
	 * before anything changes; anything else goes to trap_irq, which
	 * makes the same choices in C.  Then the same changes: the upcall
	 * frame of the lowest pending line, the vCPU's bookkeeping, the
	 * line's counters, and its mask and EOI (vcpu_deliver, route,
	 * irq_arch_mask_eoi).
	 * eax: frame address, ebx: the line's irq_line, ecx: line,
	 * edx: subscribers then pending, esi: partition, edi: shared page.
	 */
	movl TF_VECTOR(%esp), %ecx
	subl $T_IRQ0, %ecx
	movl %ecx, %ebx
	shll $IRQ_LINE_SHIFT, %ebx
	addl $irq_lines, %ebx
	cmpl $0, IL_HANDLER(%ebx)
	jne 9f                             /* the kernel's (first: the UART) */
	movl IL_SUBSCRIBERS(%ebx), %edx
	bsfl %edx, %esi
	jz 9f                              /* nobody's */
	leal -1(%edx), %eax
	testl %eax, %edx
	jnz 9f                             /* two or more subscribers */
	testl $3, TF_CS(%esp)
	jz 9f                              /* from the kernel (idle) */
	cmpl $0, smp_multi
	jne 9f                             /* several CPUs */
	cmpl $0, ioapic_on
	jne 9f                             /* the I/O APIC's lines */
	cmpl $7, %ecx
	je 9f
	cmpl $15, %ecx
	je 9f
#if TRACE_ROUTE_CLASSES
	testl $TRACE_ROUTE_CLASSES, trace_mask
	jnz 9f                             /* traced: the C path records it */
#endif
	movl nmi_count, %eax
	cmpl nmi_reported, %eax
	jne 9f
	imull $PART_SIZE, %esi, %esi
	addl $partitions, %esi
	cmpl pcpus, %esi                   /* current: pcpus[0].cur */
	jne 9f                             /* not the running partition */
	cmpl $0, P_ENTRY(%esi)
	je 9f
	movl P_SHARED(%esi), %edi
	cmpb $0, S_IRQ_MASKED(%edi)
	jne 9f
	btl %ecx, P_ATTACHED(%esi)
	jnc 9f
	frame_place 9f
	incl IL_RAISED(%ebx)               /* committed: route() */
	movl %edx, IL_AWAITING_ACK(%ebx)
	incl IL_ROUTED(%ebx)
	movl %eax, %ebx                    /* the frame's place, across the EOI */
	movzwl pic_mask, %edx              /* irq_arch_mask_eoi */
	btsl %ecx, %edx
	movw %dx, pic_mask
	movl %edx, %eax
	cmpl $8, %ecx
	jae 3f
	outb %al, $0x21
	jmp 4f
3:	movb %ah, %al
	outb %al, $0xa1
	movb $0x20, %al
	outb %al, $0xa0                    /* EOI_BOTH */
4:	movb $0x20, %al
	outb %al, $0x20
	incl S_RAISED(%edi,%ecx,4)         /* vcpu_raise */
	movl P_PENDING(%esi), %edx
	btsl %ecx, %edx
	movl %ebx, %eax
	jmp upcall_push
9:	movl %esp, %eax
	call trap_irq
	jmp trapret

/*
 * vcpu_deliver's work from assembly, for a place frame_place found: the
 * lowest line of the pending word edx delivered to partition esi (shared
 * page edi) with its frame at eax — the pending word and its copy, the
 * delivered count, the depth, virtual interrupts off, the 13 words
 * (vcpu_arch_upcall) and the frame's entry point, stack and line.
 */
upcall_push:
	bsfl %edx, %ebp                    /* the lowest line */
	leal -1(%edx), %ebx
	andl %ebx, %edx
	movl %edx, P_PENDING(%esi)
	movl %edx, S_PENDING(%edi)
	setnz S_UPCALL_PENDING(%edi)
	incl S_DELIVERED(%edi,%ebp,4)
	movl P_DEPTH(%esi), %ebx
	incl %ebx
	movl %ebx, P_DEPTH(%esi)
	movl %ebx, S_UPCALL_DEPTH(%edi)
	movb $1, S_IRQ_MASKED(%edi)
	movl TF_EDI(%esp), %ebx            /* the frame: vcpu_arch_upcall */
	movl %ebx, UF_EDI(%eax)
	movl TF_ESI(%esp), %ebx
	movl %ebx, UF_ESI(%eax)
	movl TF_EBP(%esp), %ebx
	movl %ebx, UF_EBP(%eax)
	movl TF_EBX(%esp), %ebx
	movl %ebx, UF_EBX(%eax)
	movl TF_EDX(%esp), %ebx
	movl %ebx, UF_EDX(%eax)
	movl TF_ECX(%esp), %ebx
	movl %ebx, UF_ECX(%eax)
	movl TF_EAX(%esp), %ebx
	movl %ebx, UF_EAX(%eax)
	movl %ebp, UF_LINE(%eax)
	movl TF_EIP(%esp), %ebx
	movl %ebx, UF_EIP(%eax)
	movl $SEG_UCODE, UF_CS(%eax)
	movl TF_EFLAGS(%esp), %ebx
	movl %ebx, UF_EFLAGS(%eax)
	movl TF_ESP(%esp), %ebx
	movl %ebx, UF_ESP(%eax)
	movl $SEG_UDATA, UF_SS(%eax)
	movl %eax, TF_ESP(%esp)
	movl P_ENTRY(%esi), %ebx
	movl %ebx, TF_EIP(%esp)
	movl %ebp, TF_EAX(%esp)
	jmp trapret

	.globl trapret
trapret:
	/* Whatever the frame says, never return with VM, NT, IOPL or RF:
	 * none of them is the partition's to choose (trap() has ended any
	 * virtual-8086 excursion; this makes sure). */
	andl $~EFLAGS_NEVER_RETURN, TF_EFLAGS(%esp)
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $(TF_EIP - TF_VECTOR), %esp     /* vector and error code */
	iret

/*
 * The hypercall gate's own entry: the same frame, but straight to
 * trap_hcall, which skips trap()'s classification of the vector.  With
 * IOPL 0 (trapret forces it) `int $0x82` in virtual-8086 mode is a #GP,
 * not this gate; the check stays so that no entry with VM set is ever
 * served here.
 */
	.globl hcall_entry
	.balign 16
hcall_entry:
	cmpl $HC_IRET, %eax
	je hcall_iret
hcall_frame:
	pushl $0
	pushl $HC_VECTOR
	testl $EFLAGS_VM_BIT, CPU(EFLAGS)(%esp)
	jnz from_v86
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	cld                                /* as save_frame_and_call */
	movl $SEG_KDATA, %edx
	movl %edx, %ds
	movl %edx, %es
	/*
	 * The common case, what trap_hcall does without its C frame: a
	 * number in the table, the trace's hypercall class off, the handler
	 * called as hypercall_dispatch calls it (current, the frame as the
	 * arguments), its result in the frame's eax, and the exit path's
	 * first test (nothing pending: vcpu_exit_to_user would do nothing).
	 * Anything else is trap_hcall's, which makes the same choices in C.
	 */
	cmpl $HC_COUNT, %eax
	jae 1f
	cmpl $0, smp_multi                 /* several CPUs: C finds this one's */
	jne 1f
#if TRACE_HCALL_CLASS
	testl $TRACE_HCALL_CLASS, trace_mask
	jnz 1f
#endif
	pushl %esp                         /* struct hc_args *: the frame */
	pushl pcpus                        /* current: cpu 0's, pcpus[0].cur */
	call *hypercalls(,%eax,4)
	addl $8, %esp
	movl %eax, TF_EAX(%esp)
	movl pcpus, %ecx
	cmpl $0, P_PENDING(%ecx)
	je trapret
	movl %esp, %eax
	call trap_hcall_exit
	jmp trapret
1:	movl %esp, %eax
	call trap_hcall
	jmp trapret

/*
 * BH_HC_IRET's common case, without a trap frame: resume the upcall frame
 * at ebx straight from it.  It makes exactly vcpu_iret's checks (kernel/
 * core/vcpu.c) and its changes (vcpu_arch_iret's sanitizing, the depth,
 * the virtual interrupt flag), over the same data (the frame spans of
 * user_frame_spans, the vcpu fields, through asm-offsets); whatever is not
 * the common case goes, with every register as the guest left it, to the
 * full path (hcall_frame, then vcpu_iret): an entry with VM set, no upcall
 * in progress, a frame it refuses, a frame that turns virtual
 * interrupts on while a line is pending (vcpu_exit_to_user delivers it),
 * and any iret while the trace records hypercalls or virtual interrupts.
 * Interrupts are off (an interrupt gate), so nothing is raised meanwhile.
 * The guest's ds may be anything it could load (even null): memory is
 * reached through ss, the kernel's flat data segment, and the guest's
 * segment registers are left as they are, as trapret would restore them.
 * The CPU's frame: eip 0, cs 4, eflags 8, esp 12, ss 16 (+8: ecx, edx).
 */
hcall_iret:
	testl $EFLAGS_VM_BIT, 8(%esp)
	jnz hcall_frame
#if TRACE_IRET_CLASSES
	testl $TRACE_IRET_CLASSES, %ss:trace_mask
	jnz hcall_frame                    /* traced: the full path records it */
#endif
	pushl %ecx
	pushl %edx
	/* current: this CPU's (pcpus[this_cpu()->id].cur), the CPU found
	 * by its GDT's base (arch/smp.h), read through ss like the rest;
	 * cpu 0's at once where no other CPU was started. */
	cmpl $0, %ss:smp_multi
	jne 6f
	movl %ss:pcpus, %ecx
7:
	cmpl $0, %ss:P_DEPTH(%ecx)
	je 8f                              /* no upcall in progress */
	testl $3, %ebx
	jnz 8f                             /* misaligned */
	movl %ebx, %edx
	subl %ss:P_FRAME0_LO(%ecx), %edx
	cmpl %ss:P_FRAME0_N(%ecx), %edx
	jb 1f                              /* on the initial stack */
	movl %ebx, %edx
	subl %ss:P_FRAME1_LO(%ecx), %edx
	cmpl %ss:P_FRAME1_N(%ecx), %edx
	jae 8f                             /* nor in the writable memory */
1:	movl %ss:UF_EFLAGS(%ebx), %edx
	testl $EFLAGS_IF, %edx
	jz 2f
	cmpl $0, %ss:P_PENDING(%ecx)
	je 2f
	cmpl $0, %ss:P_ENTRY(%ecx)
	jne 8f                             /* enabled with a line to deliver */
2:	andl $EFLAGS_USER_MASK, %edx
	orl $EFLAGS_RETURN_SET, %edx
	movl %edx, 8+8(%esp)
	movl %ss:UF_EIP(%ebx), %edx
	movl %edx, 8+0(%esp)
	movl %ss:UF_ESP(%ebx), %edx
	movl %edx, 8+12(%esp)
	movl %ss:P_DEPTH(%ecx), %edx
	decl %edx
	movl %edx, %ss:P_DEPTH(%ecx)
	movl %ss:P_SHARED(%ecx), %ecx
	movl %edx, %ss:S_UPCALL_DEPTH(%ecx)
	testl $EFLAGS_IF, %ss:UF_EFLAGS(%ebx)
	setz %ss:S_IRQ_MASKED(%ecx)
	addl $8, %esp
	movl %ss:UF_EDI(%ebx), %edi
	movl %ss:UF_ESI(%ebx), %esi
	movl %ss:UF_EBP(%ebx), %ebp
	movl %ss:UF_EDX(%ebx), %edx
	movl %ss:UF_ECX(%ebx), %ecx
	movl %ss:UF_EAX(%ebx), %eax
	movl %ss:UF_EBX(%ebx), %ebx
	iret
8:	popl %edx
	popl %ecx
	jmp hcall_frame
6:	subl $8, %esp
	sgdt 2(%esp)
	movl 4(%esp), %ecx
	addl $8, %esp
	movl %ss:C_ID(%ecx), %ecx
	imull $PCPU_SIZE, %ecx, %ecx
	movl %ss:pcpus(%ecx), %ecx
	jmp 7b

/*
 * An entry from virtual-8086 mode: QEMU lets a ring-3 iret whose EFLAGS
 * image has VM set enter it (real CPUs ignore VM there), and the CPU then
 * pushes es, ds, fs and gs above ss.  Drop those four words, moving the
 * rest (vector ... ss) up, so that the frame has the layout and the place
 * (the top of the partition's kernel stack) of every ring-3 frame; give it
 * the user cs and ss; then trap_v86() ends the partition's run in the
 * health monitor.
 */
from_v86:
	pushl %eax
	pushl %ecx
	movl $(CPU(SS) / 4), %ecx
1:	movl SAVED(%esp,%ecx,4), %eax
	movl %eax, SAVED+V86_SEGS(%esp,%ecx,4)
	decl %ecx
	jns 1b
	popl %ecx
	popl %eax
	addl $V86_SEGS, %esp
	movl $SEG_UCODE, CPU(CS)(%esp)
	movl $SEG_UDATA, CPU(SS)(%esp)
	save_frame_and_call trap_v86
	jmp trapret

/*
 * context_switch: ebp pushed and *eax = the stack pointer, then next's
 * (edx) loaded, its ebp popped and its return address taken.  No other
 * register is saved: its one caller, arch_context_switch (arch/hooks.h),
 * declares them clobbered.  A new context is a stack whose top holds a
 * zero ebp and a return address (part.c builds them).
 */
	.globl context_switch
context_switch:
	pushl %ebp
	movl %esp, (%eax)
	movl %edx, %esp
	popl %ebp
	ret
