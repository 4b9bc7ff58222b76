/*
 * Object ids and tables.  An id is class << 24 | generation << 16 | index + 1:
 * the class catches an id of the wrong kind, the generation an id kept
 * after its object was deleted and the slot reused.  Tables are static
 * arrays; every object type starts with struct rtos_object.
 */
#include "score.h"

static struct rtos_object *slot(void *table, size_t elem_size, unsigned i)
{
	return (struct rtos_object *)(void *)((char *)table + (size_t)i * elem_size);
}

struct rtos_object *object_alloc(void *table, size_t elem_size, unsigned count,
				 unsigned cls, rtos_name name)
{
	struct rtos_object *o;
	unsigned i;

	for (i = 0; i < count; i++) {
		o = slot(table, elem_size, i);
		if (o->id)
			continue;
		o->generation++;
		o->id = (rtos_id)cls << 24 | (rtos_id)(o->generation & 0xffu) << 16 | (i + 1);
		o->name = name;
		return o;
	}
	return NULL;
}

struct rtos_object *object_get(void *table, size_t elem_size, unsigned count,
			       unsigned cls, rtos_id id)
{
	unsigned index = (id & 0xffffu) - 1;
	struct rtos_object *o;

	if (id >> 24 != cls || index >= count)
		return NULL;
	o = slot(table, elem_size, index);
	return o->id == id ? o : NULL;
}

void object_free(struct rtos_object *obj)
{
	obj->id = 0;
}

rtos_status_code object_ident(void *table, size_t elem_size, unsigned count,
			      rtos_name name, rtos_id *id)
{
	struct rtos_object *o;
	unsigned i;

	if (!id)
		return RTOS_INVALID_ADDRESS;
	if (!name)
		return RTOS_INVALID_NAME;
	for (i = 0; i < count; i++) {
		o = slot(table, elem_size, i);
		if (o->id && o->name == name) {
			*id = o->id;
			return RTOS_SUCCESSFUL;
		}
	}
	return RTOS_INVALID_NAME;
}
