/*
 * Message queues: fixed-size buffers from the workspace, allocated at
 * creation, kept on a free chain and a pending chain (FIFO; urgent
 * messages go to the front).  A send that finds a receiver waiting copies
 * straight into the receiver's buffer and wakes it.  Senders never block:
 * a full queue answers RTOS_TOO_MANY, as in the RTEMS Classic API.
 */
#include "score.h"

struct rtos_msg {
	struct rtos_node node;
	size_t size;
	/* max_size bytes of payload follow */
};

struct rtos_msgq {
	struct rtos_object obj;
	uint32_t max_pending;
	size_t max_size;
	uint32_t pending_count;
	struct rtos_chain pending, free;
	void *buffers;
	struct rtos_wait_queue receivers;
};

static struct rtos_msgq queues[RTOS_MAX_MESSAGE_QUEUES];

void msgq_reset_table(void)
{
	unsigned i;

	for (i = 0; i < RTOS_MAX_MESSAGE_QUEUES; i++)
		queues[i].obj.id = 0;
}

static struct rtos_msgq *msgq_get(rtos_id id)
{
	return (struct rtos_msgq *)(void *)object_get(OBJECT_TABLE(queues), OBJ_MSGQ, id);
}

static size_t slot_size(size_t max_size)
{
	return (sizeof(struct rtos_msg) + max_size + 7u) & ~(size_t)7u;
}

static void *payload(struct rtos_msg *m)
{
	return m + 1;
}

static struct rtos_msg *msg_of(struct rtos_node *n)
{
	return RTOS_CONTAINER_OF(n, struct rtos_msg, node);
}

static void build_free_chain(struct rtos_msgq *q)
{
	size_t step = slot_size(q->max_size);
	uint32_t i;

	chain_init(&q->pending);
	chain_init(&q->free);
	for (i = 0; i < q->max_pending; i++)
		chain_append(&q->free, &((struct rtos_msg *)(void *)((char *)q->buffers + i * step))->node);
}

rtos_status_code rtos_message_queue_create(rtos_name name, uint32_t count,
					   size_t max_message_size,
					   rtos_attribute attributes, rtos_id *id)
{
	struct rtos_msgq *q;
	unsigned level;
	uint64_t bytes;

	if (!id)
		return RTOS_INVALID_ADDRESS;
	if (!name)
		return RTOS_INVALID_NAME;
	if (!count)
		return RTOS_INVALID_NUMBER;
	if (!max_message_size || max_message_size > 0x10000u)
		return RTOS_INVALID_SIZE;
	bytes = (uint64_t)count * slot_size(max_message_size);
	if (bytes > 0x7fffffffu)
		return RTOS_UNSATISFIED;
	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	q = (struct rtos_msgq *)(void *)object_alloc(OBJECT_TABLE(queues), OBJ_MSGQ, name);
	if (!q) {
		rtos_arch_isr_restore(level);
		return RTOS_TOO_MANY;
	}
	q->buffers = workspace_alloc((uint32_t)bytes);
	if (!q->buffers) {
		object_free(&q->obj);
		rtos_arch_isr_restore(level);
		return RTOS_UNSATISFIED;
	}
	q->max_pending = count;
	q->max_size = max_message_size;
	q->pending_count = 0;
	build_free_chain(q);
	waitq_init(&q->receivers, attributes & RTOS_PRIORITY, 0);
	*id = q->obj.id;
	rtos_arch_isr_restore(level);
	return RTOS_SUCCESSFUL;
}

rtos_status_code rtos_message_queue_delete(rtos_id id)
{
	unsigned level;
	struct rtos_msgq *q;

	if (rtos_arch_in_isr())
		return RTOS_CALLED_FROM_ISR;
	level = rtos_arch_isr_disable();
	q = msgq_get(id);
	if (!q) {
		rtos_arch_isr_restore(level);
		return RTOS_INVALID_ID;
	}
	waitq_flush(&q->receivers, RTOS_OBJECT_WAS_DELETED);
	workspace_free(q->buffers);
	object_free(&q->obj);
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return RTOS_SUCCESSFUL;
}

/* Hand a message to a waiting receiver. */
static void deliver(struct rtos_tcb *t, const void *buf, size_t size)
{
	__builtin_memcpy(t->wait.buffer, buf, size);
	*t->wait.size = size;
	thread_unblock(t, RTOS_SUCCESSFUL);
}

static rtos_status_code submit(rtos_id id, const void *buf, size_t size, int urgent)
{
	unsigned level;
	struct rtos_msgq *q;
	struct rtos_tcb *t;
	struct rtos_node *n;
	rtos_status_code r = RTOS_SUCCESSFUL;

	if (!buf)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	q = msgq_get(id);
	if (!q) {
		r = RTOS_INVALID_ID;
	} else if (size > q->max_size) {
		r = RTOS_INVALID_SIZE;
	} else if ((t = waitq_first(&q->receivers)) != NULL) {
		deliver(t, buf, size);
	} else if ((n = chain_get(&q->free)) == NULL) {
		r = RTOS_TOO_MANY;
	} else {
		__builtin_memcpy(payload(msg_of(n)), buf, size);
		msg_of(n)->size = size;
		if (urgent)
			chain_prepend(&q->pending, n);
		else
			chain_append(&q->pending, n);
		q->pending_count++;
	}
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_message_queue_send(rtos_id id, const void *buf, size_t size)
{
	return submit(id, buf, size, 0);
}

rtos_status_code rtos_message_queue_urgent(rtos_id id, const void *buf, size_t size)
{
	return submit(id, buf, size, 1);
}

rtos_status_code rtos_message_queue_broadcast(rtos_id id, const void *buf,
					      size_t size, uint32_t *count)
{
	unsigned level;
	struct rtos_msgq *q;
	struct rtos_tcb *t;
	rtos_status_code r = RTOS_SUCCESSFUL;

	if (!buf || !count)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	q = msgq_get(id);
	*count = 0;
	if (!q) {
		r = RTOS_INVALID_ID;
	} else if (size > q->max_size) {
		r = RTOS_INVALID_SIZE;
	} else {
		while ((t = waitq_first(&q->receivers)) != NULL) {
			deliver(t, buf, size);
			(*count)++;
		}
	}
	rtos_dispatch();
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_message_queue_receive(rtos_id id, void *buf, size_t *size,
					    rtos_option option, rtos_interval timeout)
{
	unsigned level;
	struct rtos_msgq *q;
	struct rtos_node *n;
	struct rtos_tcb *t = rtos_sched.executing;
	rtos_status_code r = RTOS_SUCCESSFUL;

	if (!buf || !size)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	q = msgq_get(id);
	if (!q) {
		r = RTOS_INVALID_ID;
	} else if ((n = chain_get(&q->pending)) != NULL) {
		*size = msg_of(n)->size;
		__builtin_memcpy(buf, payload(msg_of(n)), *size);
		chain_append(&q->free, n);
		q->pending_count--;
	} else if (option & RTOS_NO_WAIT) {
		r = RTOS_UNSATISFIED;
	} else if (rtos_arch_in_isr()) {
		r = RTOS_CALLED_FROM_ISR;
	} else {
		t->wait.buffer = buf;
		t->wait.size = size;
		thread_block(t, &q->receivers, TS_WAIT_MESSAGE, timeout);
		rtos_dispatch();
		rtos_arch_isr_restore(level);
		return t->wait.status;
	}
	rtos_arch_isr_restore(level);
	return r;
}

rtos_status_code rtos_message_queue_flush(rtos_id id, uint32_t *count)
{
	unsigned level;
	struct rtos_msgq *q;
	struct rtos_node *n;

	if (!count)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	q = msgq_get(id);
	if (q) {
		*count = q->pending_count;
		while ((n = chain_get(&q->pending)) != NULL)
			chain_append(&q->free, n);
		q->pending_count = 0;
	}
	rtos_arch_isr_restore(level);
	return q ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}

rtos_status_code rtos_message_queue_get_number_pending(rtos_id id, uint32_t *count)
{
	unsigned level;
	struct rtos_msgq *q;

	if (!count)
		return RTOS_INVALID_ADDRESS;
	level = rtos_arch_isr_disable();
	q = msgq_get(id);
	if (q)
		*count = q->pending_count;
	rtos_arch_isr_restore(level);
	return q ? RTOS_SUCCESSFUL : RTOS_INVALID_ID;
}

rtos_status_code rtos_message_queue_ident(rtos_name name, rtos_id *id)
{
	return object_ident(OBJECT_TABLE(queues), name, id);
}
