/*
 * The frame every kernel entry builds on the kernel stack (entry.S).
 * Offsets used from assembly come from asm-offsets.c, never by hand.
 */
#ifndef ARCH_TRAPFRAME_H
#define ARCH_TRAPFRAME_H

#include <stdint.h>

struct trap_frame {
	/* pushal */
	uint32_t edi, esi, ebp, kesp, ebx, edx, ecx, eax;
	/* segment registers, pushed by entry.S */
	uint32_t gs, fs, es, ds;
	/* pushed by the generated stub */
	uint32_t vector, error;
	/* pushed by the CPU */
	uint32_t eip, cs, eflags;
	/* pushed by the CPU only on a change of privilege */
	uint32_t esp, ss;
};

_Static_assert(sizeof(struct trap_frame) == 19 * 4, "trap frame layout");

/* entry.S calls it for every entry from virtual-8086 mode (trap.c). */
__attribute__((regparm(1))) void trap_v86(struct trap_frame *tf);

/* Ring 3, or virtual-8086 mode, where cs is a real-mode segment: only a
 * partition can get there (entry.S from_v86, trap.c v86_exit). */
static inline int tf_from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3 || (tf->eflags & 0x00020000u);
}

#endif
