#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdint.h>
#include "arch/x86.h"
#include "arch/smp.h"

struct fpu_state {
	uint8_t area[512];
} __attribute__((aligned(16)));

extern struct fpu_state fpu_initial_state;

static inline void fpu_save(struct fpu_state *s)
{
	__asm__ volatile("fxsave %0" : "=m"(*s));
}

static inline void fpu_restore(const struct fpu_state *s)
{
	__asm__ volatile("fxrstor %0" : : "m"(*s));
}

/* The registers hold a partition's values (not the initial state), and
 * CR0.TS is set: kept per CPU (struct cpu) so that a switch reads no
 * control register. */
#define fpu_dirty (cur_cpu()->fpu_dirty_)
#define fpu_ts (cur_cpu()->fpu_ts_)

static inline void fpu_clear_ts(void)
{
	__asm__ volatile("clts" : : : "memory");
	fpu_ts = 0;
}

static inline void fpu_set_ts(void)
{
	uint32_t cr0;

	__asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0 | CR0_TS) : "memory");
	fpu_ts = 1;
}

void fpu_init(void);
void fpu_cpu_init(void);
void fpu_reset(struct fpu_state *s);

#endif
