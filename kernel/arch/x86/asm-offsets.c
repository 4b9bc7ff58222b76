/*
 * Emits the structure offsets assembly needs; the Makefile turns the
 * "@@NAME value" markers in the compiler's output into asm-offsets.h.
 */
#include <stddef.h>
#include "arch/trapframe.h"
#include "arch/x86.h"
#include <bulkhead/hypercall.h>
#include <bulkhead/vcpu.h>
#include "core/partition.h"
#include "core/trace.h"
#include "core/pcpu.h"
#include "arch/smp.h"
#include "core/irq.h"
#include "core/time.h"
#include "core/arch.h"
#include "arch/timer.h"
#include "arch/paging.h"

#define DEFINE(sym, val) __asm__ volatile("\n.ascii \"@@" #sym " %0\"" : : "i"(val))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(TF_VECTOR, offsetof(struct trap_frame, vector));
	DEFINE(TF_EIP, offsetof(struct trap_frame, eip));
	DEFINE(TF_CS, offsetof(struct trap_frame, cs));
	DEFINE(TF_EFLAGS, offsetof(struct trap_frame, eflags));
	DEFINE(TF_SS, offsetof(struct trap_frame, ss));
	DEFINE(EFLAGS_VM_BIT, EFLAGS_VM);
	DEFINE(HC_VECTOR, BH_HYPERCALL_VECTOR);
	DEFINE(EFLAGS_NEVER_RETURN, EFLAGS_NEVER_RETURN);
	/* The iret hypercall's own path (entry.S hcall_iret). */
	DEFINE(HC_IRET, BH_HC_IRET);
	/* The hypercall gate's own dispatch (entry.S hcall_frame). */
	DEFINE(HC_COUNT, BH_HC_COUNT);
	DEFINE(TF_EAX, offsetof(struct trap_frame, eax));
	DEFINE(TRACE_HCALL_CLASS, BH_TRACE_BUILD ? BH_TRACE_HCALL : 0);
	DEFINE(EFLAGS_IF, EFLAGS_IF);
	DEFINE(EFLAGS_USER_MASK, EFLAGS_USER_MASK);
	DEFINE(EFLAGS_RETURN_SET, EFLAGS_IF | EFLAGS_FIXED);
	DEFINE(C_ID, offsetof(struct cpu, id));
	/* Not for assembly: the addresses guests/tests/xcpu-hostile attacks
	 * (its addrs.sh adds the image's symbols). */
	DEFINE(LAYOUT_TSS_VA, TSS_VA);
	DEFINE(LAYOUT_LAPIC_VA, LAPIC_VA);
	DEFINE(CPU_SIZE, sizeof(struct cpu));
	DEFINE(C_NMI_STACK, offsetof(struct cpu, nmi_stack));
	DEFINE(PCPU_SIZE, sizeof(struct pcpu));
	_Static_assert(offsetof(struct pcpu, cur) == 0, "entry.S reads current at 0");
	DEFINE(P_PENDING, offsetof(struct partition, vcpu.pending));
	DEFINE(P_DEPTH, offsetof(struct partition, vcpu.depth));
	DEFINE(P_ENTRY, offsetof(struct partition, vcpu.entry));
	DEFINE(P_SHARED, offsetof(struct partition, vcpu.shared));
	DEFINE(P_FRAME0_LO, offsetof(struct partition, frame_at[0].lo));
	DEFINE(P_FRAME0_N, offsetof(struct partition, frame_at[0].n));
	DEFINE(P_FRAME1_LO, offsetof(struct partition, frame_at[1].lo));
	DEFINE(P_FRAME1_N, offsetof(struct partition, frame_at[1].n));
	/* Classes whose events the full path records for an iret (0: the
	 * hooks are compiled out): while one is on, the full path runs. */
	DEFINE(TRACE_IRET_CLASSES, BH_TRACE_BUILD ? BH_TRACE_HCALL | BH_TRACE_VIRQ : 0);
	DEFINE(S_IRQ_MASKED, offsetof(struct bh_vcpu_info, irq_masked));
	DEFINE(S_UPCALL_DEPTH, offsetof(struct bh_vcpu_info, upcall_depth));
	DEFINE(UF_EDI, offsetof(struct bh_upcall_frame, edi));
	DEFINE(UF_ESI, offsetof(struct bh_upcall_frame, esi));
	DEFINE(UF_EBP, offsetof(struct bh_upcall_frame, ebp));
	DEFINE(UF_EBX, offsetof(struct bh_upcall_frame, ebx));
	DEFINE(UF_EDX, offsetof(struct bh_upcall_frame, edx));
	DEFINE(UF_ECX, offsetof(struct bh_upcall_frame, ecx));
	DEFINE(UF_EAX, offsetof(struct bh_upcall_frame, eax));
	DEFINE(UF_EIP, offsetof(struct bh_upcall_frame, eip));
	DEFINE(UF_EFLAGS, offsetof(struct bh_upcall_frame, eflags));
	DEFINE(UF_ESP, offsetof(struct bh_upcall_frame, esp));
	/* The routed line's own path (entry.S irqtraps). */
	DEFINE(TRACE_VIRQ_CLASS, BH_TRACE_BUILD ? BH_TRACE_VIRQ : 0);
	DEFINE(TRACE_ROUTE_CLASSES, BH_TRACE_BUILD ? BH_TRACE_IRQ | BH_TRACE_VIRQ : 0);
	DEFINE(IRQ_LINE_SHIFT, __builtin_ctz(sizeof(struct irq_line)));
	DEFINE(IL_HANDLER, offsetof(struct irq_line, handler));
	DEFINE(IL_ARG, offsetof(struct irq_line, arg));
	DEFINE(IL_SUBSCRIBERS, offsetof(struct irq_line, subscribers));
	DEFINE(IL_AWAITING_ACK, offsetof(struct irq_line, awaiting_ack));
	DEFINE(IL_RAISED, offsetof(struct irq_line, raised));
	DEFINE(IL_ROUTED, offsetof(struct irq_line, routed));
	DEFINE(PART_SIZE, sizeof(struct partition));
	DEFINE(P_ATTACHED, offsetof(struct partition, vcpu.attached));
	DEFINE(P_UPCALL_STACK, offsetof(struct partition, vcpu.upcall_stack));
	DEFINE(S_PENDING, offsetof(struct bh_vcpu_info, pending));
	DEFINE(S_UPCALL_PENDING, offsetof(struct bh_vcpu_info, upcall_pending));
	DEFINE(S_RAISED, offsetof(struct bh_vcpu_info, raised));
	DEFINE(S_DELIVERED, offsetof(struct bh_vcpu_info, delivered));
	DEFINE(TF_EDI, offsetof(struct trap_frame, edi));
	DEFINE(TF_ESI, offsetof(struct trap_frame, esi));
	DEFINE(TF_EBP, offsetof(struct trap_frame, ebp));
	DEFINE(TF_EBX, offsetof(struct trap_frame, ebx));
	DEFINE(TF_EDX, offsetof(struct trap_frame, edx));
	DEFINE(TF_ECX, offsetof(struct trap_frame, ecx));
	DEFINE(TF_ESP, offsetof(struct trap_frame, esp));
	DEFINE(UF_SIZE, sizeof(struct bh_upcall_frame));
	DEFINE(UF_LINE, offsetof(struct bh_upcall_frame, line));
	DEFINE(UF_CS, offsetof(struct bh_upcall_frame, cs));
	DEFINE(UF_SS, offsetof(struct bh_upcall_frame, ss));
	/* The virtual timer's own tick (entry.S ticktraps): vtimer_own_tick's
	 * and time_arm's data. */
	DEFINE(PC_CUT, offsetof(struct pcpu, cut));
	DEFINE(PC_WALL_ARMED, offsetof(struct pcpu, wall_armed));
	DEFINE(PC_NEXT_WALL, offsetof(struct pcpu, next_wall));
	DEFINE(PC_TIMER_ONESHOT, offsetof(struct pcpu, timer.oneshot));
	DEFINE(PC_TIMER_NEXT, offsetof(struct pcpu, timer.next));
	DEFINE(P_ID, offsetof(struct partition, id));
	DEFINE(P_STATE, offsetof(struct partition, state));
	DEFINE(PART_RUNNABLE, PART_RUNNABLE);
	DEFINE(P_T_DEADLINE, offsetof(struct partition, vcpu.timer.deadline));
	DEFINE(P_T_PERIOD, offsetof(struct partition, vcpu.timer.period));
	DEFINE(P_T_CLOCK, offsetof(struct partition, vcpu.timer.clock));
	DEFINE(CLOCK_WALL, BH_CLOCK_WALL);
	DEFINE(P_EXEC_NS, offsetof(struct partition, exec_ns));
	DEFINE(P_RAN_SINCE, offsetof(struct partition, ran_since));
	DEFINE(S_WALL_NS, offsetof(struct bh_vcpu_info, wall_ns));
	DEFINE(S_EXEC_NS, offsetof(struct bh_vcpu_info, exec_ns));
	DEFINE(VIRQ_TIMER, BH_VIRQ_TIMER);
	DEFINE(IRQ_TIMER, BH_IRQ_TIMER);
	DEFINE(TB_NOW, offsetof(struct timebase, now));
	DEFINE(TB_Q28, offsetof(struct timebase, ns_per_cyc_q28));
	DEFINE(TB_TICKS, offsetof(struct timebase, ticks));
	DEFINE(A_CYC, offsetof(struct time_anchor, cyc));
	DEFINE(A_NS, offsetof(struct time_anchor, ns));
	DEFINE(TIME_MAX_ARM_NS, TIME_MAX_ARM_NS);
	DEFINE(LAPIC_EOI_REG, LAPIC_VA + LAPIC_REG_EOI);
	DEFINE(LAPIC_TIMER_INIT_REG, LAPIC_VA + LAPIC_REG_TIMER_INIT);
}
