/* Compile-time checks that asm.h matches the ABI headers. */
#include <stddef.h>
#include "libpart.h"
#include "asm.h"
#include "internal.h"

#define SAME(a, b) _Static_assert((a) == (b), #a " != " #b)

SAME(LP_HYPERCALL_VECTOR, BH_HYPERCALL_VECTOR);
SAME(LP_HC_IRET, BH_HC_IRET);
SAME(LP_HC_VIRQ_SYNC, BH_HC_VIRQ_SYNC);
SAME(LP_VCPU_PAGE, BH_VCPU_PAGE);
SAME(LP_VCPU_IRQ_MASKED, offsetof(struct bh_vcpu_info, irq_masked));
SAME(LP_VCPU_PENDING, offsetof(struct bh_vcpu_info, upcall_pending));
SAME(LP_EFLAGS_IF, BH_EFLAGS_IF);
SAME(LP_F_EDI, offsetof(struct bh_upcall_frame, edi));
SAME(LP_F_ESI, offsetof(struct bh_upcall_frame, esi));
SAME(LP_F_EBP, offsetof(struct bh_upcall_frame, ebp));
SAME(LP_F_EBX, offsetof(struct bh_upcall_frame, ebx));
SAME(LP_F_EDX, offsetof(struct bh_upcall_frame, edx));
SAME(LP_F_ECX, offsetof(struct bh_upcall_frame, ecx));
SAME(LP_F_EAX, offsetof(struct bh_upcall_frame, eax));
SAME(LP_F_LINE, offsetof(struct bh_upcall_frame, line));
SAME(LP_F_EIP, offsetof(struct bh_upcall_frame, eip));
SAME(LP_F_CS, offsetof(struct bh_upcall_frame, cs));
SAME(LP_F_EFLAGS, offsetof(struct bh_upcall_frame, eflags));
SAME(LP_F_ESP, offsetof(struct bh_upcall_frame, esp));
SAME(LP_F_SS, offsetof(struct bh_upcall_frame, ss));
SAME(LP_F_SIZE, sizeof(struct bh_upcall_frame));
SAME(LP_NR_VLINES, BH_NR_VLINES);
SAME(1 << LP_SLOT_SHIFT, sizeof(struct virq_slot));
SAME(LP_SLOT_ARG, offsetof(struct virq_slot, arg));
