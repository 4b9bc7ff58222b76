/*
 * Health monitoring in the partition.  Errors of a process (an application
 * error it raises, a deadline it misses) go to the error handler if the
 * partition created one: they wait in a queue, the handler reads them with
 * GET_ERROR_STATUS and is started again while any wait.  Without a handler
 * -- or raised by the handler itself -- an error is the partition's: it
 * goes to the kernel's health monitor (BH_HC_RAISE_APP_ERROR), whose
 * configured action (ignore, halt, restart) follows.
 *
 * The handler is started by a launcher task at the top priority because a
 * deadline is found in the tick interrupt, where no task may be created.
 */
#include "libpart.h"
#include "apex.h"

#define ERR_QUEUE 8

struct err_rec {
	ERROR_CODE_TYPE code;
	PROCESS_ID_TYPE pid;
	SYSTEM_ADDRESS_TYPE addr;
	uint32_t len;
	char msg[MAX_ERROR_MESSAGE_SIZE];
};

static struct err_rec queue[ERR_QUEUE];
static unsigned q_head, q_count;
static uint32_t q_dropped;
static rtos_id launcher;
static struct apex_proc *handler;

/*
 * CPU faults of a process (the kernel's BH_HM_ACT_DELIVER): the line the
 * kernel raises for them, the highest, so the port lines (from 18 up)
 * never reach it.
 */
#define APEX_HM_LINE (BH_NR_VLINES - 1)

void apex_error_init(void)
{
	q_head = q_count = 0;
	q_dropped = 0;
	launcher = 0;
	handler = NULL;
}

static void push(ERROR_CODE_TYPE code, struct apex_proc *p, const char *msg, uint32_t len)
{
	struct err_rec *e;
	uint32_t i;

	if (q_count == ERR_QUEUE) {
		q_dropped++;
		return;
	}
	e = &queue[(q_head + q_count++) % ERR_QUEUE];
	e->code = code;
	e->pid = p ? apex_proc_id(p) : 0;
	e->addr = p ? p->attr.ENTRY_POINT : 0;
	e->len = len > MAX_ERROR_MESSAGE_SIZE ? MAX_ERROR_MESSAGE_SIZE : len;
	for (i = 0; i < e->len; i++)
		e->msg[i] = msg[i];
}

static int handler_dormant(void)
{
	return handler && !handler->task;
}

static void handler_body(rtos_task_argument arg)
{
	((void (*)(void))handler->attr.ENTRY_POINT)();
	STOP_SELF();
}

/* Task context: create the handler's task (the top priority) and start it. */
static void handler_launch(void)
{
	rtos_id t;

	if (rtos_task_create(RTOS_BUILD_NAME('A', 'E', 'R', 'H'), APEX_INIT_PRIORITY,
			     (uint32_t)handler->attr.STACK_SIZE, RTOS_DEFAULT_MODES,
			     RTOS_DEFAULT_ATTRIBUTES, &t) != RTOS_SUCCESSFUL) {
		bh_printf("APEX: no memory for the error handler\n");
		return;
	}
	handler->task = t;
	handler->flags = PF_STARTED;
	rtos_task_start(t, handler_body, 0);
}

static void launcher_body(rtos_task_argument arg)
{
	rtos_event_set got;

	for (;;) {
		rtos_event_receive(APEX_EV_ERROR, RTOS_EVENT_ANY, RTOS_NO_TIMEOUT, &got);
		if (q_count && handler_dormant())
			handler_launch();
	}
}

/* A process that faulted waits here, suspended, for the handler's STOP. */
static void fault_park(void)
{
	for (;;)
		rtos_task_suspend(RTOS_SELF);
}

/*
 * In the error's upcall: the error is the running process's.  Its
 * context must not be resumed as it was (the instruction would fault
 * again): it is sent to fault_park, on its own stack, and the handler
 * decides.  An error of the handler itself, of the initialisation process
 * or of APEX's own task is the partition's: the frame is left as it came,
 * and the kernel escalates the repeated fault (hm_escalate).
 */
static int on_fault(const struct bh_error_status *st, struct bh_upcall_frame *frame,
		    void *arg)
{
	struct apex_proc *p = apex_self();
	char msg[MAX_ERROR_MESSAGE_SIZE];
	unsigned before;
	int n;

	if (!p || p == handler)
		return BH_HM_HANDLED;
	n = bh_snprintf(msg, sizeof(msg), "CPU exception %u at 0x%x (address 0x%x)",
			(unsigned)st->vector, (unsigned)st->eip, (unsigned)st->addr);
	before = q_count;
	push((ERROR_CODE_TYPE)st->code, p, msg, (uint32_t)n);
	if (q_count != before)      /* queued: the address is the fault's */
		queue[(q_head + q_count - 1) % ERR_QUEUE].addr =
			(SYSTEM_ADDRESS_TYPE)(uintptr_t)st->eip;
	p->flags |= PF_SUSPENDED;
	/* As if called, esp+4 16-aligned; nothing is written below the old
	 * esp: the upcall's own frames live there.  fault_park never returns,
	 * so the return address it would find is of no matter. */
	frame->esp = (frame->esp & ~15u) - 4u;
	frame->eip = (uint32_t)(uintptr_t)fault_park;
	return BH_HM_HANDLED;
}

/* Then, at the end of the upcall (the RTOS's notify slot, counted as an
 * interrupt so no task switch happens inside): the launcher starts the
 * handler. */
static void fault_notify(void *arg)
{
	rtos_event_send(launcher, APEX_EV_ERROR);
}

void apex_handler_stopped(void)
{
	if (q_count)
		rtos_event_send(launcher, APEX_EV_ERROR);
}

/* The partition level: the kernel's health monitor and its table. */
static void to_partition_level(ERROR_CODE_TYPE code, const char *msg, uint32_t len)
{
	bh_console_flush();
	bh_raise_app_error((uint32_t)code, msg, len);
}

void apex_error_raise(ERROR_CODE_TYPE code, struct apex_proc *p, const char *msg, uint32_t len)
{
	unsigned level;

	if (!handler || !p || p == handler) {
		to_partition_level(code, msg, len);
		return;
	}
	level = rtos_interrupt_disable();
	push(code, p, msg, len);
	rtos_interrupt_enable(level);
	rtos_event_send(launcher, APEX_EV_ERROR);
}

/* In the tick interrupt: every process past its deadline, once per deadline. */
void apex_deadline_check(uint64_t ticks)
{
	SYSTEM_TIME_TYPE now = (SYSTEM_TIME_TYPE)(rtos_clock_epoch_ns() +
						  ticks * rtos_clock_tick_ns());
	unsigned i;

	if (apex.mode != NORMAL)
		return;
	for (i = 0; i < MAX_NUMBER_OF_PROCESSES; i++) {
		struct apex_proc *p = &apex.procs[i];

		if (!p->used || !p->task || p->missed || p->deadline == INFINITE_TIME_VALUE ||
		    now <= p->deadline)
			continue;
		p->missed = 1;
		if (!handler)
			bh_printf("APEX: process %s missed its deadline\n", p->attr.NAME);
		apex_error_raise(DEADLINE_MISSED, p, "deadline missed", 15);
	}
}

/* ------------------------------------------------------------- the API -- */

void REPORT_APPLICATION_MESSAGE(MESSAGE_ADDR_TYPE msg, MESSAGE_SIZE_TYPE len,
				RETURN_CODE_TYPE *rc)
{
	if (len < 0 || len > MAX_ERROR_MESSAGE_SIZE || (len && !msg)) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	bh_printf("APPLICATION MESSAGE: %.*s\n", (int)len, (const char *)msg);
	APEX_OUT(rc, NO_ERROR);
}

void CREATE_ERROR_HANDLER(SYSTEM_ADDRESS_TYPE entry, STACK_SIZE_TYPE stack,
			  RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = &apex.procs[MAX_NUMBER_OF_PROCESSES];

	if (apex.mode == NORMAL) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	if (handler) {
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	if (!entry || stack < APEX_MIN_STACK || stack > 0x100000u) {
		APEX_OUT(rc, INVALID_CONFIG);
		return;
	}
	if (rtos_task_create(RTOS_BUILD_NAME('A', 'L', 'C', 'H'), APEX_INIT_PRIORITY,
			     APEX_MIN_STACK, RTOS_DEFAULT_MODES, RTOS_DEFAULT_ATTRIBUTES,
			     &launcher) != RTOS_SUCCESSFUL) {
		APEX_OUT(rc, INVALID_CONFIG);
		return;
	}
	rtos_task_start(launcher, launcher_body, 0);
	if (rtos_interrupt_notify(APEX_HM_LINE, fault_notify, 0) != RTOS_SUCCESSFUL ||
	    bh_hm_set_handler(APEX_HM_LINE, on_fault, 0) < 0)
		bh_printf("APEX: CPU faults cannot reach the error handler\n");
	*p = (struct apex_proc){ .used = 1, .handler = 1 };
	name_copy(p->attr.NAME, "ERROR_HANDLER");
	p->attr.ENTRY_POINT = entry;
	p->attr.STACK_SIZE = stack;
	p->attr.BASE_PRIORITY = MAX_PRIORITY_VALUE;
	p->attr.PERIOD = p->attr.TIME_CAPACITY = INFINITE_TIME_VALUE;
	apex_proc_stopped(p);
	handler = p;
	APEX_OUT(rc, NO_ERROR);
}

void GET_ERROR_STATUS(ERROR_STATUS_TYPE *s, RETURN_CODE_TYPE *rc)
{
	struct apex_proc *p = apex_self();
	struct err_rec *e;
	unsigned level;
	uint32_t i;

	if (!p || !p->handler || !s) {
		APEX_OUT(rc, INVALID_CONFIG);   /* not the error handler */
		return;
	}
	level = rtos_interrupt_disable();
	if (!q_count) {
		rtos_interrupt_enable(level);
		APEX_OUT(rc, NO_ACTION);
		return;
	}
	e = &queue[q_head];
	s->ERROR_CODE = e->code;
	s->LENGTH = (ERROR_MESSAGE_SIZE_TYPE)e->len;
	s->FAILED_PROCESS_ID = e->pid;
	s->FAILED_ADDRESS = e->addr;
	for (i = 0; i < e->len; i++)
		s->MESSAGE[i] = (APEX_BYTE)e->msg[i];
	q_head = (q_head + 1) % ERR_QUEUE;
	q_count--;
	rtos_interrupt_enable(level);
	APEX_OUT(rc, NO_ERROR);
}

void RAISE_APPLICATION_ERROR(ERROR_CODE_TYPE code, MESSAGE_ADDR_TYPE msg,
			     ERROR_MESSAGE_SIZE_TYPE len, RETURN_CODE_TYPE *rc)
{
	if (code != APPLICATION_ERROR) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (len < 1 || len > MAX_ERROR_MESSAGE_SIZE || !msg) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	APEX_OUT(rc, NO_ERROR);
	apex_error_raise(code, apex_self(), (const char *)msg, (uint32_t)len);
}
