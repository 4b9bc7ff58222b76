/*
 * The RTOS workspace: task stacks, FPU areas and message buffers come
 * from one region (on bulkhead, the partition's free memory).  First fit
 * over an address-ordered free list, coalescing on free: objects are
 * created and deleted rarely, so simplicity beats speed here.
 */
#include "score.h"

#define WS_ALIGN  16u

struct ws_block {
	size_t size;             /* bytes, header included, multiple of WS_ALIGN */
	struct ws_block *next;   /* next free block by address */
};

#define WS_HEADER  ((sizeof(struct ws_block) + WS_ALIGN - 1) & ~(size_t)(WS_ALIGN - 1))
#define WS_MIN_SPLIT  (WS_HEADER + 64)

static struct ws_block *free_list;
static uint32_t free_bytes;

static uintptr_t align_up(uintptr_t v)
{
	return (v + WS_ALIGN - 1) & ~(uintptr_t)(WS_ALIGN - 1);
}

void workspace_init(void *start, uint32_t size)
{
	uintptr_t a = align_up((uintptr_t)start);
	uintptr_t end = ((uintptr_t)start + size) & ~(uintptr_t)(WS_ALIGN - 1);

	free_list = NULL;
	free_bytes = 0;
	if (end <= a || end - a < WS_MIN_SPLIT)
		return;
	free_list = (struct ws_block *)a;
	free_list->size = end - a;
	free_list->next = NULL;
	free_bytes = (uint32_t)(end - a);
}

void *workspace_alloc(uint32_t size)
{
	size_t need = WS_HEADER + align_up(size);
	struct ws_block **pp, *b, *rest;

	if (!size || size > 0x7fffffffu)
		return NULL;
	for (pp = &free_list; (b = *pp) != NULL; pp = &b->next) {
		if (b->size < need)
			continue;
		if (b->size - need >= WS_MIN_SPLIT) {
			rest = (struct ws_block *)(void *)((char *)b + need);
			rest->size = b->size - need;
			rest->next = b->next;
			*pp = rest;
			b->size = need;
		} else {
			*pp = b->next;
		}
		b->next = NULL;
		free_bytes -= (uint32_t)b->size;
		return (char *)b + WS_HEADER;
	}
	return NULL;
}

void workspace_free(void *p)
{
	struct ws_block *b, *prev = NULL, *n;

	if (!p)
		return;
	b = (struct ws_block *)(void *)((char *)p - WS_HEADER);
	free_bytes += (uint32_t)b->size;
	for (n = free_list; n && n < b; n = n->next)
		prev = n;
	b->next = n;
	if (prev)
		prev->next = b;
	else
		free_list = b;
	if (n && (char *)b + b->size == (char *)n) {
		b->size += n->size;
		b->next = n->next;
	}
	if (prev && (char *)prev + prev->size == (char *)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

uint32_t rtos_workspace_free_bytes(void)
{
	return free_bytes;
}
