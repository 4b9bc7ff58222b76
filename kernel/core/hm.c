/*
 * Health monitor.  Every exception raised in ring 3 lands here: it is
 * logged (partition, event, eip, address) and handled by the partition's
 * configured action.  Only the culprit is affected; the kernel never stops
 * because of a partition.
 */
#include "core/hm.h"
#include "core/partition.h"
#include "core/sched.h"
#include "core/trap.h"
#include "core/time.h"
#include "core/console.h"
#include "core/lib.h"
#include "arch/x86.h"

static struct bh_hm_entry hm_log[HM_LOG_SIZE];
static uint32_t hm_seq;            /* entries ever logged */

static const char *const event_names[BH_HM_NR_EVENTS] = {
	[BH_HM_DIVIDE_ERROR] = "divide error",
	[BH_HM_DEBUG_TRAP] = "debug trap",
	[BH_HM_OVERFLOW] = "overflow",
	[BH_HM_INVALID_OPCODE] = "invalid opcode",
	[BH_HM_GENERAL_PROTECTION] = "general protection",
	[BH_HM_PAGE_FAULT] = "page fault",
	[BH_HM_STACK_FAULT] = "stack fault",
	[BH_HM_SEGMENT_FAULT] = "segment fault",
	[BH_HM_FPU_ERROR] = "FPU error",
	[BH_HM_ALIGNMENT] = "alignment check",
	[BH_HM_UPCALL_FAULT] = "upcall frame fault",
	[BH_HM_PARTITION_RESTART] = "restart requested",
};

static const char *const action_names[] = { "halt", "restart", "ignore" };

static enum bh_hm_event event_of(unsigned vector)
{
	switch (vector) {
	case 0: return BH_HM_DIVIDE_ERROR;
	case 1: case 3: return BH_HM_DEBUG_TRAP;
	case 4: case 5: return BH_HM_OVERFLOW;
	case 6: return BH_HM_INVALID_OPCODE;
	case 7: case 16: case 19: return BH_HM_FPU_ERROR;
	case 10: case 11: return BH_HM_SEGMENT_FAULT;
	case 12: return BH_HM_STACK_FAULT;
	case 14: return BH_HM_PAGE_FAULT;
	case 17: return BH_HM_ALIGNMENT;
	default: return BH_HM_GENERAL_PROTECTION;
	}
}

static void log_event(struct partition *p, enum bh_hm_event ev,
		      const struct trap_frame *tf, uint32_t addr, unsigned action)
{
	struct bh_hm_entry *e = &hm_log[hm_seq % HM_LOG_SIZE];

	e->seq = hm_seq++;
	e->partition = p->id;
	e->time_ns = timebase.tick_ns;
	e->event = (uint8_t)ev;
	e->action = (uint8_t)action;
	e->vector = tf && ev != BH_HM_UPCALL_FAULT ? (uint16_t)tf->vector : 0xffff;
	e->eip = tf ? tf->eip : 0;
	e->addr = addr;
	e->error_code = tf ? tf->error : 0;
	kprintf_part(p, "HM: partition %s: %s at eip %08x addr %08x error %x -> %s\n",
		p->cfg->name, event_names[ev], e->eip, addr, e->error_code,
		action_names[action]);
}

/*
 * Ignoring resumes at tf->eip.  After a trap (#DB single step, #BP, #OF)
 * that is past the event; after a fault it is the faulting instruction,
 * which would fault again forever and flood the log everyone shares.
 * From ring 3 BH_HM_OVERFLOW is #BR (bound), a fault, and int3/into are
 * #GP (their gates are DPL 0); #DB faults need debug registers ring 3
 * cannot set.
 */
static int resumes_past_event(const struct trap_frame *tf)
{
	return tf && (tf->vector == 1 || tf->vector == 3 || tf->vector == 4);
}

void hm_raise(struct partition *p, enum bh_hm_event ev, struct trap_frame *tf,
	      uint32_t addr)
{
	unsigned action = p->cfg->hm_action[ev];

	if (action == BH_HM_ACT_RESTART && p->restarts >= p->cfg->restart_limit) {
		kprintf_part(p, "HM: partition %s reached its restart limit (%u)\n",
			p->cfg->name, p->cfg->restart_limit);
		action = BH_HM_ACT_HALT;
	}
	if (action == BH_HM_ACT_IGNORE && !resumes_past_event(tf)) {
		kprintf_part(p, "HM: partition %s: a fault cannot be ignored\n", p->cfg->name);
		action = BH_HM_ACT_HALT;
	}
	log_event(p, ev, tf, addr, action);
	if (action == BH_HM_ACT_IGNORE)
		return;
	if (action == BH_HM_ACT_RESTART) {
		partition_restart(p);
		return;
	}
	partition_halt(p);
	if (p == current)
		sched_leave();
}

/* A restart asked for by hypercall is logged too, so the log tells every
 * reset of a partition, not only the ones faults caused. */
void hm_note_restart(struct partition *p)
{
	log_event(p, BH_HM_PARTITION_RESTART, 0, 0, BH_HM_ACT_RESTART);
}

void user_exception(struct trap_frame *tf)
{
	uint32_t addr = tf->vector == 14 ? read_cr2() : 0;

	hm_raise(current, event_of(tf->vector), tf, addr);
}

int hm_read(struct bh_hm_entry *out, unsigned max, uint32_t first_seq)
{
	uint32_t oldest = hm_seq > HM_LOG_SIZE ? hm_seq - HM_LOG_SIZE : 0;
	uint32_t s = first_seq < oldest ? oldest : first_seq;
	unsigned n = 0;

	for (; s < hm_seq && n < max; s++, n++)
		out[n] = hm_log[s % HM_LOG_SIZE];
	return (int)n;
}
