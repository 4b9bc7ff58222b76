/*
 * bulkhead arch: contexts and the FPU.
 *
 * Context model.  Every suspended task is one pointer to a struct
 * bh_upcall_frame on its own stack, however it was suspended:
 *   - preempted by an interrupt: the frame the kernel pushed for the
 *     upcall (the exit hook keeps it, see irq.c);
 *   - blocked in an RTOS call: a frame pushed by bh_frame_switch;
 *   - never run: the frame built by bh_frame_build.
 * Any of them is resumed the same two ways: from an upcall by returning it
 * from the exit hook (libpart gives it to BH_HC_IRET), from a task by
 * bh_frame_resume (ring 3, no hypercall).  Each upcall is thus matched by
 * exactly one iret, and the kernel's upcall nesting never grows with the
 * number of preempted tasks.
 *
 * FPU: deferred switching, as RTEMS does.  Only RTOS_FLOATING_POINT tasks
 * have an FPU area (512-byte fxsave image); the FPU holds the state of the
 * last such task to run (fp_owner) until another one is dispatched, when
 * fxsave/fxrstor (unprivileged) swap them.  Tasks without the attribute,
 * interrupt handlers and the RTOS itself (built -mgeneral-regs-only) never
 * touch x87/SSE registers, so a switch between them costs nothing.  This
 * relies on the kernel keeping CR4.OSFXSR set and CR0.TS clear for the
 * partition (it switches the FPU per partition itself).
 */
#include "arch.h"

#define FXSAVE_FCW    0      /* offsets in the fxsave image */
#define FXSAVE_MXCSR  24
#define FCW_DEFAULT   0x037fu   /* as after fninit: all exceptions masked */
#define MXCSR_DEFAULT 0x1f80u   /* as after reset: all exceptions masked */

static struct rtos_tcb *fp_owner;

static void task_start(void *tcb)
{
	rtos_thread_body(tcb);
}

void rtos_arch_context_init(struct rtos_tcb *t)
{
	t->ctx.frame = bh_frame_build((char *)t->stack + t->stack_size, task_start, t, 1);
}

void rtos_arch_fp_init(struct rtos_tcb *t)
{
	uint8_t *area = t->ctx.fp_area;

	memset(area, 0, 512);
	*(uint16_t *)(void *)(area + FXSAVE_FCW) = FCW_DEFAULT;
	*(uint32_t *)(void *)(area + FXSAVE_MXCSR) = MXCSR_DEFAULT;
}

void rtos_arch_fp_forget(struct rtos_tcb *t)
{
	if (fp_owner == t)
		fp_owner = NULL;
}

static void fp_switch(struct rtos_tcb *to)
{
	if (!to->ctx.fp_area || fp_owner == to)
		return;
	if (fp_owner)
		__asm__ volatile("fxsave (%0)" : : "r"(fp_owner->ctx.fp_area) : "memory");
	__asm__ volatile("fxrstor (%0)" : : "r"(to->ctx.fp_area) : "memory");
	fp_owner = to;
}

void rtos_arch_context_switch(struct rtos_tcb *from, struct rtos_tcb *to)
{
	fp_switch(to);
	if (from)
		bh_frame_switch(&from->ctx.frame, to->ctx.frame);
	else
		bh_frame_resume(to->ctx.frame);
}

struct bh_upcall_frame *rtos_arch_switch_from_isr(struct bh_upcall_frame *frame,
						  struct rtos_tcb *from,
						  struct rtos_tcb *to)
{
	from->ctx.frame = frame;
	fp_switch(to);
	return to->ctx.frame;
}

void rtos_arch_fatal(rtos_status_code code, const char *why)
{
	bh_panic("RTOS: %s (%s)", why, rtos_status_text(code));
}

void rtos_fatal(rtos_status_code code, const char *why)
{
	rtos_arch_fatal(code, why);
}
