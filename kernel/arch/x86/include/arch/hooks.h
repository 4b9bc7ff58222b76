/*
 * x86's side of the core/arch boundary: the types core holds without
 * looking inside (struct part_arch, struct trap_frame) and the hooks on
 * hot paths, inline so that crossing the boundary costs no call.  Core
 * includes this only through core/arch.h; nothing else in core may
 * include an arch/ header (tools/check-boundary.sh).
 */
#ifndef ARCH_HOOKS_H
#define ARCH_HOOKS_H

#include <stdint.h>
#include <bulkhead/vcpu.h>
#include "arch/trapframe.h"
#include "arch/paging.h"
#include "arch/fpu.h"
#include "arch/desc.h"
#include "arch/seg.h"
#include "arch/x86.h"
#include "arch/pic.h"
#include "arch/ioapic.h"
#include "arch/smp.h"
#include "arch/timer.h"

/* Calls between core and arch on the hot paths pass their arguments in
 * registers (eax, edx, ecx) instead of on the stack. */
#define ARCH_REGCALL __attribute__((regparm(3)))

/* What a partition needs of the processor: its kernel context, its
 * address space and its FPU/SSE registers while switched out. */
struct part_arch {
	struct trap_frame *tf;     /* its user frame, at the top of its kstack */
	uint32_t kesp;             /* kernel stack pointer while switched out */
	uint32_t kstack_top;       /* esp0: where its entries from ring 3 land */
	int fpu_granted;           /* granted the FPU/SSE (BH_PART_F_FPU) */
	uint32_t tls_base, tls_size;   /* its TLS segment (SEG_UTLS); size 0: none */
	struct addr_space as;
	struct fpu_state fpu;
};

/*
 * Leave this kernel context for next's: this one's stack pointer into
 * *save, next's loaded (entry.S's context_switch; a context is ebp and
 * the return address on its stack).  Called from here only, declaring
 * ebx, esi, edi (and eax, ecx, edx) clobbered: the compiler keeps
 * nothing in them across the call, and the ones the caller's own
 * function must give back are saved and restored by its prologue and
 * epilogue as for any call, on its own stack; so context_switch saves
 * only ebp (GCC keeps a value there across the call where it can).
 */
static inline __attribute__((always_inline)) void arch_context_switch(uint32_t *save,
								   uint32_t next)
{
	__asm__ volatile("call context_switch"
			 : "+a"(save), "+d"(next)
			 :
			 : "ecx", "ebx", "esi", "edi", "memory", "cc");
}

/* Load an address space (and with it its I/O bitmap) on the CPU whose
 * TSS is tss.  The TSS keeps the page directory too: the CPU does not
 * save CR3 when it leaves a task, and the return from the NMI task loads
 * it. */
static inline void paging_switch(struct tss *tss, const struct addr_space *as)
{
	tss->cr3 = as->pgdir;
	write_cr3(as->pgdir);
}

/*
 * The FPU/SSE registers at a switch on CPU c, eagerly and only for
 * partitions with the grant: prev's are saved if it has it; next's are
 * loaded if it has it, and CR0.TS is cleared; a partition without it
 * runs with CR0.TS set, so its first x87, MMX or SSE instruction is a
 * #NM (a health-monitor event), and with clean registers: the last
 * owner's values are replaced by the initial state before it runs,
 * since a #NM does not stop a CPU from using them speculatively
 * (LazyFP).  The idle context runs kernel code only and leaves the
 * registers as they are.
 */
static inline __attribute__((always_inline)) void fpu_arch_switch(struct cpu *c, struct part_arch *prev,
				   struct part_arch *next)
{
	/* Between two partitions, neither granted, the registers clean and
	 * CR0.TS set (the common switch): nothing below would act; every
	 * condition read, in one test. */
	if (prev && next &&
	    !(prev->fpu_granted | next->fpu_granted | (c->fpu_bits_ ^ FPU_BITS_PLAIN)))
		return;
	if (prev && prev->fpu_granted) {
		fpu_save(&prev->fpu);
		c->fpu_dirty_ = 1;
	}
	if (!next)
		return;
	if (next->fpu_granted) {
		if (c->fpu_ts_)
			fpu_clear_ts();
		fpu_restore(&next->fpu);
		c->fpu_dirty_ = 1;
		return;
	}
	if (c->fpu_dirty_) {
		if (c->fpu_ts_)
			fpu_clear_ts();
		fpu_restore(&fpu_initial_state);
		c->fpu_dirty_ = 0;
	}
	if (!c->fpu_ts_)
		fpu_set_ts();
}

/*
 * Leave prev's kernel context for next's (NULL: the idle context) on CPU
 * c (the running one): its page directory (and so its I/O bitmap; the
 * TSS keeps it too, see paging_switch), the stack its next entry from
 * ring 3 lands on, its FPU/SSE registers, its TLS segment.
 */
static inline __attribute__((always_inline)) void sched_arch_switch_on(struct cpu *c,
	struct tss *tss, struct part_arch *prev, struct part_arch *next)
{
	fpu_arch_switch(c, prev, next);
	if (next) {
		paging_switch(tss, &next->as);
		tss->esp0 = next->kstack_top;
		desc_switch_utls(c, next->tls_base, next->tls_size);
	} else {
		desc_switch_utls(c, 0, 0);    /* idle: nobody's TLS */
	}
	arch_context_switch(prev ? &prev->kesp : &c->idle_kesp,
			    next ? next->kesp : c->idle_kesp);
}

static inline void sched_arch_switch(struct part_arch *prev, struct part_arch *next)
{
	struct cpu *c = cur_cpu();

	sched_arch_switch_on(c, cpu_tss(c->id), prev, next);
}

/* The same where one CPU runs (arch_smp() clear): CPU 0's data, its TSS
 * at a fixed address (the window switch's own path, sched.c). */
static inline void sched_arch_switch_one(struct part_arch *prev, struct part_arch *next)
{
	sched_arch_switch_on(&cpus[0], cpu_tss(0), prev, next);
}

/* The guest stack pointer of a ring-3 frame. */
static inline uint32_t vcpu_arch_user_sp(const struct trap_frame *tf)
{
	return tf->esp;
}

/* Save the interrupted state in f (at guest address at) and resume the
 * guest at entry with the line in eax, on the stack f is on. */
static inline void vcpu_arch_upcall(struct trap_frame *tf, struct bh_upcall_frame *f,
				    uint32_t at, uint32_t entry, unsigned line)
{
	f->edi = tf->edi;
	f->esi = tf->esi;
	f->ebp = tf->ebp;
	f->ebx = tf->ebx;
	f->edx = tf->edx;
	f->ecx = tf->ecx;
	f->eax = tf->eax;
	f->line = line;
	f->eip = tf->eip;
	f->cs = SEG_UCODE;                 /* only ring-3 frames get here */
	f->eflags = tf->eflags;            /* IF set: virtual IF was on */
	f->esp = tf->esp;
	f->ss = SEG_UDATA;
	tf->esp = at;
	tf->eip = entry;
	tf->eax = line;
}

/*
 * Resume f.  Nothing that grants privilege comes from it: cs and ss stay
 * the user selectors of the hypercall's own frame, IOPL stays 0 and the
 * real IF stays on.  Its IF bit is the virtual interrupt state
 * (*virq_on); its eax is returned, to become eax.
 */
static inline int32_t vcpu_arch_iret(struct trap_frame *tf, const struct bh_upcall_frame *f,
				     int *virq_on)
{
	uint32_t eflags = f->eflags;

	tf->edi = f->edi;
	tf->esi = f->esi;
	tf->ebp = f->ebp;
	tf->ebx = f->ebx;
	tf->edx = f->edx;
	tf->ecx = f->ecx;
	tf->eip = f->eip;
	tf->esp = f->esp;
	tf->eflags = (eflags & EFLAGS_USER_MASK) | EFLAGS_IF | EFLAGS_FIXED;
	*virq_on = (eflags & EFLAGS_IF) != 0;
	return (int32_t)f->eax;
}

/*
 * A hypercall's five arguments (ebx ecx edx esi edi, include/bulkhead/
 * hypercall.h) are read where pushal left them at the start of the frame:
 * the decoding is this declaration, and costs nothing at run time.
 */
struct hc_args {
	uint32_t a4, a3;           /* edi, esi */
	uint32_t ebp_, kesp_;
	uint32_t a0, a2, a1;       /* ebx, edx, ecx */
};
_Static_assert(__builtin_offsetof(struct hc_args, a0) ==
	       __builtin_offsetof(struct trap_frame, ebx), "hc_args overlays pushal");
_Static_assert(__builtin_offsetof(struct hc_args, a1) ==
	       __builtin_offsetof(struct trap_frame, ecx), "hc_args overlays pushal");
_Static_assert(__builtin_offsetof(struct hc_args, a2) ==
	       __builtin_offsetof(struct trap_frame, edx), "hc_args overlays pushal");
_Static_assert(__builtin_offsetof(struct hc_args, a3) ==
	       __builtin_offsetof(struct trap_frame, esi), "hc_args overlays pushal");
_Static_assert(__builtin_offsetof(struct hc_args, a4) ==
	       __builtin_offsetof(struct trap_frame, edi), "hc_args overlays pushal");

static inline struct hc_args *hc_arch_args(struct trap_frame *tf)
{
	return (struct hc_args *)tf;
}

/* The frame a hypercall's arguments came in (iret rewrites it). */
static inline struct trap_frame *hc_arch_frame(struct hc_args *a)
{
	return (struct trap_frame *)a;
}

/* The 8259's rule: IRQ 7 and 15 may be spurious (only they need the
 * in-service register read); on the routed-IRQ path, hence inline. */
static inline enum irq_eoi irq_arch_eoi_for(unsigned line, int *spurious)
{
	if (ioapic_on) {                   /* never spurious: see smp.c */
		*spurious = 0;
		return EOI_MASTER;
	}
	uint16_t isr = (line == 7 || line == 15) ? pic_in_service()
						 : (uint16_t)(1u << line);

	return pic_eoi_for(line, isr, spurious);
}

/*
 * A routed line's acknowledgement: mask it (arch_irq_mask) and send the
 * EOI it needs (arch_irq_eoi) — inline, on the routed-IRQ path.
 */
static inline void irq_arch_mask_eoi(unsigned line, enum irq_eoi eoi)
{
	pic_mask |= (uint16_t)(1u << line);
	if (ioapic_on) {
		ioapic_mask_eoi(line, eoi);
		return;
	}
	if (line < 8) {
		outb(0x21, (uint8_t)pic_mask);
	} else {
		outb(0xa1, (uint8_t)(pic_mask >> 8));
		if (eoi == EOI_BOTH)
			outb(0xa0, 0x20);
	}
	if (eoi != EOI_NONE)
		outb(0x20, 0x20);
}

/* The running CPU's number, 0 = the boot CPU (this_cpu: arch/smp.h).
 * On a machine started with one CPU, 0 without asking: a test of one
 * word instead of the sgdt, and core's per-CPU data at a fixed address. */
static inline unsigned arch_cpu_id(void)
{
	if (__builtin_expect(!smp_multi, 1))
		return 0;
	return this_cpu()->id;
}

/* Another CPU was started: per-CPU data must be looked up. */
static inline int arch_smp(void)
{
	return __builtin_expect(smp_multi != 0, 0);
}

/* This CPU has stopped every other one (arch_stop_others): nobody will
 * give a lock it waits for.  Read only inside a lock's wait. */
static inline int arch_cpu_alone(void)
{
	return smp_stopper == arch_cpu_id() + 1;
}

/* In a spin wait (a ticket lock). */
static inline void arch_cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

/* Wait for an interrupt with interrupts enabled; none is lost. */
static inline void arch_idle(void)
{
	cpu_relax_halt();
}

/* The time base's counter, inline on the clock's hot paths (BH_HC_TIME). */
static inline uint64_t arch_cycles_now(void)
{
	return rdtsc();
}

/* The counter now less *then (a stamp), in three instructions: the
 * subtraction from memory, which compilers for i386 otherwise do
 * through the stack when registers are short (the sampling read). */
static inline uint64_t arch_cycles_since(const uint64_t *then)
{
	uint64_t d;

	__asm__ volatile("rdtsc\n\tsubl %1, %%eax\n\tsbbl %2, %%edx"
			 : "=&A"(d) : "m"(((const uint32_t *)then)[0]),
			   "m"(((const uint32_t *)then)[1]) : "cc");
	return d;
}

static inline void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/* Copy n bytes (the port message paths): a string move of words, QEMU
 * and the processor's fast path alike, then at most three bytes. */
static inline void arch_copy(void *dst, const void *src, uint32_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	uint32_t words = n >> 2;

	__asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
	for (n &= 3; n; n--)
		*d++ = *s++;
}

#endif
