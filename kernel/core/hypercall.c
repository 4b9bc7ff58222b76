/*
 * The hypercall handlers and their table (dispatch: core/hypercall.h).
 * Each takes the caller's arguments a0..a4 as the arch decoded them and
 * returns the result.  Pointers go through ucopy.c only.
 */
#include <bulkhead/hypercall.h>
#include "core/hypercall.h"
#include "core/partition.h"
#include "core/vcpu.h"
#include "core/sched.h"
#include "core/hm.h"
#include "core/time.h"
#include "core/ucopy.h"
#include "core/console.h"
#include "core/lib.h"
#include "core/arch.h"
#include "core/port_hc.h"
#include "core/trace.h"

static int32_t hc_abi_version(struct partition *p, struct hc_args *a)
{
	return (int32_t)BH_ABI_VERSION;
}

static int32_t hc_part_self(struct partition *p, struct hc_args *a)
{
	struct bh_part_info info;
	size_t n = bh_strnlen(p->cfg->name, sizeof(info.name) - 1);

	bh_memset(&info, 0, sizeof(info));
	info.id = p->id;
	info.mode = p->mode;
	info.restarts = p->restarts;
	info.flags = p->cfg->flags;
	info.mem_size = p->size;
	info.stack_size = BH_PART_BASE + p->size - (p->guard_va + BH_PAGE_SIZE);
	bh_memcpy(info.name, p->cfg->name, n);
	info.start_condition = p->start_condition;
	if (copy_to_user(p, a->a0, &info, sizeof(info)))
		return -BH_EFAULT;
	return (int32_t)p->id;
}

static int32_t hc_console_write(struct partition *p, struct hc_args *a)
{
	uint32_t len = a->a1;
	const char *buf = user_bytes(p, a->a0, len);

	if (!buf)
		return -BH_EFAULT;
	/* Bounded work per call: this runs with interrupts off.  The bytes
	 * only go into the partition's ring (core/console.c), never to the
	 * UART directly. */
	len = BH_MIN(len, (uint32_t)BH_CONSOLE_WRITE_MAX);
	console_part_write(p, buf, len);
	return (int32_t)len;
}

static int32_t hc_time(struct partition *p, struct hc_args *a)
{
	uint32_t clock = a->a0, at = a->a1;
	uint64_t now;

	if (clock != BH_CLOCK_WALL && clock != BH_CLOCK_EXEC)
		return -BH_EINVAL;
	/* Checked before the clock is read: fewer registers live across it. */
	if (!user_u64_writable(p, at))
		return -BH_EFAULT;
	now = time_now_ns();
	if (clock == BH_CLOCK_EXEC)
		now = partition_exec_ns(p, now);
	*(volatile uint64_t *)at = now;
	return 0;
}

static int32_t hc_yield(struct partition *p, struct hc_args *a)
{
	sched_yield();
	return 0;
}

/* Does not return: the caller never runs again. */
static int32_t hc_halt_self(struct partition *p, struct hc_args *a)
{
	partition_halt(p);
	sched_leave();
	return 0;
}

/* A restart of the caller itself: bounded by its restart_limit (past it,
 * the caller is halted and this does not return). */
static int32_t restart(struct partition *p, int warm)
{
	hm_restart_request(p, 1, warm);
	return (int32_t)p->id;      /* the restarted partition's eax */
}

/* NORMAL again is no change (ARINC's NO_ACTION): 0 as well. */
static int32_t hc_set_mode(struct partition *p, struct hc_args *a)
{
	switch (a->a0) {
	case BH_MODE_IDLE:
		return hc_halt_self(p, a);
	case BH_MODE_COLD_START:
	case BH_MODE_WARM_START:
		return restart(p, a->a0 == BH_MODE_WARM_START);
	case BH_MODE_NORMAL:
		p->mode = BH_MODE_NORMAL;
		trace_ev(BH_TR_MODE, p->id, BH_MODE_NORMAL, p->start_condition);
		return 0;
	}
	return -BH_EINVAL;
}

/* Another partition, for a system partition: NULL with *err set if not. */
static struct partition *other(struct partition *p, uint32_t id, int32_t *err)
{
	*err = -BH_ENOENT;
	if (id >= n_partitions)
		return 0;
	*err = -BH_EPERM;
	if (&partitions[id] != p && !partition_is_system(p))
		return 0;
	*err = 0;
	return &partitions[id];
}

static int32_t control(struct partition *t, uint32_t mode)
{
	if (mode == BH_MODE_IDLE) {
		if (t->state != PART_HALTED)
			partition_halt(t);
		return 0;
	}
	hm_restart_request(t, 0, mode == BH_MODE_WARM_START);
	return 0;
}

/*
 * Another CPU's partition (issue 14): posted, and applied by its own CPU
 * (partition_remote_ctl says why never here) at a safe point: at once if
 * it is switched out there or runs in ring 3 (the interrupt), else when
 * its kernel entry is over (its next tick from ring 3) or at its CPU's
 * next window start.  The caller waits until the mode is applied, so that
 * a status read right after sees it, whether or not t was running — with
 * interrupts on, as a reload runs, on its own time (the tick may end its
 * window meanwhile), taking this CPU's T_IPIs.  Should a mode be posted
 * for the caller itself meanwhile, it stops waiting (t's is applied all
 * the same) and takes it: two system partitions controlling each other
 * from two CPUs never wait for each other.
 */
static int32_t control_remote(struct partition *p, struct partition *t, uint32_t mode)
{
	uint32_t gen;

	gen = partition_post_ctl(t, mode);
	arch_cpu_kick(t->cpu);
	arch_irq_enable();
	while ((int32_t)(__atomic_load_n(&t->ctl_done, __ATOMIC_ACQUIRE) - gen) < 0 &&
	       !__atomic_load_n(&p->remote_ctl, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	arch_irq_disable();
	return 0;
}

/*
 * A system partition stops (IDLE) or (re)starts, cold or warm, another
 * partition; its own mode it sets like any partition.  A partition whose
 * image was refused at boot has nothing to start.
 */
static int32_t hc_part_control(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct partition *t = other(p, a->a0, &err);

	if (!partition_is_system(p))
		return -BH_EPERM;
	if (!t)
		return err;
	if (t == p)
		return hc_set_mode(p, &(struct hc_args){ .a0 = a->a1 });
	if (a->a1 != BH_MODE_IDLE && a->a1 != BH_MODE_COLD_START &&
	    a->a1 != BH_MODE_WARM_START)
		return -BH_EINVAL;
	if (t->state == PART_FAILED)
		return -BH_ESTATE;
	if (vcpu_smp && t->cpu != arch_cpu_id())
		return control_remote(p, t, a->a1);
	return control(t, a->a1);
}

static int32_t hc_part_status(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct partition *t = other(p, a->a0, &err);
	struct bh_part_status st;

	if (!t)
		return err;
	bh_memset(&st, 0, sizeof(st));
	st.mode = t->state == PART_FAILED ? BH_MODE_IDLE : t->mode;
	st.restarts = t->restarts;
	st.start_condition = t->start_condition;
	st.loaded = t->state != PART_FAILED;
	st.last_hm_event = t->last_hm;
	st.last_hm_action = t->last_hm_action;
	return copy_to_user(p, a->a1, &st, sizeof(st));
}

static int32_t hc_plan_switch(struct partition *p, struct hc_args *a)
{
	if (!partition_is_system(p))
		return -BH_EPERM;
	return sched_plan_switch(a->a0);
}

static int32_t hc_shutdown(struct partition *p, struct hc_args *a)
{
	if (!partition_is_system(p))
		return -BH_EPERM;
	hm_stop_cpus();            /* the other CPUs too, on a machine that only halts */
	kprintf("bulkhead: shutdown requested by %s, status %u\n", p->cfg->name, a->a0);
	arch_system_exit((int)a->a0);
}

struct hm_out {
	struct partition *p;
	uint32_t buf;
};

/* The range was checked whole: each chunk's copy succeeds. */
static void hm_to_user(void *ctx, unsigned at, const struct bh_hm_entry *e, unsigned n)
{
	struct hm_out *o = ctx;

	copy_to_user(o->p, o->buf + at * sizeof(*e), e, n * sizeof(*e));
}

static int32_t hc_hm_read(struct partition *p, struct hc_args *a)
{
	struct hm_out o = { p, a->a0 };
	uint32_t max = a->a1;

	if (!partition_is_system(p))
		return -BH_EPERM;
	if (max > BH_HM_READ_MAX ||
	    !user_range_writable(p, a->a0, max * sizeof(struct bh_hm_entry)))
		return -BH_EFAULT;
	return (int32_t)hm_copy(max, a->a2, hm_to_user, &o);
}

static int32_t hc_hm_stats(struct partition *p, struct hc_args *a)
{
	struct bh_hm_stats st;
	int32_t r;

	if (!partition_is_system(p))
		return -BH_EPERM;
	r = hm_stats(a->a0, &st);
	if (r)
		return r;
	return copy_to_user(p, a->a1, &st, sizeof(st));
}

static int32_t hc_vcpu_entry(struct partition *p, struct hc_args *a)
{
	return vcpu_set_entry(p, a->a0, a->a1);
}

static int32_t hc_irq_attach(struct partition *p, struct hc_args *a)
{
	return vcpu_attach(p, a->a0);
}

static int32_t hc_irq_detach(struct partition *p, struct hc_args *a)
{
	return vcpu_detach(p, a->a0);
}

static int32_t hc_irq_unmask(struct partition *p, struct hc_args *a)
{
	return vcpu_unmask(p, a->a0);
}

/* Nothing to do: the exit path delivers what is pending. */
static int32_t hc_virq_sync(struct partition *p, struct hc_args *a)
{
	return 0;
}

/* Nothing to do until an interrupt: the CPU halts in the window. */
static int32_t hc_idle(struct partition *p, struct hc_args *a)
{
	sched_wait(p);
	return 0;
}

static int32_t hc_timer_set(struct partition *p, struct hc_args *a)
{
	uint64_t first = a->a1 | (uint64_t)a->a2 << 32;
	uint64_t period = a->a3 | (uint64_t)a->a4 << 32;

	return vtimer_set(p, a->a0, first, period);
}

static int32_t hc_part_restart(struct partition *p, struct hc_args *a)
{
	struct partition *target;

	if (a->a0 >= n_partitions)
		return -BH_ENOENT;
	target = &partitions[a->a0];
	if (target != p && !partition_is_system(p))
		return -BH_EPERM;
	if (target->state == PART_FAILED)
		return -BH_ESTATE;
	if (target == p)
		return restart(p, 0);
	hm_restart_request(target, 0, 0);
	return 0;
}

/*
 * ARINC 653 RAISE_APPLICATION_ERROR: the message (its first
 * BH_APP_ERROR_MSG_MAX bytes) goes out on the partition's own console,
 * under its console policy, on a line of its own; the code becomes the HM
 * record's error_code, the call site (the instruction after the call) its
 * eip; then the partition's hm_action for BH_HM_APPLICATION_ERROR is
 * done: ignore (logged, 0 returned), halt, a cold or warm restart (this
 * call then returns into the new start), or delivery to its error handler
 * (the handler runs first; the call returns 0 when it resumes the frame).
 */
static int32_t hc_raise_app_error(struct partition *p, struct hc_args *a)
{
	uint32_t len = BH_MIN(a->a2, (uint32_t)BH_APP_ERROR_MSG_MAX);
	const char *msg = user_bytes(p, a->a1, len);
	struct hm_fault f = { .ev = BH_HM_APPLICATION_ERROR, .vector = HM_NO_VECTOR,
			      .error = a->a0, .tf = hc_arch_frame(a), .msg = msg,
			      .msg_len = len };
	uint32_t restarts = p->restarts;

	if (!msg)
		return -BH_EFAULT;
	hm_arch_call_site(f.tf, &f);
	if (p->line_len)
		console_part_write(p, "\n", 1);
	console_part_write(p, msg, len);
	console_part_write(p, "\n", 1);
	if (hm_raise(p, &f))
		return hm_delivered_result(p, 0);
	return p->restarts != restarts ? (int32_t)p->id : 0;
}

/* hypercall_dispatch with the hypercall class traced: entry and exit. */
int32_t hypercall_traced(uint32_t nr, struct hc_args *a)
{
	int32_t r;

	trace_ev(BH_TR_HC_ENTRY, current->id, nr, a->a0);
	r = nr < BH_HC_COUNT ? hypercalls[nr](current, a) : -BH_ENOSYS;
	trace_ev(BH_TR_HC_EXIT, current->id, nr, (uint32_t)r);
	return r;
}

static int32_t hc_hm_handler(struct partition *p, struct hc_args *a)
{
	return hm_set_handler(p, a->a0);
}

static int32_t hc_hm_ack(struct partition *p, struct hc_args *a)
{
	return hm_ack(p, a->a0);
}

/*
 * The TLS segment runs from base to the end of the partition's memory:
 * wherever base is in it, the segment covers nothing of anyone else's
 * (and nothing of the vCPU page or a memory area, which lie outside).
 */
static int32_t hc_set_tls(struct partition *p, struct hc_args *a)
{
	uint32_t base = a->a0, end = BH_PART_BASE + p->size;

	if (base < BH_PART_BASE || base >= end)
		return -BH_EFAULT;
	return part_arch_set_tls(&p->arch, base, end - base);
}

static int32_t hc_nosys(struct partition *p, struct hc_args *a)
{
	return -BH_ENOSYS;
}

/* Every slot defaults to hc_nosys, so a number without a handler is safe. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const hypercall_fn hypercalls[BH_HC_COUNT] = {
	[0 ... BH_HC_COUNT - 1] = hc_nosys,
	[BH_HC_ABI_VERSION] = hc_abi_version,
	[BH_HC_PART_SELF] = hc_part_self,
	[BH_HC_CONSOLE_WRITE] = hc_console_write,
	[BH_HC_TIME] = hc_time,
	[BH_HC_YIELD] = hc_yield,
	[BH_HC_SET_MODE] = hc_set_mode,
	[BH_HC_HALT_SELF] = hc_halt_self,
	[BH_HC_PLAN_SWITCH] = hc_plan_switch,
	[BH_HC_SHUTDOWN] = hc_shutdown,
	[BH_HC_HM_READ] = hc_hm_read,
	[BH_HC_VCPU_ENTRY] = hc_vcpu_entry,
	[BH_HC_IRQ_ATTACH] = hc_irq_attach,
	[BH_HC_IRQ_DETACH] = hc_irq_detach,
	[BH_HC_IRQ_UNMASK] = hc_irq_unmask,
	[BH_HC_IRET] = vcpu_iret,
	[BH_HC_VIRQ_SYNC] = hc_virq_sync,
	[BH_HC_TIMER_SET] = hc_timer_set,
	[BH_HC_PART_RESTART] = hc_part_restart,
	[BH_HC_HM_STATS] = hc_hm_stats,
	[BH_HC_PORT_OPEN] = hc_port_open,
	[BH_HC_SAMPLING_WRITE] = hc_sampling_write,
	[BH_HC_SAMPLING_READ] = hc_sampling_read,
	[BH_HC_QUEUING_SEND] = hc_queuing_send,
	[BH_HC_QUEUING_RECEIVE] = hc_queuing_receive,
	[BH_HC_PORT_STATUS] = hc_port_status,
	[BH_HC_PORT_CLEAR] = hc_port_clear,
	[BH_HC_PORT_NOTIFY] = hc_port_notify,
	[BH_HC_PART_CONTROL] = hc_part_control,
	[BH_HC_PART_STATUS] = hc_part_status,
	[BH_HC_RAISE_APP_ERROR] = hc_raise_app_error,
	[BH_HC_SET_TLS] = hc_set_tls,
	[BH_HC_TRACE] = hc_trace,
	[BH_HC_IDLE] = hc_idle,
	[BH_HC_HM_HANDLER] = hc_hm_handler,
	[BH_HC_HM_ACK] = hc_hm_ack,
};
#pragma GCC diagnostic pop
