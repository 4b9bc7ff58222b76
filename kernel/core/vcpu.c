/*
 * Virtual interrupts.  The kernel's pending word is authoritative; the
 * shared page gets a copy for the guest's fast "anything pending?" check.
 * Delivery pushes a struct bh_upcall_frame on the guest stack and enters
 * the guest's entry point; BH_HC_IRET takes it back, sanitized.
 */
#include "core/vcpu.h"
#include "core/vlines.h"
#include "core/partition.h"
#include "core/irq.h"
#include "core/ucopy.h"
#include "core/hm.h"
#include "core/lib.h"
#include "core/arch.h"
#include <bulkhead/errno.h>
#include "core/trace.h"

void vcpu_reset(struct partition *p)
{
	struct vcpu *v = &p->vcpu;
	unsigned line;

	for (line = 0; line < BH_NR_HW_LINES; line++)
		if (v->attached & (1u << line))
			irq_unsubscribe(line, p->id);
	v->pending = v->attached = v->depth = 0;
	/* Raises posted from other CPUs for what it was: gone too (one
	 * racing with the reset may count for either). */
	__atomic_store_n(&p->remote_mask, 0, __ATOMIC_SEQ_CST);
	for (line = 0; line < BH_NR_VLINES; line++)
		__atomic_store_n(&p->remote_n[line], 0, __ATOMIC_RELAXED);
	v->entry = v->upcall_stack = 0;
	v->timer.deadline = 0;
	bh_memset(v->shared, 0, sizeof(*v->shared));
	v->shared->irq_masked = 1;        /* a partition starts disabled */
	v->shared->partition_id = p->id;
	v->shared->vcpu_id = 0;           /* one vCPU per partition so far */
	v->shared->cpu = p->cpu;
	hm_part_reset(p);
}

/* An upcall frame that fits nowhere: the partition's fault (out of line). */
static __attribute__((noinline)) void upcall_fault(struct partition *p,
						    struct trap_frame *tf, uint32_t sp)
{
	hm_raise_at(p, BH_HM_UPCALL_FAULT, tf, sp);
}

/* Lowest pending line first; only called with pending != 0, enabled.
 * (Ordered so that few values are live across the frame's copy.) */
ARCH_REGCALL void vcpu_deliver(struct partition *p, struct trap_frame *tf)
{
	struct vcpu *v = &p->vcpu;
	uint32_t sp = vcpu_arch_user_sp(tf), at, pending;
	unsigned line;

	if (!v->depth && v->upcall_stack)
		sp = v->upcall_stack;
	if (!upcall_frame_place(p, sp, &at)) {
		upcall_fault(p, tf, sp);
		return;
	}
	line = vlines_next(v->pending);
	vcpu_arch_upcall(tf, user_frame(at), at, v->entry, line);
	pending = v->pending & (v->pending - 1);   /* line's bit, the lowest, off */
	v->pending = pending;
	vlines_delivered(v->shared, pending, line);
	v->shared->upcall_depth = ++v->depth;
	v->shared->irq_masked = 1;
	trace_ev(BH_TR_VIRQ_DELIVER, p->id, line, v->depth);
}

/*
 * BH_HC_IRET (the table points here): resume the frame at guest address
 * a0 into the caller's frame (the arch sanitizes: nothing that grants
 * privilege comes from it).  Its interrupt flag chooses the virtual
 * interrupt state.
 */
int32_t vcpu_iret(struct partition *p, struct hc_args *a)
{
	uint32_t frame = a->a0;
	struct vcpu *v = &p->vcpu;
	int32_t eax;
	int virq_on;

	if (!v->depth)
		return -BH_ESTATE;
	if (!user_frame_ok(p, frame))
		return -BH_EFAULT;
	eax = vcpu_arch_iret(hc_arch_frame(a), user_frame(frame), &virq_on);
	v->shared->upcall_depth = --v->depth;
	v->shared->irq_masked = !virq_on;
	trace_ev(BH_TR_VIRQ_RETURN, p->id, v->depth, 0);
	return eax;
}

int vcpu_attach(struct partition *p, unsigned line)
{
	struct vcpu *v = &p->vcpu;
	int r;

	/* Lines from BH_VIRQ_PORT_FIRST are port notifications: for a
	 * partition that has ports; or its error handler's. */
	if (line >= BH_NR_VLINES ||
	    (line > BH_VIRQ_WINDOW && !p->has_ports && line != hm_handler_line(p)))
		return -BH_EINVAL;
	if (v->attached & (1u << line))
		return -BH_EBUSY;
	if (line < BH_NR_HW_LINES) {
		if (!(p->cfg->irq_lines & (1u << line)))
			return -BH_EPERM;
		r = irq_subscribe(line, p->id);
		if (r)
			return r;
	}
	v->attached |= 1u << line;
	v->shared->attached = v->attached;
	return 0;
}

int vcpu_detach(struct partition *p, unsigned line)
{
	struct vcpu *v = &p->vcpu;

	if (line >= BH_NR_VLINES)
		return -BH_EINVAL;
	if (!(v->attached & (1u << line)))
		return -BH_ENOENT;
	if (line < BH_NR_HW_LINES)
		irq_unsubscribe(line, p->id);
	v->attached &= ~(1u << line);
	v->pending &= ~(1u << line);
	v->shared->attached = v->attached;
	vlines_publish(v->shared, v->pending);
	return 0;
}

int vcpu_unmask(struct partition *p, unsigned line)
{
	if (line >= BH_NR_HW_LINES)
		return -BH_EINVAL;
	if (!(p->vcpu.attached & (1u << line)))
		return -BH_EPERM;
	return irq_ack(line, p->id);
}

/* A stack is checked by the rule delivery applies (not merely "writable",
 * which takes in the vCPU page, where no frame may go). */
int vcpu_set_entry(struct partition *p, uint32_t entry, uint32_t stack)
{
	uint32_t at;

	if (entry && !elf_in_code(&p->elf, entry))
		return -BH_EFAULT;
	if (stack && !upcall_frame_place(p, stack, &at))
		return -BH_EFAULT;
	p->vcpu.entry = entry;
	p->vcpu.upcall_stack = stack;
	return 0;
}

/* Out of line, last, from what the shared page now says: the switch path
 * keeps its registers when the class is off. */
static void __attribute__((noinline, cold)) trace_window_start(const struct partition *p)
{
	const struct bh_vcpu_info *s = p->vcpu.shared;

	trace_put(BH_TR_WIN_START, p->id, s->window | s->plan << 8,
		  (uint32_t)s->window_start_ns);
}

ARCH_REGCALL void vcpu_window_start(struct partition *p, uint64_t start, uint64_t len,
		       uint32_t plan, uint32_t window)
{
	struct bh_vcpu_info *s = p->vcpu.shared;

	s->window_start_ns = start;
	s->window_length_ns = len;
	s->plan = plan;
	s->window = window;
	vcpu_tick(p, start);
	vcpu_raise(p, BH_VIRQ_WINDOW);
	if (trace_on(BH_TRACE_SCHED))
		trace_window_start(p);
}

/*
 * Raises across CPUs (issue 14).  The raising CPU never touches p's vcpu
 * state, which p's CPU changes without a lock (delivery, iret): it counts
 * the raise in p->remote_n and marks the line in p->remote_mask, both
 * atomically, and interrupts p's CPU (T_IPI) if p runs there and nothing
 * was posted yet; p's CPU folds the posts in at that interrupt and
 * whenever it switches p in (sched.c), so a raise is never lost, and one
 * arrives while p runs or at its next window's start.  The pairs
 * "post, then read who runs" here and "set who runs, then fold" there are
 * both ordered by full barriers: either this CPU sees p running and
 * interrupts it, or p's CPU sees the post when it switches p in.
 */
int vcpu_smp;

void vcpu_raise_remote(struct partition *p, unsigned line)
{
	uint32_t was;

	__atomic_fetch_add(&p->remote_n[line], 1, __ATOMIC_SEQ_CST);
	was = __atomic_fetch_or(&p->remote_mask, 1u << line, __ATOMIC_SEQ_CST);
	if (!was && __atomic_load_n(&pcpus[p->cpu].cur, __ATOMIC_SEQ_CST) == p)
		arch_cpu_kick(p->cpu);
}

void vcpu_fold_remote(struct partition *p)
{
	struct vcpu *v = &p->vcpu;
	uint32_t m = __atomic_exchange_n(&p->remote_mask, 0, __ATOMIC_SEQ_CST);

	while (m) {
		unsigned line = (unsigned)__builtin_ctz(m);
		uint32_t n = __atomic_exchange_n(&p->remote_n[line], 0, __ATOMIC_SEQ_CST);

		m &= m - 1;
		if (!n)
			continue;
		v->shared->raised[line] += n - 1;       /* vlines_raise counts one */
		vlines_raise(v->shared, &v->pending, &v->attached, line);
		trace_ev(BH_TR_VIRQ_RAISE, p->id, line, v->attached >> line & 1);
	}
}
