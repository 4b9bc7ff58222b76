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
#include "core/lib.h"
#include "core/console.h"

struct gdt_entry {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, gran, base_hi;
} __attribute__((packed));

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

struct desc_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static struct gdt_entry gdt[GDT_ENTRIES];
/* A double fault runs as its own task, on its own stack: it is what the
 * CPU raises when the kernel stack itself is unusable.  An NMI does too:
 * it can arrive anywhere, even between an entry stub and its frame, and
 * must find a stack it did not interrupt. */
static struct tss df_tss, nmi_tss;
static uint8_t df_stack[4096] __attribute__((aligned(16)));
static uint8_t nmi_stack[4096] __attribute__((aligned(16)));
static struct idt_gate idt[256];
extern const uint32_t vectors[256];

static void gdt_set(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t gran)
{
	gdt[i].limit_lo = limit & 0xffff;
	gdt[i].base_lo = base & 0xffff;
	gdt[i].base_mid = (base >> 16) & 0xff;
	gdt[i].access = access;
	gdt[i].gran = (uint8_t)(gran | ((limit >> 16) & 0x0f));
	gdt[i].base_hi = (uint8_t)(base >> 24);
}

int desc_utls_live;

/*
 * Taking the descriptor away also clears %fs and %gs: the kernel keeps a
 * partition's values in them while it runs (entry.S saves them in the
 * frame but does not reload them), and a kernel context that another
 * partition's selector followed -- idle, a restart -- must not pop it
 * from a nested interrupt's frame once the descriptor is gone.
 */
void desc_set_utls(uint32_t base, uint32_t limit_bytes, int present)
{
	if (!present) {
		if (!desc_utls_live)
			return;
		gdt_set(GDT_UTLS, 0, 0, 0x72, 0x40);
		__asm__ volatile("movl %0, %%fs; movl %0, %%gs" : : "r"(0) : "memory");
		desc_utls_live = 0;
		return;
	}
	/* DPL 3 data, read/write.  Beyond 1 MiB the limit counts pages:
	 * rounded down, never past the end. */
	if (limit_bytes > 0x100000u)
		gdt_set(GDT_UTLS, base, limit_bytes / 4096u - 1u, 0xf2, 0xc0);
	else
		gdt_set(GDT_UTLS, base, limit_bytes - 1u, 0xf2, 0x40);
	desc_utls_live = 1;
}

/* Reports the state the CPU saved in the main TSS when it switched tasks. */
static void __attribute__((noreturn)) double_fault_task(void)
{
	kprintf("EXCEPTION double fault in kernel\n");
	kprintf("  eip=%08x esp=%08x ebp=%08x eflags=%08x\n",
		TSS->eip, TSS->esp, TSS->ebp, TSS->eflags);
	panic("double fault (kernel stack unusable?) at eip %08x", TSS->eip);
}

volatile uint32_t nmi_count;

/*
 * Each NMI enters here, in a task of its own, and leaves by the iret that
 * returns to the interrupted task (NT is set) and unblocks NMIs; the next
 * one resumes after that iret.  It only counts: whatever it interrupted
 * (the console, the scheduler, a partition) is left exactly as it was,
 * and trap() reports the count from a safe place (nmi_poll).
 */
static void __attribute__((noreturn)) nmi_task(void)
{
	for (;;) {
		nmi_count++;
		__asm__ volatile("iret" : : : "memory");
	}
}

/* A task of the kernel's own: ring 0, kernel page directory, interrupts
 * off, its own stack; GDT entry i describes its TSS. */
static void setup_task(int i, struct tss *t, uint8_t *stack, uint32_t size,
		       void (*fn)(void))
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
	gdt_set(i, (uint32_t)t, sizeof(*t) - 1, 0x89, 0x00);
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

static void load_segments(void)
{
	struct desc_ptr p = { sizeof(gdt) - 1, (uint32_t)gdt };

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

void desc_init(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (uint32_t)idt };
	unsigned v;

	gdt_set(1, 0, 0xfffff, 0x9a, 0xc0);     /* kernel code */
	gdt_set(2, 0, 0xfffff, 0x92, 0xc0);     /* kernel data */
	gdt_set(3, 0, 0xfffff, 0xfa, 0xc0);     /* user code, DPL 3 */
	gdt_set(4, 0, 0xfffff, 0xf2, 0xc0);     /* user data, DPL 3 */
	/* The TLS slot: DPL 3 data but not present until a partition with a
	 * TLS segment runs, so loading its selector without one is a segment
	 * fault from the first instruction on — not a general protection
	 * fault (an all-zero descriptor) before anybody has set one. */
	gdt_set(GDT_UTLS, 0, 0, 0x72, 0x40);
	/* The TSS sits at TSS_VA so that its I/O bitmap is the page-mapped,
	 * per-partition one (paging.h); paging must be on already. */
	bh_memset(TSS, 0, sizeof(*TSS));
	TSS->ss0 = SEG_KDATA;
	TSS->cr3 = read_cr3();                  /* see paging_switch (arch/hooks.h) */
	TSS->iomap_base = sizeof(struct tss);
	gdt_set(5, TSS_VA, TSS_LIMIT, 0x89, 0x00);
	setup_task(6, &df_tss, df_stack, sizeof(df_stack), double_fault_task);
	setup_task(7, &nmi_tss, nmi_stack, sizeof(nmi_stack), nmi_task);
	/* A null LDT: the boot loader's LDTR pointed at whatever table it
	 * left in low memory, and ring 3 could load selectors from it. */
	load_segments();

	for (v = 0; v < 256; v++)
		idt_set_gate(v, vectors[v], 0);
	idt_set_gate(BH_HYPERCALL_VECTOR, (uint32_t)hcall_entry, 3);
	set_task_gate(2, SEG_NMI_TSS);
	set_task_gate(8, SEG_DF_TSS);
	__asm__ volatile("lidt %0" : : "m"(p));
	kprintf("descriptors: null LDT, NMI and double fault on task gates, UMIP %s\n",
		cpu_enable_umip() ? "on" : "absent (sgdt/sidt/sldt/smsw/str stay "
		"readable from ring 3)");
}
