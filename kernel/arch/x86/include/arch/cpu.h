/* The processor: what the kernel requires of it and what it turns on. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

#define CPUID7_ECX_UMIP (1u << 2)
#define CPUID1_EDX_SEP  (1u << 11)      /* sysenter/sysexit */
#define CPUIDX1_EDX_SYSCALL (1u << 11)  /* leaf 0x80000001: syscall */
#define MSR_SYSENTER_CS 0x174
#define MSR_EFER        0xc0000080u
#define EFER_SCE        1u

/* Before kmain: stop with a message on COM1 if the CPU lacks a feature
 * the build needs; turn caching on; disarm debug breakpoints. */
void cpu_check(void);
void cpu_harden(void);
void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4]);
/* Set CR4.UMIP if the CPU has it; returns whether it is on. */
int cpu_enable_umip(void);

#endif
