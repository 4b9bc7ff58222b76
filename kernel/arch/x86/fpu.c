/*
 * FPU/SSE state.  Each partition has a 512-byte fxsave area; a partition
 * granted the FPU (BH_PART_F_FPU) has its state saved and restored eagerly
 * at every switch; one without it runs with CR0.TS set and clean
 * registers (fpu_arch_switch in arch/hooks.h), so no partition can see or
 * corrupt another's registers.
 */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/fpu.h"
#include "core/lib.h"

struct fpu_state fpu_initial_state;

/* This CPU's x87/SSE control bits (each AP sets its own). */
void fpu_cpu_init(void)
{
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
}

void fpu_init(void)
{
	fpu_cpu_init();
	fpu_save(&fpu_initial_state);
}

void fpu_reset(struct fpu_state *s)
{
	bh_memcpy(s, &fpu_initial_state, sizeof(*s));
}
