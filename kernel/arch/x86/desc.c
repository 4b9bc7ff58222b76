/*
 * Descriptor tables: the GDT (flat kernel and user segments and the TSS)
 * and the IDT, filled from the generated stub table.  Every gate has DPL
 * 0 — ring 3 cannot raise a hardware vector by `int $n` — except the
 * hypercall gate; all are interrupt gates but the NMI and double-fault
 * task gates.  The LDT is null.
 */
#include <stdint.h>
#include <bulkhead/hypercall.h>
#include "arch/seg.h"
#include "arch/desc.h"
#include "arch/paging.h"
#include "arch/cpu.h"
#include "arch/x86.h"
#include "arch/trap.h"
#include "arch/smp.h"
#include "core/lib.h"
#include "core/console.h"

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

struct desc_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* Each CPU's GDT, its double-fault and NMI tasks and their stacks are in
 * its struct cpu (arch/smp.h).  A double fault runs as its own task, on
 * its own stack: it is what the CPU raises when the kernel stack itself
 * is unusable.  An NMI does too: it can arrive anywhere, even between an
 * entry stub and its frame, and must find a stack it did not interrupt. */
static struct idt_gate idt[256];
extern const uint32_t vectors[256];

static void gdt_set(struct gdt_entry *gdt, int i, uint32_t base, uint32_t limit,
		    uint8_t access, uint8_t gran)
{
	gdt[i].limit_lo = limit & 0xffff;
	gdt[i].base_lo = base & 0xffff;
	gdt[i].base_mid = (base >> 16) & 0xff;
	gdt[i].access = access;
	gdt[i].gran = (uint8_t)(gran | ((limit >> 16) & 0x0f));
	gdt[i].base_hi = (uint8_t)(base >> 24);
}

/*
 * Taking the descriptor away also clears %fs and %gs: the kernel keeps a
 * partition's values in them while it runs (entry.S saves them in the
 * frame but does not reload them), and a kernel context that another
 * partition's selector followed -- idle, a restart -- must not pop it
 * from a nested interrupt's frame once the descriptor is gone.  The
 * descriptor is this CPU's: each CPU has its own GDT.
 */
void desc_set_utls(uint32_t base, uint32_t limit_bytes, int present)
{
	struct cpu *c = cur_cpu();

	if (!present) {
		if (!c->utls_live)
			return;
		gdt_set(c->gdt, GDT_UTLS, 0, 0, 0x72, 0x40);
		__asm__ volatile("movl %0, %%fs; movl %0, %%gs" : : "r"(0) : "memory");
		c->utls_live = 0;
		return;
	}
	/* DPL 3 data, read/write.  Beyond 1 MiB the limit counts pages:
	 * rounded down, never past the end. */
	if (limit_bytes > 0x100000u)
		gdt_set(c->gdt, GDT_UTLS, base, limit_bytes / 4096u - 1u, 0xf2, 0xc0);
	else
		gdt_set(c->gdt, GDT_UTLS, base, limit_bytes - 1u, 0xf2, 0x40);
	c->utls_live = 1;
}

/* Reports the state the CPU saved in its main TSS when it switched tasks. */
static void __attribute__((noreturn)) double_fault_task(void)
{
	const struct tss *t = cpu_tss(this_cpu()->id);

	kprintf("EXCEPTION double fault in kernel (cpu %u)\n", this_cpu()->id);
	kprintf("  eip=%08x esp=%08x ebp=%08x eflags=%08x\n",
		t->eip, t->esp, t->ebp, t->eflags);
	panic("double fault (kernel stack unusable?) at eip %08x", t->eip);
}

volatile uint32_t nmi_count;

/*
 * Each NMI enters here, in a task of its own, and leaves by the iret that
 * returns to the interrupted task (NT is set) and unblocks NMIs; the next
 * one resumes after that iret.  It only counts: whatever it interrupted
 * (the console, the scheduler, a partition) is left exactly as it was,
 * and trap() reports the count from a safe place (nmi_poll).  Unless
 * another CPU is stopping the machine (smp_stopper, set before its NMIs
 * go out): then this is its stop, and the CPU parks here for good, with
 * NMIs blocked (smp.c, arch_stop_others).
 */
static void __attribute__((noreturn)) nmi_task(void)
{
	for (;;) {
		uint32_t stopper = smp_stopper;

		if (stopper && stopper != this_cpu()->id + 1)
			smp_park();
		__atomic_fetch_add(&nmi_count, 1, __ATOMIC_RELAXED);  /* any CPU */
		__asm__ volatile("iret" : : : "memory");
	}
}

/* A task of the kernel's own: ring 0, kernel page directory, interrupts
 * off, its own stack; GDT entry i describes its TSS. */
static void setup_task(struct gdt_entry *gdt, int i, struct tss *t, uint8_t *stack,
		       uint32_t size, void (*fn)(void))
{
	bh_memset(t, 0, sizeof(*t));
	t->eip = (uint32_t)fn;
	t->esp = t->esp0 = (uint32_t)(stack + size);
	t->cs = SEG_KCODE;
	t->ss = t->ss0 = t->ds = t->es = SEG_KDATA;
	t->fs = t->gs = SEG_UDATA;
	t->cr3 = paging_kernel_cr3();
	t->eflags = 0x2;                   /* interrupts off */
	t->iomap_base = sizeof(struct tss);
	gdt_set(gdt, i, (uint32_t)t, sizeof(*t) - 1, 0x89, 0x00);
}

static void set_task_gate(unsigned vector, unsigned selector)
{
	idt[vector].sel = (uint16_t)selector;
	idt[vector].off_lo = idt[vector].off_hi = 0;
	idt[vector].zero = 0;
	idt[vector].type = 0x85;           /* present, DPL 0, task gate */
}

void idt_set_gate(unsigned vector, uint32_t handler, unsigned dpl)
{
	idt[vector].off_lo = handler & 0xffff;
	idt[vector].sel = SEG_KCODE;
	idt[vector].zero = 0;
	idt[vector].type = (uint8_t)(0x8e | (dpl << 5));   /* present, 32-bit interrupt gate */
	idt[vector].off_hi = (uint16_t)(handler >> 16);
}

int idt_gate_is_task(unsigned vector, unsigned selector)
{
	return (idt[vector].type & 0x9f) == 0x85 && idt[vector].sel == selector;
}

unsigned idt_gate_dpl(unsigned vector)
{
	return (idt[vector].type >> 5) & 3;
}

static void load_segments(struct gdt_entry *gdt)
{
	struct desc_ptr p = { sizeof(struct gdt_entry) * GDT_ENTRIES - 1, (uint32_t)gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ds\n\t"
			 "mov %2, %%es\n\t"
			 "mov %2, %%ss\n\t"
			 "mov %3, %%fs\n\t"
			 "mov %3, %%gs\n\t"
			 "ltr %w4\n\t"
			 "lldt %w5"
			 : : "m"(p), "i"(SEG_KCODE), "r"(SEG_KDATA), "r"(SEG_UDATA),
			   "r"(SEG_TSS), "r"(0) : "memory");
}

/*
 * CPU c's GDT: the flat segments, its main TSS (cpu_tss) with the I/O map
 * base that reaches IOBITMAP_VA from where that TSS sits, its own double-
 * fault and NMI tasks; then loaded, with a null LDT (the boot loader's
 * LDTR pointed at whatever table it left in low memory, and ring 3 could
 * load selectors from it).  Paging must be on already: the TSS page is
 * mapped above the identity map.
 */
void desc_cpu_load(struct cpu *c)
{
	struct gdt_entry *gdt = c->gdt;
	struct tss *t = cpu_tss(c->id);
	uint32_t skew = c->id * TSS_STRIDE;

	gdt_set(gdt, 0, 0, 0, 0, 0);
	gdt_set(gdt, 1, 0, 0xfffff, 0x9a, 0xc0);     /* kernel code */
	gdt_set(gdt, 2, 0, 0xfffff, 0x92, 0xc0);     /* kernel data */
	gdt_set(gdt, 3, 0, 0xfffff, 0xfa, 0xc0);     /* user code, DPL 3 */
	gdt_set(gdt, 4, 0, 0xfffff, 0xf2, 0xc0);     /* user data, DPL 3 */
	/* The TLS slot: DPL 3 data but not present until a partition with a
	 * TLS segment runs, so loading its selector without one is a segment
	 * fault from the first instruction on — not a general protection
	 * fault (an all-zero descriptor) before anybody has set one. */
	gdt_set(gdt, GDT_UTLS, 0, 0, 0x72, 0x40);
	bh_memset(t, 0, sizeof(*t));
	t->ss0 = SEG_KDATA;
	t->cr3 = read_cr3();                         /* see paging_switch */
	t->iomap_base = (uint16_t)(sizeof(struct tss) + skew);
	gdt_set(gdt, 5, (uint32_t)t, TSS_LIMIT + skew, 0x89, 0x00);
	setup_task(gdt, 6, &c->df_tss, c->df_stack, sizeof(c->df_stack), double_fault_task);
	setup_task(gdt, 7, &c->nmi_tss, c->nmi_stack, sizeof(c->nmi_stack), nmi_task);
	load_segments(gdt);
	idt_load();
}

/* The one IDT, shared by every CPU: its gates name selectors, which each
 * CPU's own GDT resolves (an NMI runs the NMI task of the CPU it hit). */
void idt_load(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (uint32_t)idt };

	__asm__ volatile("lidt %0" : : "m"(p));
}

void desc_init(void)
{
	unsigned v;

	for (v = 0; v < 256; v++)
		idt_set_gate(v, vectors[v], 0);
	idt_set_gate(BH_HYPERCALL_VECTOR, (uint32_t)hcall_entry, 3);
	set_task_gate(2, SEG_NMI_TSS);
	set_task_gate(8, SEG_DF_TSS);
	cpus[0].id = 0;
	desc_cpu_load(&cpus[0]);
	kprintf("descriptors: null LDT, NMI and double fault on task gates, UMIP %s\n",
		cpu_enable_umip() ? "on" : "absent (sgdt/sidt/sldt/smsw/str stay "
		"readable from ring 3)");
}
