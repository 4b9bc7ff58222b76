/*
 * The processors (smp.c): each has a struct cpu of its own — its GDT,
 * its task-state segments and the stacks they name, its local APIC id —
 * and finds it through its own GDT: the GDT is the first member of its
 * struct cpu, so `sgdt` (which ring 0 may always run; UMIP stops ring 3)
 * names the CPU without a segment register or a memory read of the APIC.
 *
 * Every CPU's main TSS lives in the one kernel-only TSS page, 128 bytes
 * apart (CPU 0's where it always was, at TSS_VA); each one's I/O map
 * base reaches the same IOBITMAP_VA, so the per-partition bitmap a CR3
 * switch brings serves whichever CPU runs the partition.
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#define TRAMP_PA     0x8000u   /* the APs' real-mode start page (SIPI 0x08) */
#define T_IPI        0xf1u     /* the kernel's inter-processor interrupt */
#define T_AP_SPURIOUS 0xffu    /* an AP's local APIC spurious vector */
#define NR_CPUS      8u        /* CPUs started; more are reported, left off */
#define TSS_STRIDE   128u

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "arch/desc.h"
#include "arch/seg.h"
#include "arch/paging.h"

_Static_assert((NR_CPUS - 1) * TSS_STRIDE <= 4096 - 104, "the TSSs fit the TSS page");

/* struct cpu's fpu_bits_ with fpu_dirty_ clear and fpu_ts_ set (x86 is
 * little-endian: the first byte is the low one). */
#define FPU_BITS_PLAIN 0x100u

struct cpu {
	struct gdt_entry gdt[GDT_ENTRIES];   /* first: sgdt's base is the cpu */
	uint32_t id;                         /* 0 = the boot processor */
	uint32_t apic_id;
	volatile uint32_t online;
	volatile uint32_t ipis;              /* T_IPI interrupts taken */
	struct cpu *seen_self;               /* this_cpu() as the AP saw it */
	uint32_t seen_esp;                   /* its stack pointer then */
	volatile uint32_t tsc_req, tsc_ack;  /* the TSC round trips (smp.c) */
	volatile uint64_t tsc_seen;
	int64_t tsc_offset;                  /* its TSC minus CPU 0's ... */
	uint64_t tsc_error;                  /* ... within +- this, cycles */
	int utls_live;                       /* its SEG_UTLS is present now */
	union {                              /* fpu.h: fpu_dirty, fpu_ts; */
		struct {
			uint8_t fpu_dirty_, fpu_ts_;
		};
		uint16_t fpu_bits_;          /* both, FPU_BITS_PLAIN: clean, TS set */
	};
	uint32_t idle_kesp;                  /* its idle context, switched out */
	volatile uint32_t released;          /* an AP: run the schedule (smp.c) */
	volatile uint32_t stopped;           /* parked for good by smp_park */
	struct tss df_tss, nmi_tss;
	uint8_t df_stack[4096] __attribute__((aligned(16)));
	uint8_t nmi_stack[4096] __attribute__((aligned(16)));
	uint8_t stack[8192] __attribute__((aligned(16)));  /* an AP's own */
};

extern struct cpu cpus[NR_CPUS];
extern uint32_t ncpus_online;           /* CPUs running, the boot one included */
/* Set before the first other CPU starts, never cleared: only then does a
 * CPU need to ask which it is (arch_cpu_id, entry.S). */
extern uint32_t smp_multi;
/* 1 + the CPU that stops the machine (arch_stop_others), 0 while none
 * does: an NMI on any other CPU then parks it. */
extern volatile uint32_t smp_stopper;

/* CPU i's main TSS, in the TSS page (see above). */
static inline struct tss *cpu_tss(uint32_t i)
{
	return (struct tss *)(TSS_VA - i * TSS_STRIDE);
}

static inline struct cpu *this_cpu(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) d;

	/* Not volatile: a kernel context never changes CPU, so the compiler
	 * may keep one answer for a whole function. */
	__asm__("sgdt %0" : "=m"(d));
	return (struct cpu *)d.base;
}

/* The running CPU's struct on the hot paths: cpu 0's without asking where
 * no other CPU was started (smp_multi). */
static inline struct cpu *cur_cpu(void)
{
	if (__builtin_expect(!smp_multi, 1))
		return &cpus[0];
	return this_cpu();
}

/* At a switch on CPU c (the running one): nothing to do (one test) while
 * nobody has a TLS segment. */
static inline void desc_switch_utls(struct cpu *c, uint32_t base, uint32_t size)
{
	if (size || c->utls_live)
		desc_set_utls(base, size, size != 0);
}

/* Build and load c's GDT, TSSs and the shared IDT (desc.c). */
void desc_cpu_load(struct cpu *c);

/* Local APIC (lapic.c). */
uint32_t lapic_id(void);
void lapic_enable(uint32_t spurious_vector);
void lapic_send_init(uint32_t apic_id);
void lapic_send_sipi(uint32_t apic_id, uint32_t page);
void lapic_send_ipi(uint32_t apic_id, uint32_t vector);
void lapic_send_nmi(uint32_t apic_id);
int lapic_in_service(uint32_t vector);
void lapic_mask_lint0(void);
void lapic_set_spurious(uint32_t vector);

/* The MADT read, CPU 0's APIC id (arch_init). */
void smp_find_cpus(void);

/* Park this CPU for good: interrupts off, halted (NMIs too, from the
 * NMI task, which never returns then).  The NMI task's answer to a stop
 * (smp_stopper set by another CPU), and a CPU's own when it finds the
 * machine already being stopped. */
void smp_park(void) __attribute__((noreturn));

/* The T_IPI and AP spurious vectors (trap.c calls it). */
void smp_interrupt(unsigned vector);
/* Send T_IPI to CPU i; 0, or -1 if it is not online. */
int smp_ping(uint32_t i);
#endif

#endif
