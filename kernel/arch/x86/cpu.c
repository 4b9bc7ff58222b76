/*
 * The processor the kernel needs, checked before it is used.
 *
 * This file is compiled for the 80386 (Makefile): cpu_check() runs before
 * kmain, on whatever CPU the kernel was booted on, so it may use nothing
 * the rest of the kernel (built with -march=pentium3) may emit — no cmov —
 * and it writes its verdict on COM1 with its own polled output, before the
 * console is set up.
 */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "arch/cpu.h"
#include "core/arch.h"


/* What the build relies on, CPUID.1:EDX, and why. */
static const struct {
	uint32_t bit;
	const char *name;
} needed[] = {
	{ 1u << 0, "FPU" },     /* x87 state is part of every partition's */
	{ 1u << 3, "PSE" },     /* 4 MiB pages in the kernel's identity map */
	{ 1u << 4, "TSC" },     /* rdtsc */
	{ 1u << 13, "PGE" },    /* global kernel pages */
	{ 1u << 15, "CMOV" },   /* -march=pentium3 code */
	{ 1u << 24, "FXSR" },   /* fxsave/fxrstor at every switch */
	{ 1u << 25, "SSE" },    /* CR4.OSXMMEXCPT; partitions' SSE state */
};

static void early_putc(char c)
{
	unsigned spin = 100000;

	while (!(inb(COM1 + 5) & 0x20) && --spin)
		;
	outb(COM1, (uint8_t)c);
}

static void early_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			early_putc('\r');
		early_putc(*s);
	}
}

static void early_uart_init(void)
{
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x80);
	outb(COM1 + 0, 0x01);   /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);   /* 8N1 */
	outb(COM1 + 4, 0x03);   /* DTR, RTS */
}

/* CPUID exists if software can flip EFLAGS.ID (a 386 or early 486 cannot). */
static int has_cpuid(void)
{
	uint32_t a, b;

	__asm__ volatile("pushfl\n\t"
			 "pushfl\n\t"
			 "popl %0\n\t"
			 "movl %0, %1\n\t"
			 "xorl %2, %0\n\t"
			 "pushl %0\n\t"
			 "popfl\n\t"
			 "pushfl\n\t"
			 "popl %0\n\t"
			 "popfl"
			 : "=&r"(a), "=&r"(b) : "i"(EFLAGS_ID) : "cc");
	return ((a ^ b) & EFLAGS_ID) != 0;
}

void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static void __attribute__((noreturn)) refuse(uint32_t missing)
{
	unsigned i;

	early_puts("\nbulkhead: this processor cannot run this kernel: missing");
	if (missing == ~0u)
		early_puts(" CPUID");
	for (i = 0; missing != ~0u && i < sizeof(needed) / sizeof(needed[0]); i++)
		if (missing & needed[i].bit) {
			early_puts(" ");
			early_puts(needed[i].name);
		}
	early_puts("\nbulkhead: the minimum is a Pentium III (i686 with FXSR and SSE)\n");
	arch_system_exit(1);
}

/* Caching on, whatever the firmware left (Bochs's BIOS leaves CD and NW
 * set); wbinvd so that no line written while NW was set is lost. */
static void enable_caches(void)
{
	uint32_t cr0 = read_cr0();

	if (cr0 & (CR0_CD | CR0_NW)) {
		__asm__ volatile("wbinvd" : : : "memory");
		write_cr0(cr0 & ~(CR0_CD | CR0_NW));
		__asm__ volatile("wbinvd" : : : "memory");
	}
}

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "A"(v));
}

static uint64_t rdmsr(uint32_t msr)
{
	uint64_t v;

	__asm__ volatile("rdmsr" : "=A"(v) : "c"(msr));
	return v;
}

/*
 * The only way into ring 0 is the IDT: sysenter and syscall stay unarmed,
 * whatever the firmware left in their MSRs (a nonzero SYSENTER_CS would
 * let ring 3 jump to SYSENTER_EIP in ring 0).
 */
static void disarm_fast_syscalls(uint32_t edx1)
{
	uint32_t r[4];

	if (edx1 & CPUID1_EDX_SEP)
		wrmsr(MSR_SYSENTER_CS, 0);
	cpuid(0x80000000u, 0, r);
	if (r[0] < 0x80000001u)
		return;
	cpuid(0x80000001u, 0, r);
	if (r[3] & CPUIDX1_EDX_SYSCALL)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) & ~EFER_SCE);
}

void cpu_check(void)
{
	uint32_t r[4], missing = 0;
	unsigned i;

	early_uart_init();
	if (!has_cpuid())
		refuse(~0u);
	cpuid(1, 0, r);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (!(r[3] & needed[i].bit))
			missing |= needed[i].bit;
	if (missing)
		refuse(missing);
	cpu_harden();
}

/* What every CPU needs before kernel code relies on it (the boot CPU in
 * cpu_check, each AP as it starts: these registers are per CPU). */
void cpu_harden(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	enable_caches();
	disarm_fast_syscalls(r[3]);
	/* No breakpoints the firmware or a boot loader may have armed. */
	__asm__ volatile("movl %0, %%dr7" : : "r"(0u));
}

/*
 * With UMIP, ring 3 can no longer read the descriptor-table registers,
 * the machine status word or the task register (sgdt, sidt, sldt, smsw,
 * str): they would show it kernel addresses.
 */
int cpu_enable_umip(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	cpuid(7, 0, r);
	if (!(r[2] & CPUID7_ECX_UMIP))
		return 0;
	write_cr4(read_cr4() | CR4_UMIP);
	return 1;
}
