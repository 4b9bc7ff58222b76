/*
 * Intrusive doubly linked lists with a sentinel: every RTOS queue (ready
 * queues, wait queues, the watchdog list, message buffers) is one of these,
 * so insertion and removal never allocate and never search.
 */
#ifndef RTOS_CHAIN_H
#define RTOS_CHAIN_H

#include <stddef.h>

struct rtos_node {
	struct rtos_node *next, *prev;
};

struct rtos_chain {
	struct rtos_node head;     /* sentinel: head.next is the first node */
};

#define RTOS_CONTAINER_OF(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

static inline void chain_init(struct rtos_chain *c)
{
	c->head.next = c->head.prev = &c->head;
}

static inline int chain_is_empty(const struct rtos_chain *c)
{
	return c->head.next == &c->head;
}

/* A node not on any chain has next == NULL (see chain_extract). */
static inline int node_is_off_chain(const struct rtos_node *n)
{
	return n->next == NULL;
}

static inline struct rtos_node *chain_first(const struct rtos_chain *c)
{
	return chain_is_empty(c) ? NULL : c->head.next;
}

/* The node after n, or NULL at the end of c. */
static inline struct rtos_node *chain_next(const struct rtos_chain *c,
					   const struct rtos_node *n)
{
	return n->next == &c->head ? NULL : n->next;
}

static inline void chain_insert_before(struct rtos_node *pos, struct rtos_node *n)
{
	n->next = pos;
	n->prev = pos->prev;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void chain_append(struct rtos_chain *c, struct rtos_node *n)
{
	chain_insert_before(&c->head, n);
}

static inline void chain_prepend(struct rtos_chain *c, struct rtos_node *n)
{
	chain_insert_before(c->head.next, n);
}

static inline void chain_extract(struct rtos_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = NULL;
}

static inline struct rtos_node *chain_get(struct rtos_chain *c)
{
	struct rtos_node *n = chain_first(c);

	if (n)
		chain_extract(n);
	return n;
}

#endif
