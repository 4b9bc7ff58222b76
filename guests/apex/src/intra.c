/*
 * Intra-partition communication: buffers, blackboards, semaphores, events.
 * Each object is its state (obj.h) and one RTOS condition in its
 * discipline's order.  Who waits is unambiguous -- receivers only on an
 * empty buffer, senders only on a full one -- so one condition serves
 * both.  What a waiter waits for is handed to it before it is woken: a
 * message copied into its buffer, a message taken from it into the ring,
 * a semaphore unit.  Objects are created in COLD_START/WARM_START only and
 * never deleted; their storage comes from APEX's pool.
 */
#include "libpart.h"
#include "apex.h"

struct named {
	int used;
	NAME_TYPE name;
	rtos_id cond;
};

struct buffer { struct named n; struct apex_ring ring; };
struct board { struct named n; struct apex_slot slot; };
struct sema { struct named n; APEX_INTEGER value, max; };
struct event { struct named n; EVENT_STATE_TYPE state; };

static struct buffer buffers[MAX_NUMBER_OF_BUFFERS];
static struct board boards[MAX_NUMBER_OF_BLACKBOARDS];
static struct sema semas[MAX_NUMBER_OF_SEMAPHORES];
static struct event events[MAX_NUMBER_OF_EVENTS];

#define TABLE(t) (&(t)[0].n), sizeof((t)[0]), APEX_ARRAY_SIZE(t)

static struct named *at(struct named *t, size_t sz, unsigned i)
{
	return (struct named *)(void *)((char *)t + sz * i);
}

static struct named *lookup(struct named *t, size_t sz, unsigned n, APEX_INTEGER id)
{
	if (id < 1 || id > (APEX_INTEGER)n || !at(t, sz, (unsigned)id - 1)->used)
		return NULL;
	return at(t, sz, (unsigned)id - 1);
}

static APEX_INTEGER find(struct named *t, size_t sz, unsigned n, const char *name)
{
	unsigned i;

	for (i = 0; name && i < n; i++)
		if (at(t, sz, i)->used && name_eq(at(t, sz, i)->name, name))
			return (APEX_INTEGER)i + 1;
	return 0;
}

/* A free slot with its condition, after the checks every CREATE shares. */
static RETURN_CODE_TYPE create(struct named *t, size_t sz, unsigned n, const char *name,
			       QUEUING_DISCIPLINE_TYPE d, APEX_INTEGER *id)
{
	unsigned i;
	struct named *o;

	if (!name || !id)
		return INVALID_PARAM;
	if (apex.mode == NORMAL)
		return INVALID_MODE;
	if (find(t, sz, n, name))
		return NO_ACTION;
	for (i = 0; i < n && at(t, sz, i)->used; i++)
		;
	if (i == n)
		return INVALID_CONFIG;
	o = at(t, sz, i);
	if (rtos_condition_create(RTOS_BUILD_NAME('A', 'O', 'B', 'J'),
				  d == PRIORITY ? RTOS_PRIORITY : RTOS_FIFO,
				  &o->cond) != RTOS_SUCCESSFUL)
		return INVALID_CONFIG;
	name_copy(o->name, name);
	*id = (APEX_INTEGER)i + 1;
	return NO_ERROR;
}

static void get_id(struct named *t, size_t sz, unsigned n, const char *name,
		   APEX_INTEGER *id, RETURN_CODE_TYPE *rc)
{
	APEX_INTEGER i = find(t, sz, n, name);

	if (i && id)
		*id = i;
	APEX_OUT(rc, i && id ? NO_ERROR : INVALID_CONFIG);
}

/* Why a caller that would have to wait may not, or 0 to wait. */
static RETURN_CODE_TYPE cannot_wait(SYSTEM_TIME_TYPE timeout)
{
	return timeout == 0 ? NOT_AVAILABLE : apex_may_block();
}

/* --------------------------------------------------------------- buffers -- */

void CREATE_BUFFER(const char *name, MESSAGE_SIZE_TYPE size, MESSAGE_RANGE_TYPE nb,
		   QUEUING_DISCIPLINE_TYPE d, BUFFER_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r = check_queue(size, nb, d);
	void *store = NULL;
	uint32_t *lens = NULL;

	if (!name || !id) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (r == NO_ERROR && apex.mode != NORMAL && !find(TABLE(buffers), name)) {
		store = apex_alloc((uint32_t)(size * nb));
		lens = apex_alloc((uint32_t)nb * 4u);
		if (!store || !lens)
			r = INVALID_CONFIG;     /* out of storage */
	}
	if (r == NO_ERROR)
		r = create(TABLE(buffers), name, d, id);
	if (r == NO_ERROR) {
		struct buffer *b = &buffers[*id - 1];

		ring_init(&b->ring, store, lens, (uint32_t)size, (uint32_t)nb);
		b->n.used = 1;
	}
	APEX_OUT(rc, r);
}

void SEND_BUFFER(BUFFER_ID_TYPE id, MESSAGE_ADDR_TYPE msg, MESSAGE_SIZE_TYPE len,
		 SYSTEM_TIME_TYPE timeout, RETURN_CODE_TYPE *rc)
{
	struct buffer *b = (struct buffer *)(void *)lookup(TABLE(buffers), id);
	struct apex_proc *q;
	RETURN_CODE_TYPE r;
	unsigned level;

	if (!b || !msg) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	r = check_send_length(len, (MESSAGE_SIZE_TYPE)b->ring.msg_size);
	if (r == NO_ERROR)
		r = check_timeout(timeout);
	if (r != NO_ERROR) {
		APEX_OUT(rc, r);
		return;
	}
	level = rtos_interrupt_disable();
	q = b->ring.count ? NULL : apex_first_waiter(b->n.cond);
	if (q) {                               /* a receiver waits: hand it over */
		bh_memcpy(q->wbuf, msg, (size_t)len);
		q->wlen = (uint32_t)len;
		rtos_condition_signal(b->n.cond);
	} else if (ring_put(&b->ring, msg, (uint32_t)len) != 0) {
		r = cannot_wait(timeout);
		if (r == NO_ERROR) {
			struct apex_proc *self = apex_self();

			self->wmsg = msg;
			self->wlen = (uint32_t)len;
			r = apex_wait(b->n.cond, apex_end_tick(timeout));
		}
	}
	rtos_interrupt_enable(level);
	APEX_OUT(rc, r);
}

void RECEIVE_BUFFER(BUFFER_ID_TYPE id, SYSTEM_TIME_TYPE timeout, MESSAGE_ADDR_TYPE buf,
		    MESSAGE_SIZE_TYPE *len, RETURN_CODE_TYPE *rc)
{
	struct buffer *b = (struct buffer *)(void *)lookup(TABLE(buffers), id);
	struct apex_proc *q, *self;
	RETURN_CODE_TYPE r;
	unsigned level;
	uint32_t n = 0;

	if (!b || !buf || !len || check_timeout(timeout) != NO_ERROR) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	level = rtos_interrupt_disable();
	if (ring_get(&b->ring, buf, &n) == 0) {
		r = NO_ERROR;
		q = apex_first_waiter(b->n.cond);
		if (q) {                       /* a sender waits: its message moves in */
			ring_put(&b->ring, q->wmsg, q->wlen);
			rtos_condition_signal(b->n.cond);
		}
	} else {
		r = cannot_wait(timeout);
		if (r == NO_ERROR) {
			self = apex_self();
			self->wbuf = buf;
			r = apex_wait(b->n.cond, apex_end_tick(timeout));
			n = self->wlen;
		}
	}
	rtos_interrupt_enable(level);
	*len = r == NO_ERROR ? (MESSAGE_SIZE_TYPE)n : 0;
	APEX_OUT(rc, r);
}

void GET_BUFFER_ID(const char *name, BUFFER_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	get_id(TABLE(buffers), name, id, rc);
}

void GET_BUFFER_STATUS(BUFFER_ID_TYPE id, BUFFER_STATUS_TYPE *s, RETURN_CODE_TYPE *rc)
{
	struct buffer *b = (struct buffer *)(void *)lookup(TABLE(buffers), id);

	if (!b || !s) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	s->NB_MESSAGE = (MESSAGE_RANGE_TYPE)b->ring.count;
	s->MAX_NB_MESSAGE = (MESSAGE_RANGE_TYPE)b->ring.depth;
	s->MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)b->ring.msg_size;
	s->WAITING_PROCESSES = apex_waiting(b->n.cond);
	APEX_OUT(rc, NO_ERROR);
}

/* ----------------------------------------------------------- blackboards -- */

void CREATE_BLACKBOARD(const char *name, MESSAGE_SIZE_TYPE size,
		       BLACKBOARD_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r = (size <= 0 || size > SYSTEM_LIMIT_MESSAGE_SIZE) ? INVALID_PARAM
									     : NO_ERROR;
	void *msg = NULL;

	if (!name || !id) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	if (r == NO_ERROR && apex.mode != NORMAL && !find(TABLE(boards), name)) {
		msg = apex_alloc((uint32_t)size);
		if (!msg)
			r = INVALID_CONFIG;
	}
	if (r == NO_ERROR)
		r = create(TABLE(boards), name, FIFO, id);
	if (r == NO_ERROR) {
		struct board *b = &boards[*id - 1];

		b->slot = (struct apex_slot){ .msg = msg, .size = (uint32_t)size };
		b->n.used = 1;
	}
	APEX_OUT(rc, r);
}

void DISPLAY_BLACKBOARD(BLACKBOARD_ID_TYPE id, MESSAGE_ADDR_TYPE msg, MESSAGE_SIZE_TYPE len,
			RETURN_CODE_TYPE *rc)
{
	struct board *b = (struct board *)(void *)lookup(TABLE(boards), id);
	struct apex_proc *q;
	RETURN_CODE_TYPE r;
	unsigned level;

	if (!b || !msg) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	r = check_send_length(len, (MESSAGE_SIZE_TYPE)b->slot.size);
	if (r != NO_ERROR) {
		APEX_OUT(rc, r);
		return;
	}
	level = rtos_interrupt_disable();
	slot_display(&b->slot, msg, (uint32_t)len);
	/* Every waiting reader gets this message, whatever happens next. */
	while ((q = apex_first_waiter(b->n.cond)) != NULL) {
		slot_read(&b->slot, q->wbuf, &q->wlen);
		rtos_condition_signal(b->n.cond);
	}
	rtos_interrupt_enable(level);
	APEX_OUT(rc, NO_ERROR);
}

void READ_BLACKBOARD(BLACKBOARD_ID_TYPE id, SYSTEM_TIME_TYPE timeout, MESSAGE_ADDR_TYPE buf,
		     MESSAGE_SIZE_TYPE *len, RETURN_CODE_TYPE *rc)
{
	struct board *b = (struct board *)(void *)lookup(TABLE(boards), id);
	struct apex_proc *self;
	RETURN_CODE_TYPE r = NO_ERROR;
	unsigned level;
	uint32_t n = 0;

	if (!b || !buf || !len || check_timeout(timeout) != NO_ERROR) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	level = rtos_interrupt_disable();
	if (slot_read(&b->slot, buf, &n) != 0) {
		r = cannot_wait(timeout);
		if (r == NO_ERROR) {
			self = apex_self();
			self->wbuf = buf;
			r = apex_wait(b->n.cond, apex_end_tick(timeout));
			n = self->wlen;
		}
	}
	rtos_interrupt_enable(level);
	*len = r == NO_ERROR ? (MESSAGE_SIZE_TYPE)n : 0;
	APEX_OUT(rc, r);
}

void CLEAR_BLACKBOARD(BLACKBOARD_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct board *b = (struct board *)(void *)lookup(TABLE(boards), id);

	if (b)
		slot_clear(&b->slot);
	APEX_OUT(rc, b ? NO_ERROR : INVALID_PARAM);
}

void GET_BLACKBOARD_ID(const char *name, BLACKBOARD_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	get_id(TABLE(boards), name, id, rc);
}

void GET_BLACKBOARD_STATUS(BLACKBOARD_ID_TYPE id, BLACKBOARD_STATUS_TYPE *s,
			   RETURN_CODE_TYPE *rc)
{
	struct board *b = (struct board *)(void *)lookup(TABLE(boards), id);

	if (!b || !s) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	s->EMPTY_INDICATOR = b->slot.occupied ? OCCUPIED : EMPTY;
	s->MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)b->slot.size;
	s->WAITING_PROCESSES = apex_waiting(b->n.cond);
	APEX_OUT(rc, NO_ERROR);
}

/* ------------------------------------------------------------ semaphores -- */

void CREATE_SEMAPHORE(const char *name, SEMAPHORE_VALUE_TYPE cur,
		      SEMAPHORE_VALUE_TYPE max, QUEUING_DISCIPLINE_TYPE d,
		      SEMAPHORE_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r = check_semaphore(cur, max, d);

	if (r == NO_ERROR)
		r = create(TABLE(semas), name, d, id);
	if (r == NO_ERROR) {
		semas[*id - 1].value = cur;
		semas[*id - 1].max = max;
		semas[*id - 1].n.used = 1;
	}
	APEX_OUT(rc, r);
}

void WAIT_SEMAPHORE(SEMAPHORE_ID_TYPE id, SYSTEM_TIME_TYPE timeout, RETURN_CODE_TYPE *rc)
{
	struct sema *s = (struct sema *)(void *)lookup(TABLE(semas), id);
	RETURN_CODE_TYPE r = NO_ERROR;
	unsigned level;

	if (!s || check_timeout(timeout) != NO_ERROR) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	level = rtos_interrupt_disable();
	if (!semv_take(&s->value)) {
		r = cannot_wait(timeout);
		if (r == NO_ERROR)
			r = apex_wait(s->n.cond, apex_end_tick(timeout));
	}
	rtos_interrupt_enable(level);
	APEX_OUT(rc, r);
}

void SIGNAL_SEMAPHORE(SEMAPHORE_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct sema *s = (struct sema *)(void *)lookup(TABLE(semas), id);
	RETURN_CODE_TYPE r;
	unsigned level;

	if (!s) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	level = rtos_interrupt_disable();
	/* A waiter takes the unit at once: the value stays 0. */
	if (rtos_condition_signal(s->n.cond) == RTOS_SUCCESSFUL)
		r = NO_ERROR;
	else
		r = semv_give(&s->value, s->max);
	rtos_interrupt_enable(level);
	APEX_OUT(rc, r);
}

void GET_SEMAPHORE_ID(const char *name, SEMAPHORE_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	get_id(TABLE(semas), name, id, rc);
}

void GET_SEMAPHORE_STATUS(SEMAPHORE_ID_TYPE id, SEMAPHORE_STATUS_TYPE *st,
			  RETURN_CODE_TYPE *rc)
{
	struct sema *s = (struct sema *)(void *)lookup(TABLE(semas), id);

	if (!s || !st) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	st->CURRENT_VALUE = s->value;
	st->MAXIMUM_VALUE = s->max;
	st->WAITING_PROCESSES = apex_waiting(s->n.cond);
	APEX_OUT(rc, NO_ERROR);
}

/* ---------------------------------------------------------------- events -- */

void CREATE_EVENT(const char *name, EVENT_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	RETURN_CODE_TYPE r = create(TABLE(events), name, FIFO, id);

	if (r == NO_ERROR) {
		events[*id - 1].state = DOWN;
		events[*id - 1].n.used = 1;
	}
	APEX_OUT(rc, r);
}

void SET_EVENT(EVENT_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct event *e = (struct event *)(void *)lookup(TABLE(events), id);
	unsigned level;

	if (!e) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	level = rtos_interrupt_disable();
	e->state = UP;
	rtos_condition_broadcast(e->n.cond, NULL);
	rtos_interrupt_enable(level);
	APEX_OUT(rc, NO_ERROR);
}

void RESET_EVENT(EVENT_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct event *e = (struct event *)(void *)lookup(TABLE(events), id);

	if (e)
		e->state = DOWN;
	APEX_OUT(rc, e ? NO_ERROR : INVALID_PARAM);
}

void WAIT_EVENT(EVENT_ID_TYPE id, SYSTEM_TIME_TYPE timeout, RETURN_CODE_TYPE *rc)
{
	struct event *e = (struct event *)(void *)lookup(TABLE(events), id);
	RETURN_CODE_TYPE r = NO_ERROR;
	unsigned level;

	if (!e || check_timeout(timeout) != NO_ERROR) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	level = rtos_interrupt_disable();
	if (e->state != UP) {
		r = cannot_wait(timeout);
		if (r == NO_ERROR)
			r = apex_wait(e->n.cond, apex_end_tick(timeout));
	}
	rtos_interrupt_enable(level);
	APEX_OUT(rc, r);
}

void GET_EVENT_ID(const char *name, EVENT_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	get_id(TABLE(events), name, id, rc);
}

void GET_EVENT_STATUS(EVENT_ID_TYPE id, EVENT_STATUS_TYPE *s, RETURN_CODE_TYPE *rc)
{
	struct event *e = (struct event *)(void *)lookup(TABLE(events), id);

	if (!e || !s) {
		APEX_OUT(rc, INVALID_PARAM);
		return;
	}
	s->EVENT_STATE = e->state;
	s->WAITING_PROCESSES = apex_waiting(e->n.cond);
	APEX_OUT(rc, NO_ERROR);
}
