/*
 * bulkhead arch: interrupts, the clock tick, idle and start-up.
 *
 * Interrupt levels are libpart's virtual ones: disable is one store to the
 * shared vCPU page and returns the previous level; restore puts back
 * exactly that level (re-checking pending interrupts when it enables).
 *
 * Handlers installed with rtos_interrupt_catch run inside the upcall, on
 * the interrupted task's stack, with interrupts disabled, counted by
 * isr_nest so RTOS calls made from them do not switch tasks themselves.
 * The switch happens once, in libpart's exit hook at the end of the
 * upcall: if the heir changed, the interrupted frame becomes the executing
 * task's saved context and the heir's frame is resumed instead (see
 * context.c).
 */
#include "arch.h"

struct isr_slot {
	rtos_isr handler;
	void *arg;
};

static struct isr_slot isr_slots[BH_NR_VLINES];
static struct isr_slot notify_slots[BH_NR_VLINES];
static volatile uint32_t isr_nest;

unsigned rtos_arch_isr_disable(void)
{
	return bh_virq_disable();
}

void rtos_arch_isr_restore(unsigned level)
{
	bh_virq_restore(level);
}

int rtos_arch_in_isr(void)
{
	return isr_nest != 0;
}

rtos_interrupt_level rtos_interrupt_disable(void)
{
	return bh_virq_disable();
}

void rtos_interrupt_enable(rtos_interrupt_level level)
{
	bh_virq_restore(level);
}

void rtos_interrupt_flash(rtos_interrupt_level level)
{
	bh_virq_restore(level);
	bh_virq_disable();
}

int rtos_interrupt_is_in_progress(void)
{
	return isr_nest != 0;
}

static void isr_entry(unsigned line, void *arg)
{
	struct isr_slot *s = arg;

	isr_nest++;
	s->handler(s->arg);
	isr_nest--;
}

/* The upcall's own frame says which line it was for. */
static void run_notify(unsigned line)
{
	struct isr_slot *s;

	if (line >= BH_NR_VLINES || !notify_slots[line].handler)
		return;
	s = &notify_slots[line];
	isr_nest++;
	s->handler(s->arg);
	isr_nest--;
}

static struct bh_upcall_frame *isr_exit(struct bh_upcall_frame *frame)
{
	struct rtos_tcb *from = rtos_sched.executing, *to;

	run_notify(frame->line);
	if (isr_nest)            /* a nested upcall: the outer one switches */
		return frame;
	to = rtos_dispatch_from_isr();
	return to ? rtos_arch_switch_from_isr(frame, from, to) : frame;
}

static rtos_status_code from_bh_error(int r)
{
	switch (-r) {
	case 0: return RTOS_SUCCESSFUL;
	case BH_EINVAL: return RTOS_INVALID_NUMBER;
	case BH_EPERM:
	case BH_ENOENT: return RTOS_NOT_CONFIGURED;
	case BH_EBUSY: return RTOS_RESOURCE_IN_USE;
	default: return RTOS_IO_ERROR;
	}
}

static rtos_status_code install(unsigned line, rtos_isr handler, void *arg)
{
	unsigned level = bh_virq_disable();
	int r;

	isr_slots[line] = (struct isr_slot){ handler, arg };
	r = bh_virq_register(line, isr_entry, &isr_slots[line]);
	bh_virq_restore(level);
	return from_bh_error(r);
}

rtos_status_code rtos_interrupt_catch(unsigned line, rtos_isr handler, void *arg)
{
	if (line >= BH_NR_VLINES)
		return RTOS_INVALID_NUMBER;
	if (!handler)
		return RTOS_INVALID_ADDRESS;
	if (line == BH_VIRQ_TIMER)
		return RTOS_RESOURCE_IN_USE;    /* the clock tick */
	return install(line, handler, arg);
}

rtos_status_code rtos_interrupt_release(unsigned line)
{
	if (line >= BH_NR_VLINES || line == BH_VIRQ_TIMER)
		return RTOS_INVALID_NUMBER;
	return from_bh_error(bh_virq_unregister(line));
}

rtos_status_code rtos_interrupt_notify(unsigned line, rtos_isr handler, void *arg)
{
	unsigned level;

	if (line >= BH_NR_VLINES)
		return RTOS_INVALID_NUMBER;
	level = bh_virq_disable();
	notify_slots[line] = (struct isr_slot){ handler, arg };
	bh_virq_restore(level);
	return RTOS_SUCCESSFUL;
}

/* ---------------------------------------------------------------- clock -- */

/*
 * The tick: announce every tick boundary the wall clock has passed.  After
 * time out of the window this is several at once (clock.c explains why
 * the wall clock, not the kernel's coalesced interrupt count, decides).
 */
static void clock_isr(void *arg)
{
	clock_catch_up(bh_now_ns());
}

uint64_t rtos_arch_now_ns(void)
{
	return bh_now_ns();
}

static void clock_start(void)
{
	rtos_status_code r = install(BH_VIRQ_TIMER, clock_isr, NULL);

	if (r != RTOS_SUCCESSFUL)
		rtos_arch_fatal(r, "cannot attach the virtual timer line");
	if (bh_timer_set(BH_CLOCK_WALL, rtos_clock.next_tick_ns, rtos_clock.tick_ns) < 0)
		rtos_arch_fatal(RTOS_IO_ERROR, "cannot arm the virtual timer");
}

/* ----------------------------------------------------------------- idle -- */

/*
 * Give the rest of the window away unless a timer (a delay, a timeout, a
 * period end) falls due before the window ends: then keep the processor,
 * with interrupts enabled, so that tick is taken on time.  Outside that
 * case nothing can make a task ready in this window except a device
 * interrupt, which waits for the next window.  Without window information
 * from the kernel (length 0) it always yields.
 */
static int timer_due_in_window(void)
{
	uint64_t expire, due, len, start;
	unsigned level = bh_virq_disable();
	int armed = watchdog_next_expire(&expire);

	due = rtos_clock.epoch_ns + expire * rtos_clock.tick_ns;
	bh_virq_restore(level);
	len = bh_vcpu->window_length_ns;
	start = bh_vcpu->window_start_ns;
	return armed && len && due < start + len;
}

static void idle_body(rtos_task_argument arg)
{
	for (;;) {
		if (timer_due_in_window())
			__asm__ volatile("pause");
		else
			bh_yield();
	}
}

/* ------------------------------------------------------------- start-up -- */

void rtos_start(const struct rtos_config *cfg)
{
	uintptr_t start;
	uint32_t size;
	rtos_status_code r;
	rtos_id init_id;

	bh_virq_disable();
	if (bh_free_memory(&start, &size) < 0)
		rtos_arch_fatal(RTOS_NO_MEMORY, "no free memory for the workspace");
	workspace_init((void *)start, size);
	r = rtos_core_init(cfg, bh_now_ns(), idle_body, &init_id);
	if (r != RTOS_SUCCESSFUL)
		rtos_arch_fatal(r, "cannot create the first task");
	bh_virq_set_exit_hook(isr_exit);
	clock_start();
	rtos_sched.started = 1;
	/* The first task's frame enables interrupts as it resumes. */
	rtos_arch_context_switch(NULL, sched_take_heir());
	rtos_arch_fatal(RTOS_INTERNAL_ERROR, "rtos_start returned");
}
