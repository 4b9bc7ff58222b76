/*
 * Sampling and queuing ports over bulkhead's port hypercalls.  The kernel
 * never blocks: a full or empty queue answers at once.  Waiting with a
 * time-out is done here: each queuing port has a condition, in the order
 * (FIFO or PRIORITY) CREATE_QUEUING_PORT names, and a notification line
 * whose interrupt signals it -- a destination's on each arrival, a
 * source's when room is made.  A woken process tries again; one that got
 * a message passes the signal on to the next waiter, since one interrupt
 * may stand for several messages (the kernel coalesces a pending line).
 */
#include "libpart.h"
#include "apex.h"

struct apex_port {
	int used;
	int kid;                    /* the kernel's port id */
	NAME_TYPE name;
	MESSAGE_SIZE_TYPE max;
	MESSAGE_RANGE_TYPE nb;
	PORT_DIRECTION_TYPE dir;
	SYSTEM_TIME_TYPE refresh;
	rtos_id cond;               /* queuing */
};

static struct apex_port sports[MAX_NUMBER_OF_SAMPLING_PORTS];
static struct apex_port qports[MAX_NUMBER_OF_QUEUING_PORTS];
/* Lines bound so far (in .bss: a warm start, which keeps .data, starts again). */
static unsigned lines_used;

static struct apex_port *port_get(struct apex_port *t, unsigned n, APEX_INTEGER id)
{
	if (id < 1 || id > (APEX_INTEGER)n || !t[id - 1].used)
		return NULL;
	return &t[id - 1];
}

static struct apex_port *port_find(struct apex_port *t, unsigned n, const char *name)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (t[i].used && name_eq(t[i].name, name))
			return &t[i];
	return NULL;
}

static struct apex_port *port_free(struct apex_port *t, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (!t[i].used)
			return &t[i];
	return NULL;
}

/* The kernel's port of that name and kind, matching what the call says. */
static RETURN_CODE_TYPE port_open(const char *name, uint32_t kind, MESSAGE_SIZE_TYPE max,
				  MESSAGE_RANGE_TYPE nb, PORT_DIRECTION_TYPE dir, int *kid)
{
	struct bh_port_status st;
	int id = bh_port_open(name, kind);

	if (id < 0 || bh_port_status(id, &st) < 0)
		return INVALID_CONFIG;
	if ((MESSAGE_SIZE_TYPE)st.max_msg_size != max ||
	    st.direction != (dir == SOURCE ? BH_PORT_SOURCE : BH_PORT_DESTINATION))
		return INVALID_CONFIG;
	if (kind == BH_PORT_QUEUING && (MESSAGE_RANGE_TYPE)st.max_nb_msgs != nb)
		return INVALID_CONFIG;
	*kid = id;
	return NO_ERROR;
}

static RETURN_CODE_TYPE create_checks(const char *name, struct apex_port *t, unsigned n,
				      MESSAGE_SIZE_TYPE max, PORT_DIRECTION_TYPE dir)
{
	if (!name)
		return INVALID_CONFIG;
	if (apex.mode == NORMAL)
		return INVALID_MODE;
	if (port_find(t, n, name))
		return NO_ACTION;
	if (max <= 0 || max > SYSTEM_LIMIT_MESSAGE_SIZE)
		return INVALID_CONFIG;
	if (dir != SOURCE && dir != DESTINATION)
		return INVALID_CONFIG;
	return port_free(t, n) ? NO_ERROR : INVALID_CONFIG;
}

/* ------------------------------------------------------------- sampling -- */

void CREATE_SAMPLING_PORT(const char *name, MESSAGE_SIZE_TYPE max,
			  PORT_DIRECTION_TYPE dir, SYSTEM_TIME_TYPE refresh,
			  SAMPLING_PORT_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r = create_checks(name, sports, APEX_ARRAY_SIZE(sports), max, dir);
	struct apex_port *p;
	int kid = -1;

	if (r == NO_ERROR && (refresh < 0 || !id))
		r = INVALID_CONFIG;
	if (r == NO_ERROR)
		r = port_open(name, BH_PORT_SAMPLING, max, 0, dir, &kid);
	if (r == NO_ERROR) {
		p = port_free(sports, APEX_ARRAY_SIZE(sports));
		*p = (struct apex_port){ .used = 1, .kid = kid, .max = max, .dir = dir,
					 .refresh = refresh };
		name_copy(p->name, name);
		*id = (SAMPLING_PORT_ID_TYPE)(p - sports) + 1;
	}
	APEX_OUT(rc, r);
}

void WRITE_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE id, MESSAGE_ADDR_TYPE msg,
			    MESSAGE_SIZE_TYPE len, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(sports, APEX_ARRAY_SIZE(sports), id);
	RETURN_CODE_TYPE r;

	if (!p || !msg) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	r = check_send_length(len, p->max);
	if (r == NO_ERROR && p->dir != SOURCE)
		r = INVALID_MODE;
	if (r == NO_ERROR && bh_sampling_write(p->kid, msg, (uint32_t)len) < 0)
		r = INVALID_PARAM;
	APEX_OUT(rc, r);
}

void READ_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE id, MESSAGE_ADDR_TYPE buf,
			   MESSAGE_SIZE_TYPE *len, VALIDITY_TYPE *validity,
			   RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(sports, APEX_ARRAY_SIZE(sports), id);
	struct bh_sampling_result res = { 0 };
	int n;

	if (!p || !buf || !len || !validity) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (p->dir != DESTINATION) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	n = bh_sampling_read(p->kid, buf, (uint32_t)p->max, &res);
	if (n < 0) {
		*len = 0;
		*validity = INVALID;
		APEX_OUT(rc, n == -BH_EAGAIN ? NO_ACTION : INVALID_PARAM);   /* empty */
		return;
	}
	*len = n;
	*validity = res.valid ? VALID : INVALID;
	APEX_OUT(rc, NO_ERROR);
}

void GET_SAMPLING_PORT_ID(const char *name, SAMPLING_PORT_ID_TYPE *id,
			  RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = name && id ? port_find(sports, APEX_ARRAY_SIZE(sports), name) : NULL;

	if (p)
		*id = (SAMPLING_PORT_ID_TYPE)(p - sports) + 1;
	APEX_OUT(rc, p ? NO_ERROR : INVALID_CONFIG);
}

void GET_SAMPLING_PORT_STATUS(SAMPLING_PORT_ID_TYPE id, SAMPLING_PORT_STATUS_TYPE *s,
			      RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(sports, APEX_ARRAY_SIZE(sports), id);
	struct bh_port_status st;

	if (!p || !s || bh_port_status(p->kid, &st) < 0) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	s->REFRESH_PERIOD = p->refresh;
	s->MAX_MESSAGE_SIZE = p->max;
	s->PORT_DIRECTION = p->dir;
	s->LAST_MSG_VALIDITY = st.nb_msgs && st.last_valid ? VALID : INVALID;
	APEX_OUT(rc, NO_ERROR);
}

/* -------------------------------------------------------------- queuing -- */

static void port_isr(void *arg)
{
	rtos_condition_signal((rtos_id)(uintptr_t)arg);
}

static RETURN_CODE_TYPE bind_line(struct apex_port *p, QUEUING_DISCIPLINE_TYPE d)
{
	unsigned line = BH_VIRQ_PORT_FIRST + lines_used;

	if (line >= BH_NR_VLINES - 1)
		return INVALID_CONFIG;       /* out of lines (the last is the HM's) */
	if (rtos_condition_create(RTOS_BUILD_NAME('A', 'Q', 'P', 'T'),
				  d == PRIORITY ? RTOS_PRIORITY : RTOS_FIFO,
				  &p->cond) != RTOS_SUCCESSFUL)
		return INVALID_CONFIG;
	if (rtos_interrupt_catch(line, port_isr, (void *)(uintptr_t)p->cond) != RTOS_SUCCESSFUL ||
	    bh_port_notify(p->kid, line) < 0) {
		rtos_condition_delete(p->cond);
		return INVALID_CONFIG;
	}
	lines_used++;
	return NO_ERROR;
}

void CREATE_QUEUING_PORT(const char *name, MESSAGE_SIZE_TYPE max,
			 MESSAGE_RANGE_TYPE nb, PORT_DIRECTION_TYPE dir,
			 QUEUING_DISCIPLINE_TYPE d, QUEUING_PORT_ID_TYPE *id,
			 RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r = create_checks(name, qports, APEX_ARRAY_SIZE(qports), max, dir);
	struct apex_port *p = NULL;
	int kid = -1;

	if (r == NO_ERROR && (nb <= 0 || nb > SYSTEM_LIMIT_NUMBER_OF_MESSAGES || !id))
		r = INVALID_CONFIG;
	if (r == NO_ERROR && check_discipline(d) != NO_ERROR)
		r = INVALID_CONFIG;
	if (r == NO_ERROR)
		r = port_open(name, BH_PORT_QUEUING, max, nb, dir, &kid);
	if (r == NO_ERROR) {
		p = port_free(qports, APEX_ARRAY_SIZE(qports));
		*p = (struct apex_port){ .kid = kid, .max = max, .nb = nb, .dir = dir };
		r = bind_line(p, d);
	}
	if (r == NO_ERROR) {
		p->used = 1;
		name_copy(p->name, name);
		*id = (QUEUING_PORT_ID_TYPE)(p - qports) + 1;
	}
	APEX_OUT(rc, r);
}

/* Common to send and receive: try, else wait for the port's signal. */
static RETURN_CODE_TYPE port_loop(struct apex_port *p, SYSTEM_TIME_TYPE timeout,
				  int (*try)(struct apex_port *, void *, uint32_t),
				  void *buf, uint32_t len, int empty_err, int *got)
{
	uint64_t end = apex_end_tick(timeout);
	RETURN_CODE_TYPE r;
	int n;

	for (;;) {
		n = try(p, buf, len);
		if (n >= 0) {
			*got = n;
			if (apex_waiting(p->cond))
				rtos_condition_signal(p->cond);   /* maybe more for them */
			return NO_ERROR;
		}
		if (n != -empty_err)
			return INVALID_PARAM;
		if (timeout == 0)
			return NOT_AVAILABLE;
		r = apex_may_block();
		if (r != NO_ERROR)
			return r;
		if (apex_wait(p->cond, end) == TIMED_OUT)
			return TIMED_OUT;
	}
}

static int try_send(struct apex_port *p, void *msg, uint32_t len)
{
	int r = bh_queuing_send(p->kid, msg, len);

	return r < 0 ? r : 0;
}

static int try_receive(struct apex_port *p, void *buf, uint32_t len)
{
	return bh_queuing_receive(p->kid, buf, (uint32_t)p->max);
}

void SEND_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE id, MESSAGE_ADDR_TYPE msg,
			  MESSAGE_SIZE_TYPE len, SYSTEM_TIME_TYPE timeout,
			  RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(qports, APEX_ARRAY_SIZE(qports), id);
	RETURN_CODE_TYPE r;
	unsigned level;
	int got;

	if (!p || !msg) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	r = check_send_length(len, p->max);
	if (r == NO_ERROR)
		r = check_timeout(timeout);
	if (r == NO_ERROR && p->dir != SOURCE)
		r = INVALID_MODE;
	if (r == NO_ERROR) {
		level = rtos_interrupt_disable();
		r = port_loop(p, timeout, try_send, msg, (uint32_t)len, BH_ENOSPC, &got);
		rtos_interrupt_enable(level);
	}
	APEX_OUT(rc, r);
}

void RECEIVE_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE id, SYSTEM_TIME_TYPE timeout,
			     MESSAGE_ADDR_TYPE buf, MESSAGE_SIZE_TYPE *len,
			     RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(qports, APEX_ARRAY_SIZE(qports), id);
	RETURN_CODE_TYPE r;
	unsigned level;
	int got = 0;

	if (!p || !buf || !len) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	r = check_timeout(timeout);
	if (r == NO_ERROR && p->dir != DESTINATION)
		r = INVALID_MODE;
	if (r == NO_ERROR) {
		level = rtos_interrupt_disable();
		r = port_loop(p, timeout, try_receive, buf, 0, BH_EAGAIN, &got);
		rtos_interrupt_enable(level);
	}
	*len = r == NO_ERROR ? got : 0;
	APEX_OUT(rc, r);
}

void GET_QUEUING_PORT_ID(const char *name, QUEUING_PORT_ID_TYPE *id,
			 RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = name && id ? port_find(qports, APEX_ARRAY_SIZE(qports), name) : NULL;

	if (p)
		*id = (QUEUING_PORT_ID_TYPE)(p - qports) + 1;
	APEX_OUT(rc, p ? NO_ERROR : INVALID_CONFIG);
}

void GET_QUEUING_PORT_STATUS(QUEUING_PORT_ID_TYPE id, QUEUING_PORT_STATUS_TYPE *s,
			     RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(qports, APEX_ARRAY_SIZE(qports), id);
	struct bh_port_status st;

	if (!p || !s || bh_port_status(p->kid, &st) < 0) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	s->NB_MESSAGE = (MESSAGE_RANGE_TYPE)st.nb_msgs;
	s->MAX_NB_MESSAGE = p->nb;
	s->MAX_MESSAGE_SIZE = p->max;
	s->PORT_DIRECTION = p->dir;
	s->WAITING_PROCESSES = apex_waiting(p->cond);
	APEX_OUT(rc, NO_ERROR);
}

void CLEAR_QUEUING_PORT(QUEUING_PORT_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = port_get(qports, APEX_ARRAY_SIZE(qports), id);

	if (!p) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (p->dir != DESTINATION) {
		APEX_OUT(rc, INVALID_MODE);
		return;
	}
	bh_port_clear(p->kid);
	APEX_OUT(rc, NO_ERROR);
}
