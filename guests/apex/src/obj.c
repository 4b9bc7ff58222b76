/* The non-blocking APEX object logic (see obj.h). */
#include "obj.h"
#include "arinc653/semaphore.h"

static void copy(void *dst, const void *src, uint32_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
}

void ring_init(struct apex_ring *r, void *store, uint32_t *lens,
	       uint32_t msg_size, uint32_t depth)
{
	r->store = store;
	r->lens = lens;
	r->msg_size = msg_size;
	r->depth = depth;
	r->head = r->count = 0;
}

int ring_put(struct apex_ring *r, const void *msg, uint32_t len)
{
	uint32_t i;

	if (r->count == r->depth)
		return -1;
	i = (r->head + r->count) % r->depth;
	copy(r->store + (size_t)i * r->msg_size, msg, len);
	r->lens[i] = len;
	r->count++;
	return 0;
}

int ring_get(struct apex_ring *r, void *buf, uint32_t *len)
{
	if (!r->count)
		return -1;
	*len = r->lens[r->head];
	copy(buf, r->store + (size_t)r->head * r->msg_size, *len);
	r->head = (r->head + 1) % r->depth;
	r->count--;
	return 0;
}

void slot_display(struct apex_slot *s, const void *msg, uint32_t len)
{
	copy(s->msg, msg, len);
	s->len = len;
	s->occupied = 1;
}

int slot_read(const struct apex_slot *s, void *buf, uint32_t *len)
{
	if (!s->occupied)
		return -1;
	copy(buf, s->msg, s->len);
	*len = s->len;
	return 0;
}

void slot_clear(struct apex_slot *s)
{
	s->occupied = 0;
}

int semv_take(APEX_INTEGER *value)
{
	if (*value <= 0)
		return 0;
	(*value)--;
	return 1;
}

RETURN_CODE_TYPE semv_give(APEX_INTEGER *value, APEX_INTEGER max)
{
	if (*value >= max)
		return NO_ACTION;
	(*value)++;
	return NO_ERROR;
}

RETURN_CODE_TYPE check_timeout(SYSTEM_TIME_TYPE t)
{
	return (t >= 0 || t == INFINITE_TIME_VALUE) ? NO_ERROR : INVALID_PARAM;
}

RETURN_CODE_TYPE check_discipline(QUEUING_DISCIPLINE_TYPE d)
{
	return (d == FIFO || d == PRIORITY) ? NO_ERROR : INVALID_PARAM;
}

/* The standard: LENGTH <= 0 is INVALID_PARAM, above the maximum INVALID_CONFIG. */
RETURN_CODE_TYPE check_send_length(MESSAGE_SIZE_TYPE len, MESSAGE_SIZE_TYPE max)
{
	if (len <= 0)
		return INVALID_PARAM;
	return len > max ? INVALID_CONFIG : NO_ERROR;
}

RETURN_CODE_TYPE check_semaphore(APEX_INTEGER current, APEX_INTEGER max,
				 QUEUING_DISCIPLINE_TYPE d)
{
	if (current < 0 || current > MAX_SEMAPHORE_VALUE)
		return INVALID_PARAM;
	if (max <= 0 || max > MAX_SEMAPHORE_VALUE || current > max)
		return INVALID_PARAM;
	return check_discipline(d);
}

RETURN_CODE_TYPE check_queue(MESSAGE_SIZE_TYPE size, MESSAGE_RANGE_TYPE nb,
			     QUEUING_DISCIPLINE_TYPE d)
{
	if (size <= 0 || size > SYSTEM_LIMIT_MESSAGE_SIZE)
		return INVALID_PARAM;
	if (nb <= 0 || nb > SYSTEM_LIMIT_NUMBER_OF_MESSAGES)
		return INVALID_PARAM;
	return check_discipline(d);
}

static int valid_period(SYSTEM_TIME_TYPE t)
{
	return t > 0 || t == INFINITE_TIME_VALUE;
}

RETURN_CODE_TYPE check_process(const PROCESS_ATTRIBUTE_TYPE *a, uint32_t min_stack)
{
	if (!a->ENTRY_POINT || !a->NAME[0])
		return INVALID_PARAM;
	if (a->STACK_SIZE < min_stack || a->STACK_SIZE > 0x100000u)
		return INVALID_PARAM;
	if (a->BASE_PRIORITY < MIN_PRIORITY_VALUE || a->BASE_PRIORITY > MAX_PRIORITY_VALUE)
		return INVALID_PARAM;
	if (!valid_period(a->PERIOD) || !valid_period(a->TIME_CAPACITY))
		return INVALID_PARAM;
	if (a->DEADLINE != SOFT && a->DEADLINE != HARD)
		return INVALID_PARAM;
	/* A periodic process must fit its capacity in its period. */
	if (a->PERIOD != INFINITE_TIME_VALUE &&
	    (a->TIME_CAPACITY == INFINITE_TIME_VALUE || a->TIME_CAPACITY > a->PERIOD))
		return INVALID_CONFIG;
	return NO_ERROR;
}

int name_eq(const char *a, const char *b)
{
	unsigned i;

	for (i = 0; i < MAX_NAME_LENGTH; i++) {
		if (a[i] != b[i])
			return 0;
		if (!a[i])
			return 1;
	}
	return 1;
}

void name_copy(char *dst, const char *src)
{
	unsigned i;

	for (i = 0; i < MAX_NAME_LENGTH - 1 && src[i]; i++)
		dst[i] = src[i];
	for (; i < MAX_NAME_LENGTH; i++)
		dst[i] = 0;
}

uint32_t ns_to_ticks(SYSTEM_TIME_TYPE ns, uint64_t tick_ns)
{
	uint64_t t;

	if (ns == INFINITE_TIME_VALUE || ns < 0)
		return 0;
	t = ((uint64_t)ns + tick_ns - 1) / tick_ns;
	if (t == 0)
		return 1;
	return t > 0xffffffffu ? 0xffffffffu : (uint32_t)t;
}

uint32_t rtos_priority(PRIORITY_TYPE p)
{
	return (uint32_t)(MAX_PRIORITY_VALUE + 2 - p);   /* 239 -> 2, 1 -> 240 */
}

PROCESS_STATE_TYPE proc_state(uint32_t flags)
{
	if (!(flags & PF_STARTED))
		return DORMANT;
	if (flags & (PF_SUSPENDED | PF_WAITING))
		return WAITING;
	return (flags & PF_RUNNING) ? RUNNING : READY;
}
