/*
 * Virtual interrupt handlers: one slot per line, and the C half of the
 * upcall path (upcall.S calls bh_upcall_dispatch with the kernel's frame).
 */
#include "libpart.h"
#include "internal.h"

struct virq_slot {
	bh_virq_handler_t fn;
	void *arg;
};

static struct virq_slot slots[BH_NR_VLINES];
static bh_virq_exit_hook_t exit_hook;
volatile uint32_t bh_virq_spurious;
struct bh_upcall_frame *bh_upcall_current;

int bh_virq_register(unsigned line, bh_virq_handler_t fn, void *arg)
{
	unsigned level;
	int r = 0;

	if (line >= BH_NR_VLINES || !fn)
		return -BH_EINVAL;
	level = bh_virq_disable();
	if (slots[line].fn) {
		/* Already ours and attached: only the handler changes. */
		slots[line] = (struct virq_slot){ fn, arg };
	} else {
		/* Handler first, so a delivery right after the attach finds it. */
		slots[line] = (struct virq_slot){ fn, arg };
		r = bh_irq_attach(line);
		if (r < 0)
			slots[line] = (struct virq_slot){ 0, 0 };
	}
	bh_virq_restore(level);
	return r;
}

int bh_virq_unregister(unsigned line)
{
	unsigned level;
	int r;

	if (line >= BH_NR_VLINES)
		return -BH_EINVAL;
	level = bh_virq_disable();
	if (!slots[line].fn) {
		r = -BH_ENOENT;
	} else {
		r = bh_irq_detach(line);
		slots[line] = (struct virq_slot){ 0, 0 };
	}
	bh_virq_restore(level);
	return r;
}

void bh_virq_set_exit_hook(bh_virq_exit_hook_t hook)
{
	exit_hook = hook;
}

struct bh_upcall_frame *bh_upcall_dispatch(struct bh_upcall_frame *frame)
{
	unsigned line = frame->line;
	struct bh_upcall_frame *next;

	bh_upcall_current = frame;
	if (line < BH_NR_VLINES && slots[line].fn)
		slots[line].fn(line, slots[line].arg);
	else
		bh_virq_spurious++;
	if (exit_hook) {
		next = exit_hook(frame);
		if (next)
			return next;
	}
	return frame;
}

void bh_upcall_iret_failed(int err)
{
	bh_panic("upcall return refused by the kernel (%d)", err);
}
