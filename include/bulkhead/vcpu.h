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
	uint8_t           reserved0[2];
	volatile uint32_t pending;          /* bit n: line n pending */
	volatile uint32_t attached;         /* bit n: line n attached */
	volatile uint32_t upcall_depth;     /* upcalls delivered, not yet returned */
	volatile uint32_t partition_id;
	volatile uint32_t plan;             /* current schedule plan */
	volatile uint32_t window;           /* index of the window in the plan */
	uint32_t          reserved1;
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
BH_ABI_AT(struct bh_vcpu_info, pending, 4);
BH_ABI_AT(struct bh_vcpu_info, attached, 8);
BH_ABI_AT(struct bh_vcpu_info, upcall_depth, 12);
BH_ABI_AT(struct bh_vcpu_info, partition_id, 16);
BH_ABI_AT(struct bh_vcpu_info, plan, 20);
BH_ABI_AT(struct bh_vcpu_info, window, 24);
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

/*
 * The error handler's page area (ARINC 653 GET_ERROR_STATUS), in the vCPU
 * page at BH_HM_AREA.  An error whose hm_action is BH_HM_ACT_DELIVER is
 * written to status, and the line the partition registered with
 * BH_HC_HM_HANDLER is delivered at once, as an upcall whose frame is the
 * context of the error: eip the faulting instruction (a fault) or the
 * next one (a trap: an application error, a single step).  It is
 * delivered only if the partition can take it there and then: a line
 * registered and attached, an upcall entry, virtual interrupts enabled
 * (an error with them disabled is the guest kernel's own, a partition-
 * level error), a place for the frame, and no earlier error still
 * unacknowledged.  Otherwise the partition's hm_escalate action is taken
 * instead (halt, cold or warm restart): an error in the error handler
 * never loops.  The handler reads status, then BH_HC_HM_ACK(status.seq),
 * then resumes — for a fault never the frame as it came (the same
 * instruction would fault again): it moves eip past the instruction, or
 * to code that stops the failed process, or resumes another context.  The
 * same fault again at the same eip and esp as the one delivered last is
 * taken as resumed unchanged, and escalated.
 * process_hint is the guest's: the kernel copies it into status.process
 * at the error (a guest RTOS stores its running process's id there).
 */
struct bh_error_status {
	uint32_t seq;              /* the error's number, 1, 2, ...; 0: none yet */
	uint32_t unacked;          /* 1 from delivery to BH_HC_HM_ACK */
	uint32_t code;             /* BH_ARINC_* (hypercall.h) */
	uint32_t event;            /* enum bh_hm_event */
	uint32_t vector;           /* CPU exception vector, 0xffff if none */
	uint32_t eip;              /* the faulting instruction; a trap's next */
	uint32_t esp;              /* the stack pointer at the error */
	uint32_t addr;             /* the faulting address (page fault: cr2) */
	uint32_t error;            /* CPU error code; application error: its code */
	uint32_t process;          /* process_hint at the error */
	uint32_t msg_len;          /* application error: bytes in msg */
	char     msg[64];          /* its message (BH_APP_ERROR_MSG_MAX) */
};

struct bh_hm_area {
	volatile uint32_t process_hint;   /* guest-owned */
	uint32_t reserved;
	struct bh_error_status status;    /* kernel-owned */
};

#define BH_HM_AREA_OFFSET 0x800u
#define bh_hm_shared ((volatile struct bh_hm_area *)(BH_VCPU_PAGE + BH_HM_AREA_OFFSET))

BH_ABI_SIZE(struct bh_error_status, 108);
BH_ABI_AT(struct bh_error_status, seq, 0);
BH_ABI_AT(struct bh_error_status, unacked, 4);
BH_ABI_AT(struct bh_error_status, code, 8);
BH_ABI_AT(struct bh_error_status, event, 12);
BH_ABI_AT(struct bh_error_status, vector, 16);
BH_ABI_AT(struct bh_error_status, eip, 20);
BH_ABI_AT(struct bh_error_status, esp, 24);
BH_ABI_AT(struct bh_error_status, addr, 28);
BH_ABI_AT(struct bh_error_status, error, 32);
BH_ABI_AT(struct bh_error_status, process, 36);
BH_ABI_AT(struct bh_error_status, msg_len, 40);
BH_ABI_AT(struct bh_error_status, msg, 44);
BH_ABI_SIZE(struct bh_hm_area, 116);
BH_ABI_AT(struct bh_hm_area, process_hint, 0);
BH_ABI_AT(struct bh_hm_area, status, 8);
_Static_assert(BH_HM_AREA_OFFSET >= sizeof(struct bh_vcpu_info) &&
	       BH_HM_AREA_OFFSET + sizeof(struct bh_hm_area) <= BH_PAGE_SIZE,
	       "the error handler's area is in the vCPU page, after bh_vcpu_info");

#endif
