/*
 * A partition's processor state (struct part_arch): its address space,
 * its first user frame and the kernel context that enters it.
 */
#include <bulkhead/layout.h>
#include "core/arch.h"
#include "core/boot.h"
#include "core/lib.h"

extern void trapret(void);


int part_arch_space(struct part_arch *a, const struct part_space *s,
		    arch_page_alloc_t alloc)
{
	uint32_t iobitmap = alloc(PMEM_IOBITMAP_PAGES), i;

	if (!iobitmap)
		return -BH_ENOSPC;
	a->fpu_granted = s->fpu;
	bh_memset((void *)iobitmap, 0xff, 8192);
	for (i = 0; i < BH_MAX_IO_RANGES; i++)
		if (s->io[i].count)
			iobitmap_allow(iobitmap, s->io[i].base, s->io[i].count);
	return paging_new_space(&a->as, s->phys, s->size, s->ro_end, s->guard_va,
				s->vcpu_page, iobitmap, alloc);
}

int part_arch_map_area(struct part_arch *a, uint32_t va, uint32_t phys, uint32_t size,
		       int writable, arch_page_alloc_t alloc)
{
	return paging_map_area(&a->as, va, phys, size, writable, alloc);
}

/*
 * A kernel context is what context_switch pops: ebp and a return
 * address (sp's top, pushed by the caller), here below the user frame at
 * the top of the kernel stack: where context_switch "returns" to.  No
 * other register comes with it (arch/hooks.h, arch_context_switch):
 * trapret loads them all from the frame, and a function started there
 * saves what it uses.
 */
static void push_context(struct part_arch *a, uint32_t *sp)
{
	*--sp = 0;      /* ebp */
	a->kesp = (uint32_t)sp;
}

void part_arch_reset(struct part_arch *a, uint32_t kstack_top, uint32_t entry,
		     uint32_t sp, uint32_t arg, int running)
{
	struct trap_frame *tf = (struct trap_frame *)kstack_top - 1;
	uint32_t *ksp = (uint32_t *)tf;

	bh_memset(tf, 0, sizeof(*tf));
	tf->eip = entry;
	tf->cs = SEG_UCODE;
	tf->eflags = EFLAGS_FIXED | EFLAGS_IF;
	tf->esp = sp;
	tf->ss = tf->ds = tf->es = tf->fs = tf->gs = SEG_UDATA;
	tf->eax = arg;
	a->tf = tf;
	a->kstack_top = kstack_top;
	/* The frame above holds no TLS selector, so the segment may go. */
	a->tls_base = a->tls_size = 0;
	if (running)
		desc_set_utls(0, 0, 0);
	fpu_reset(&a->fpu);
	if (running) {
		if (a->fpu_granted)
			fpu_restore(&a->fpu);      /* it owns the FPU right now */
		return;
	}
	*--ksp = (uint32_t)trapret;
	push_context(a, ksp);
}

int32_t part_arch_set_tls(struct part_arch *a, uint32_t base, uint32_t size)
{
	a->tls_base = base;
	a->tls_size = size;
	desc_set_utls(base, size, 1);    /* a is running: its next trapret loads it */
	return SEG_UTLS;
}

void part_arch_restart_context(struct part_arch *a, uint32_t kstack_top,
			       void (*fn)(void))
{
	uint32_t *ksp = (uint32_t *)((struct trap_frame *)kstack_top - 1);

	*--ksp = (uint32_t)trapret;
	*--ksp = (uint32_t)fn;
	push_context(a, ksp);
}
