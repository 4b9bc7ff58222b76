/*
 * APEX start-up, partition services and the helpers every group shares:
 * the process table, waiting with a time-out, the storage pool.
 */
#include <stdarg.h>
#include "libpart.h"
#include "apex.h"

struct apex_state apex;

static _Alignas(16) uint8_t pool[64 * 1024];
static uint32_t pool_used;
static void (*init_entry)(void);

void *apex_alloc(uint32_t size)
{
	void *p;

	size = (size + 15u) & ~15u;
	if (size > sizeof(pool) - pool_used)
		return NULL;
	p = pool + pool_used;
	pool_used += size;
	return p;
}

struct apex_proc *apex_proc_get(PROCESS_ID_TYPE id)
{
	if (id < 1 || id > (PROCESS_ID_TYPE)APEX_ARRAY_SIZE(apex.procs))
		return NULL;
	return apex.procs[id - 1].used ? &apex.procs[id - 1] : NULL;
}

PROCESS_ID_TYPE apex_proc_id(const struct apex_proc *p)
{
	return (PROCESS_ID_TYPE)(p - apex.procs) + 1;
}

struct apex_proc *apex_by_task(rtos_id task)
{
	unsigned i;

	for (i = 0; i < APEX_ARRAY_SIZE(apex.procs); i++)
		if (apex.procs[i].used && apex.procs[i].task == task)
			return &apex.procs[i];
	return NULL;
}

struct apex_proc *apex_self(void)
{
	return apex_by_task(rtos_task_self());
}

SYSTEM_TIME_TYPE apex_now(void)
{
	return (SYSTEM_TIME_TYPE)bh_now_ns();
}

RETURN_CODE_TYPE apex_may_block(void)
{
	struct apex_proc *p = apex_self();

	if (apex.mode != NORMAL || apex.lock_level > 0 || !p || p->handler)
		return INVALID_MODE;
	return NO_ERROR;
}

/* The first tick at or after now + timeout + 1/8 tick (see sleep_until). */
uint64_t apex_end_tick(SYSTEM_TIME_TYPE timeout)
{
	uint64_t tick = rtos_clock_tick_ns(), epoch = rtos_clock_epoch_ns();
	uint64_t end = (uint64_t)apex_now() + (uint64_t)timeout + tick / 8;

	if (timeout == INFINITE_TIME_VALUE)
		return 0;
	return end <= epoch ? 1 : (end - epoch + tick - 1) / tick;
}

RETURN_CODE_TYPE apex_wait(rtos_id cond, uint64_t end)
{
	struct apex_proc *p = apex_self();
	uint64_t now = rtos_clock_get_ticks64();
	rtos_status_code r;

	if (end && now >= end)
		return TIMED_OUT;
	p->flags |= PF_WAITING;
	r = rtos_condition_wait(cond, end ? (rtos_interval)(end - now) : RTOS_NO_TIMEOUT);
	p->flags &= ~PF_WAITING;
	return r == RTOS_SUCCESSFUL ? NO_ERROR : TIMED_OUT;
}

struct apex_proc *apex_first_waiter(rtos_id cond)
{
	rtos_id t;

	if (rtos_condition_first(cond, &t) != RTOS_SUCCESSFUL)
		return NULL;
	return apex_by_task(t);
}

WAITING_RANGE_TYPE apex_waiting(rtos_id cond)
{
	uint32_t n = 0;

	rtos_condition_waiting(cond, &n);
	return (WAITING_RANGE_TYPE)n;
}

/* ------------------------------------------------------------- start-up -- */

static START_CONDITION_TYPE start_condition(uint32_t bh)
{
	switch (bh) {
	case BH_START_PARTITION_RESTART: return PARTITION_RESTART;
	case BH_START_HM_RESTART: return HM_PARTITION_RESTART;
	case BH_START_SYSTEM_RESTART: return HM_MODULE_RESTART;
	default: return NORMAL_START;
	}
}

static void tick_hook(uint64_t ticks)
{
	apex_deadline_check(ticks);
}

static void init_body(rtos_task_argument arg)
{
	apex.init_task = rtos_task_self();
	/* Here, not before rtos_start: starting the clock clears the hook. */
	rtos_clock_set_tick_hook(tick_hook);
	init_entry();
	/* An init that returns without NORMAL leaves the partition idle. */
	bh_printf("APEX: initialisation returned in mode %d: partition stays idle\n",
		  (int)apex.mode);
	rtos_task_exit();
}

void apex_main(void (*init)(void), unsigned tick_us)
{
	struct bh_part_info info;
	struct rtos_config cfg = {
		.tick_us = tick_us ? tick_us : 1000,
		.init_name = RTOS_BUILD_NAME('A', 'I', 'N', 'I'),
		.init_priority = APEX_INIT_PRIORITY,
		.init_stack_size = 16384,
		.init_entry = init_body,
	};

	bh_self(&info);
	apex.id = (PARTITION_ID_TYPE)info.id;
	apex.mode = info.mode == BH_MODE_WARM_START ? WARM_START : COLD_START;
	apex.start_condition = start_condition(info.start_condition);
	init_entry = init;
	apex_error_init();
	rtos_start(&cfg);
}

/* ----------------------------------------------------------- partition -- */

void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *s, RETURN_CODE_TYPE *rc)
{
	if (!s) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	/* The major frame is not visible to a partition: see the guide. */
	s->PERIOD = INFINITE_TIME_VALUE;
	s->DURATION = (SYSTEM_TIME_TYPE)bh_vcpu->window_length_ns;
	s->IDENTIFIER = apex.id;
	s->LOCK_LEVEL = apex.lock_level;
	s->OPERATING_MODE = apex.mode;
	s->START_CONDITION = apex.start_condition;
	APEX_OUT(rc, NO_ERROR);
}

static void enter_normal(void)
{
	apex.mode = NORMAL;
	bh_set_mode(BH_MODE_NORMAL);
	apex_start_pending();
	/* The initialisation process ends here, as the standard says. */
	if (rtos_task_self() == apex.init_task)
		rtos_task_delete(RTOS_SELF);
}

void SET_PARTITION_MODE(OPERATING_MODE_TYPE m, RETURN_CODE_TYPE *rc)
{
	switch (m) {
	case NORMAL:
		if (apex.mode == NORMAL) {
			APEX_OUT(rc, NO_ACTION);
			return;
		}
		APEX_OUT(rc, NO_ERROR);
		enter_normal();
		return;
	case WARM_START:
		if (apex.mode == COLD_START) {
			APEX_OUT(rc, INVALID_MODE);   /* cold to warm is not allowed */
			return;
		}
		bh_console_flush();
		bh_set_mode(BH_MODE_WARM_START);
		break;
	case COLD_START:
		bh_console_flush();
		bh_set_mode(BH_MODE_COLD_START);
		break;
	case IDLE:
		bh_console_flush();
		bh_set_mode(BH_MODE_IDLE);
		break;
	default:
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	/* Only a restart refused past restart_limit halts instead; nothing returns. */
	APEX_OUT(rc, INVALID_CONFIG);
}

void apex_log(const char *who, const char *fmt, ...)
{
	SYSTEM_TIME_TYPE now;
	RETURN_CODE_TYPE rc;
	char line[100];
	va_list ap;

	GET_TIME(&now, &rc);
	va_start(ap, fmt);
	bh_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	bh_printf("%6lld ms  %-10s %s\n", now / 1000000LL, who, line);
}
