/*
 * The first frame of a new context (see bh_frame_build in libpart.h).
 */
#include "libpart.h"

static void entry_returned(void)
{
	bh_panic("a context's entry function returned");
}

struct bh_upcall_frame *bh_frame_build(void *stack_top, void (*entry)(void *),
				       void *arg, int irq_enabled)
{
	/* SysV i386: at a function's first instruction, esp + 4 is 16-aligned. */
	uint32_t *sp = (uint32_t *)((uintptr_t)stack_top & ~(uintptr_t)15) - 4;
	struct bh_upcall_frame *f;

	sp[0] = (uint32_t)arg;
	*--sp = (uint32_t)entry_returned;      /* entry's return address */
	f = (struct bh_upcall_frame *)sp - 1;
	*f = (struct bh_upcall_frame){
		.eip = (uint32_t)entry,
		.esp = (uint32_t)sp,
		.eflags = 0x2u | (irq_enabled ? BH_EFLAGS_IF : 0),  /* bit 1 is always set */
	};
	return f;
}
