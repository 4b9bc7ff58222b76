/*
 * bulkhead public ABI: virtual interrupts and the shared vCPU page.
 *
 * Each partition has one vCPU.  Its state the guest needs at speed lives in
 * a page mapped read-write at BH_VCPU_PAGE.  The kernel never trusts what it
 * reads there: the only field it reads is irq_masked (any non-zero value
 * means "disabled"); everything else is written by the kernel for the
 * guest's information and the kernel's own copy is authoritative.
 *
 * Virtual lines:  0..15  hardware interrupt lines (the 8259 line number,
 *                        not the CPU vector) routed by configuration;
 *                 16     BH_VIRQ_TIMER   the partition's virtual timer;
 *                 17     BH_VIRQ_WINDOW  its scheduling window has begun;
 *                 18..31 ports (BH_VIRQ_PORT_FIRST, hypercall.h).
 * Delivery order is fixed: the lowest pending line first.
 */
#ifndef BULKHEAD_VCPU_H
#define BULKHEAD_VCPU_H

#include <stdint.h>
#include "layout.h"
#include "abicheck.h"

#define BH_NR_HW_LINES   16        /* the 8259 pair's (checked in pic.c) */
#define BH_VIRQ_TIMER    BH_NR_HW_LINES   /* the first line after them */
#define BH_VIRQ_WINDOW   (BH_VIRQ_TIMER + 1)
#define BH_NR_VLINES     32

struct bh_vcpu_info {
	/* Guest-owned: 0 = virtual interrupts enabled, non-zero = disabled. */
	volatile uint8_t  irq_masked;
	/* Kernel-owned: non-zero while some attached line is pending. */
	volatile uint8_t  upcall_pending;
	/* Kernel-owned: this vCPU's number in its partition (0: one vCPU
	 * per partition so far; room for more). */
	volatile uint16_t vcpu_id;
	volatile uint32_t pending;          /* bit n: line n pending */
	volatile uint32_t attached;         /* bit n: line n attached */
	volatile uint32_t upcall_depth;     /* upcalls delivered, not yet returned */
	volatile uint32_t partition_id;
	volatile uint32_t plan;             /* current schedule plan */
	volatile uint32_t window;           /* index of the window in the plan */
	volatile uint32_t cpu;              /* the CPU the vCPU is bound to */
	volatile uint64_t window_start_ns;  /* wall-clock time the window began */
	volatile uint64_t window_length_ns;
	volatile uint64_t wall_ns;          /* wall clock at the last kernel tick */
	volatile uint64_t exec_ns;          /* partition's execution clock, same tick */
	volatile uint32_t raised[BH_NR_VLINES];    /* occurrences per line */
	volatile uint32_t delivered[BH_NR_VLINES]; /* upcalls per line */
};

/*
 * The frame the kernel pushes on the guest stack when it delivers an upcall.
 * On entry to the guest's upcall handler: esp points at this frame,
 * eax = line, virtual interrupts are disabled (irq_masked = 1).
 * BH_HC_IRET with ebx = the frame's address resumes it: every general
 * register, eip, esp and the arithmetic flags come from the frame; cs, ss,
 * IOPL and the real IF are never taken from it.  The virtual interrupt state
 * after the iret is taken from the frame's IF bit (set in every frame the
 * kernel builds), so a guest may also resume a frame with virtual interrupts
 * disabled.
 */
struct bh_upcall_frame {
	uint32_t edi, esi, ebp, ebx, edx, ecx, eax;
	uint32_t line;
	uint32_t eip, cs, eflags, esp, ss;
};

#define BH_EFLAGS_IF  0x200u

#define bh_vcpu ((struct bh_vcpu_info *)BH_VCPU_PAGE)

/* The layout of the shared page and the upcall frame, fixed by the ABI (abicheck.h). */
BH_ABI_SIZE(struct bh_vcpu_info, 320);
BH_ABI_AT(struct bh_vcpu_info, irq_masked, 0);
BH_ABI_AT(struct bh_vcpu_info, upcall_pending, 1);
BH_ABI_AT(struct bh_vcpu_info, vcpu_id, 2);
BH_ABI_AT(struct bh_vcpu_info, pending, 4);
BH_ABI_AT(struct bh_vcpu_info, attached, 8);
BH_ABI_AT(struct bh_vcpu_info, upcall_depth, 12);
BH_ABI_AT(struct bh_vcpu_info, partition_id, 16);
BH_ABI_AT(struct bh_vcpu_info, plan, 20);
BH_ABI_AT(struct bh_vcpu_info, window, 24);
BH_ABI_AT(struct bh_vcpu_info, cpu, 28);
BH_ABI_AT(struct bh_vcpu_info, window_start_ns, 32);
BH_ABI_AT(struct bh_vcpu_info, window_length_ns, 40);
BH_ABI_AT(struct bh_vcpu_info, wall_ns, 48);
BH_ABI_AT(struct bh_vcpu_info, exec_ns, 56);
BH_ABI_AT(struct bh_vcpu_info, raised, 64);
BH_ABI_AT(struct bh_vcpu_info, delivered, 192);
BH_ABI_SIZE(struct bh_upcall_frame, 52);
BH_ABI_AT(struct bh_upcall_frame, edi, 0);
BH_ABI_AT(struct bh_upcall_frame, esi, 4);
BH_ABI_AT(struct bh_upcall_frame, ebp, 8);
BH_ABI_AT(struct bh_upcall_frame, ebx, 12);
BH_ABI_AT(struct bh_upcall_frame, edx, 16);
BH_ABI_AT(struct bh_upcall_frame, ecx, 20);
BH_ABI_AT(struct bh_upcall_frame, eax, 24);
BH_ABI_AT(struct bh_upcall_frame, line, 28);
BH_ABI_AT(struct bh_upcall_frame, eip, 32);
BH_ABI_AT(struct bh_upcall_frame, cs, 36);
BH_ABI_AT(struct bh_upcall_frame, eflags, 40);
BH_ABI_AT(struct bh_upcall_frame, esp, 44);
BH_ABI_AT(struct bh_upcall_frame, ss, 48);

#endif
