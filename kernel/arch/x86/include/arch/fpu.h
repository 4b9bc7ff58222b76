#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdint.h>

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

void fpu_init(void);
void fpu_reset(struct fpu_state *s);

#endif
