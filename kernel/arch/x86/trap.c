/*
 * trap(): the C side of every kernel entry.  Routes hypercalls, hardware
 * lines and exceptions, then gives the virtual-interrupt layer its chance
 * to redirect a return to ring 3 into an upcall.
 */
#include "arch/trapframe.h"
#include "arch/seg.h"
#include "arch/x86.h"
#include "core/irq.h"
#include "core/console.h"
#include "arch/trap.h"
#include "core/arch.h"
#include "core/hypercall.h"
#include "core/vcpu.h"
#include "core/hm.h"
#include "core/partition.h"
#include "arch/desc.h"
#include "arch/timer.h"
#include "arch/smp.h"

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved 15", "x87 floating-point error",
	"alignment check", "machine check", "SIMD floating-point error",
	"virtualization", "control protection", "reserved 22", "reserved 23",
	"reserved 24", "reserved 25", "reserved 26", "reserved 27",
	"reserved 28", "reserved 29", "reserved 30", "reserved 31",
};

const char *exception_name(unsigned vector)
{
	return vector < 32 ? exception_names[vector] : "interrupt";
}

void dump_frame(const struct trap_frame *tf)
{
	kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n",
		tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", tf->esi, tf->edi,
		tf->ebp, tf_from_user(tf) ? tf->esp : tf->kesp + 20);
	kprintf("  eip=%08x cs=%04x eflags=%08x ds=%04x es=%04x fs=%04x gs=%04x\n",
		tf->eip, tf->cs & 0xffff, tf->eflags, tf->ds & 0xffff,
		tf->es & 0xffff, tf->fs & 0xffff, tf->gs & 0xffff);
	kprintf("  vector=%u error=%08x cr2=%08x cr3=%08x\n", tf->vector,
		tf->error, read_cr2(), read_cr3());
}

void arch_dump_state(void)
{
	uint32_t esp, ebp, i;
	const uint32_t *fp;

	__asm__ volatile("movl %%esp, %0; movl %%ebp, %1" : "=r"(esp), "=r"(ebp));
	kprintf("  cr0=%08x cr2=%08x cr3=%08x cr4=%08x esp=%08x ebp=%08x\n",
		read_cr0(), read_cr2(), read_cr3(), read_cr4(), esp, ebp);
	/* Return addresses near the top of the stack (the kernel is built
	 * without frame pointers, so this is a scan, not a backtrace). */
	kprintf("  stack:");
	for (fp = (const uint32_t *)esp, i = 0; i < 12; i++)
		kprintf(" %08x", fp[i]);
	kprintf("\n");
}

/* A hardware line's interrupt: one the I/O APIC delivered while the line
 * was masked in software is only latched (ioapic.c). */
static void line_event(unsigned line)
{
	if (ioapic_on && ioapic_latch(line))
		return;
	irq_dispatch(line);
}

/* Production images take no kernel exception (arch/trap.h). */
__attribute__((weak)) int trap_kernel_fixup(struct trap_frame *tf)
{
	return 0;
}

/* An exception in kernel code is our own bug — unless a test takes it. */
static void kernel_exception(struct trap_frame *tf)
{
	if (trap_kernel_fixup(tf))
		return;
	kprintf("EXCEPTION %s (#%u) in kernel\n", exception_name(tf->vector),
		tf->vector);
	dump_frame(tf);
	panic("unexpected %s in kernel at eip %08x", exception_name(tf->vector),
	      tf->eip);
}

/* The health monitor's event for an exception vector. */
static enum bh_hm_event event_of(unsigned vector)
{
	switch (vector) {
	case 0: return BH_HM_DIVIDE_ERROR;
	case 1: case 3: return BH_HM_DEBUG_TRAP;
	case 4: case 5: return BH_HM_OVERFLOW;
	case 6: return BH_HM_INVALID_OPCODE;
	case 7: case 16: case 19: return BH_HM_FPU_ERROR;
	case 10: case 11: return BH_HM_SEGMENT_FAULT;
	case 12: return BH_HM_STACK_FAULT;
	case 14: return BH_HM_PAGE_FAULT;
	case 17: return BH_HM_ALIGNMENT;
	default: return BH_HM_GENERAL_PROTECTION;
	}
}

/*
 * Resuming a frame goes past the event only after a trap; after a fault
 * it re-runs the faulting instruction.  The ABI's event list (BH_HM_TRAPS
 * in hypercall.h) says which events are traps, and the health monitor and
 * the validator let only those be ignored, so event_of must map nothing
 * but ring-3 traps to them: #DB is one (single step; #DB faults need debug
 * registers ring 3 cannot set), while int3 and into from ring 3 are #GP
 * (their gates are DPL 0), which leaves BH_HM_OVERFLOW to #BR, a fault.
 * The in-kernel test hm_traps_come_from_trap_vectors holds event_of to it.
 */
void hm_arch_fault(const struct trap_frame *tf, struct hm_fault *f)
{
	f->ev = event_of(tf->vector);
	f->vector = tf->vector;
	f->eip = tf->eip;
	f->addr = tf->vector == T_PF ? read_cr2() : 0;
	f->error = tf->error;
	f->esp = tf->esp;
	f->tf = 0;
	f->msg = 0;
	f->msg_len = 0;
}

/* A hypercall's caller, for an event it raised (an application error):
 * eip is the instruction after its int $0x82, esp its stack. */
void hm_arch_call_site(const struct trap_frame *tf, struct hm_fault *f)
{
	f->eip = tf->eip;
	f->esp = tf->esp;
}

/* A ring-3 exception: the health monitor decides (core/hm.c), and may
 * deliver it to the partition's error handler through this frame. */
static void user_exception(struct trap_frame *tf)
{
	struct hm_fault f;

	hm_arch_fault(tf, &f);
	f.tf = tf;
	hm_raise(current, &f);
}

/*
 * The partition reached virtual-8086 mode (see from_v86 in entry.S, which
 * calls trap_v86 below instead of trap()): no partition may run there,
 * whatever brought it here — a fault, a trap, a hypercall vector with
 * IOPL 3, or a hardware line, which is served first since it is nobody's
 * fault.  The frame becomes a plain ring-3 frame that
 * could do no harm even if it were resumed, and the health monitor handles
 * a general-protection fault of the partition (a fault: never ignored).
 */
static void v86_exit(struct trap_frame *tf)
{
	unsigned v = tf->vector;

	/* Sane before anything can switch away from this frame (a tick). */
	tf->eflags = EFLAGS_FIXED | EFLAGS_IF;
	tf->cs = SEG_UCODE;
	tf->ss = tf->ds = tf->es = tf->fs = tf->gs = SEG_UDATA;
	tf->vector = T_GP;
	tf->error = 0;
	if (v - T_IRQ0 < NR_IRQ_LINES)
		line_event(v - T_IRQ0);
	user_exception(tf);
}

/*
 * NMIs are counted by their task (desc.c) and reported here, where the
 * console and the health monitor may be used: they are an event of the
 * module as a whole, never of the partition that happened to run.
 */
uint32_t nmi_reported;     /* not static: irqtraps (entry.S) tests it */

static __attribute__((noinline)) void nmi_poll(void)
{
	uint32_t n = nmi_count;

	if (n != nmi_reported) {
		hm_raise_module(BH_HM_NMI, T_NMI, n - nmi_reported, 0);
		nmi_reported = n;
	}
}

/*
 * A machine check can only be delivered with CR4.MCE, which the kernel
 * leaves clear (the CPU then shuts down: fail-stop); should one arrive
 * all the same, it is the machine's, not a partition's, and fatal.
 */
static void machine_check(struct trap_frame *tf)
{
	dump_frame(tf);
	hm_raise_module(BH_HM_MACHINE_CHECK, T_MC, 1, tf->eip);
	panic("machine check at eip %08x", tf->eip);    /* not reached */
}

ENTRY_FN void trap(struct trap_frame *tf)
{
	unsigned v = tf->vector;

	/* Hypercalls have their own entry (trap_hcall): the gate points there. */
	if (v == T_IPI || v == T_AP_SPURIOUS) {
		smp_interrupt(v);
		if (v == T_IPI)
			kernel_ipi(tf_from_user(tf));
		if (tf_from_user(tf))
			vcpu_exit_to_user(tf);
		return;
	}
	if (v - T_IRQ0 < NR_IRQ_LINES)
		line_event(v - T_IRQ0);
	else if (v == T_MC)
		machine_check(tf);
	else if (!tf_from_user(tf))
		kernel_exception(tf);
	else
		user_exception(tf);
	if (nmi_count != nmi_reported)
		nmi_poll();
	if (tf_from_user(tf))
		vcpu_exit_to_user(tf);
}

/*
 * A hypercall (hcall_entry): always from ring 3, so straight to the
 * table and the exit path.  entry.S does the common case itself (a
 * number in the table, the trace off); this is the rest.  A pending NMI report waits for the next
 * interrupt or exception (at the latest the next tick).
 */
ENTRY_FN void trap_hcall(struct trap_frame *tf)
{
	tf->eax = (uint32_t)hypercall_dispatch(tf->eax, hc_arch_args(tf));
	vcpu_exit_to_user(tf);
}

/* The exit path of a hypercall entry.S dispatched itself, once it found
 * a line pending (vcpu_exit_to_user makes the rest of the choice); and
 * of a tick whose upcall ticktraps did not push itself. */
ENTRY_FN void trap_hcall_exit(struct trap_frame *tf)
{
	vcpu_exit_to_user(tf);
}

/* A hardware line (irqtraps): from either ring, never from virtual-8086
 * mode (irqtraps sends that to trap_v86), so ring 3 is cs's RPL 3.
 * irqtraps delivers a routed line to the running partition itself; this
 * is every other case (its list is in entry.S). */
ENTRY_FN void trap_irq(struct trap_frame *tf)
{
	line_event(tf->vector - T_IRQ0);
	if (nmi_count != nmi_reported)
		nmi_poll();
	if ((tf->cs & 3) == 3)
		vcpu_exit_to_user(tf);
}

/*
 * The timer's vector (ticktraps): the 8254's IRQ 0 or the local APIC's
 * timer, never spurious, owned by the kernel (no partition may subscribe
 * to it), so it needs none of irq_dispatch's choices — the EOI where it
 * came from, before the handler, which may switch partitions, then it.
 */
ENTRY_FN void trap_tick(struct trap_frame *tf)
{
	timer_eoi();
	irq_tick();
	kernel_tick_done(tf_from_user(tf));
	if (nmi_count != nmi_reported)
		nmi_poll();
	/* the exit path is ticktraps' (entry.S) */
}

/* ticktraps' fast case for the virtual timer (entry.S) found an NMI to
 * report once its tick was done: what trap_tick and the exit path then do. */
ENTRY_FN void trap_tick_nmi(struct trap_frame *tf)
{
	nmi_poll();
	vcpu_exit_to_user(tf);
}

ENTRY_FN void trap_v86(struct trap_frame *tf)
{
	v86_exit(tf);
	if (nmi_count != nmi_reported)
		nmi_poll();
	vcpu_exit_to_user(tf);
}
