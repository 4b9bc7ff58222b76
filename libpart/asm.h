/*
 * Constants libpart's assembly needs.  The ABI headers declare them as C
 * enums and structs, which the assembler cannot read, so they are repeated
 * here and checked against the headers at compile time (asm_check.c); the
 * hypercall vector, a plain #define, is taken from the header itself.
 */
#ifndef LIBPART_ASM_H
#define LIBPART_ASM_H

#include <bulkhead/hypercall.h>

#define LP_HYPERCALL_VECTOR  BH_HYPERCALL_VECTOR
#define LP_HC_IRET           14
#define LP_HC_VIRQ_SYNC      15
#define LP_VCPU_PAGE         0x3ffff000
#define LP_VCPU_IRQ_MASKED   0     /* offsetof(struct bh_vcpu_info, irq_masked) */
#define LP_VCPU_PENDING      1     /* offsetof(struct bh_vcpu_info, upcall_pending) */
#define LP_EFLAGS_IF         0x200
#define LP_NR_VLINES         32
#define LP_SLOT_SHIFT        3     /* sizeof(struct virq_slot) == 8 */
#define LP_SLOT_ARG          4     /* offsetof(struct virq_slot, arg) */
/* Flags a ring-3 popfl may restore: CF PF AF ZF SF DF OF. */
#define LP_EFLAGS_USER       0xcd5

/* struct bh_upcall_frame */
#define LP_F_EDI      0
#define LP_F_ESI      4
#define LP_F_EBP      8
#define LP_F_EBX      12
#define LP_F_EDX      16
#define LP_F_ECX      20
#define LP_F_EAX      24
#define LP_F_LINE     28
#define LP_F_EIP      32
#define LP_F_CS       36
#define LP_F_EFLAGS   40
#define LP_F_ESP      44
#define LP_F_SS       48
#define LP_F_SIZE     52

#endif
