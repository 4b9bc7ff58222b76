/*
 * In-kernel tests of what a partition holds outside its memory, on a
 * partition slot the test image never loads: halting must release its
 * interrupt subscriptions and awaited acknowledgements, its pending lines
 * and its timer (issue 8, defect 12: a halted partition kept a shared line
 * masked for everyone), and restarts it asks for itself are bounded by its
 * restart_limit (defect 4).
 */
#include "ktest.h"
#include "core/partition.h"
#include "core/vcpu.h"
#include "core/irq.h"
#include "core/hm.h"
#include "core/lib.h"
#include <bulkhead/layout.h>

#define LINE 3                     /* COM2: nobody else uses it in ktest */
#define SLOT (BH_MAX_PARTITIONS - 1)

static struct bh_partition_config cfg = {
	.name = "fake", .irq_lines = 1u << LINE, .restart_limit = 2,
};
/* A whole page, as the kernel's: the HM area is in it past the vCPU info. */
static union {
	struct bh_vcpu_info info;
	uint8_t bytes[BH_PAGE_SIZE];
} page __attribute__((aligned(4096)));

/* A runnable partition with no memory: enough for the vCPU and HM paths. */
static struct partition *fake(void)
{
	struct partition *p = &partitions[SLOT];

	bh_memset(p, 0, sizeof(*p));
	p->id = SLOT;
	p->cfg = &cfg;
	p->state = PART_RUNNABLE;
	p->vcpu.shared = &page.info;
	bh_memset(&page, 0, sizeof(page));
	return p;
}

KTEST(halt_releases_lines_and_timer)
{
	struct partition *p = fake();
	struct irq_line *l = &irq_lines[LINE];

	KEXPECT(vcpu_attach(p, LINE) == 0, "attach failed");
	KEXPECT(vcpu_attach(p, BH_VIRQ_TIMER) == 0, "timer attach failed");
	KEXPECT(vtimer_set(p, BH_CLOCK_WALL, 1000000000ull, 1000000ull) == 0,
		"timer set failed");
	l->awaiting_ack |= 1u << SLOT;          /* an interrupt it never acknowledged */
	vcpu_raise(p, LINE);
	partition_halt(p);
	KEXPECT(!(l->subscribers & (1u << SLOT)), "still subscribed to line %u", LINE);
	KEXPECT(!(l->awaiting_ack & (1u << SLOT)), "line %u still awaits its ack", LINE);
	KEXPECT(p->vcpu.attached == 0 && p->vcpu.pending == 0,
		"attached %x pending %x after the halt", p->vcpu.attached, p->vcpu.pending);
	KEXPECT(p->vcpu.timer.deadline == 0, "timer still armed");
	KEXPECT(p->state == PART_HALTED, "state %u", p->state);
	p->state = PART_FAILED;                 /* nothing may schedule the slot */
}

KTEST(self_restarts_bounded_by_restart_limit)
{
	struct partition *p = fake();
	unsigned i;

	/* Not current: each restart is only prepared, to run in its windows. */
	for (i = 0; i < cfg.restart_limit; i++) {
		hm_restart_request(p, 1, 0);
		KEXPECT(p->state == PART_RESTARTING, "restart %u: state %u", i + 1, p->state);
	}
	KEXPECT(p->restarts == cfg.restart_limit, "%u restarts", p->restarts);
	hm_restart_request(p, 1, 0);
	KEXPECT(p->state == PART_HALTED, "restart past the limit: state %u", p->state);
	KEXPECT(p->restarts == cfg.restart_limit, "%u restarts", p->restarts);
	p->state = PART_FAILED;
}

/* A warm restart keeps memory but nothing held outside it, and is done at
 * once; one caught in the middle of a cold reload (memory half wiped) is
 * made cold (issue 10). */
KTEST(warm_restart_releases_and_reload_stays_cold)
{
	struct partition *p = fake();

	KEXPECT(vcpu_attach(p, LINE) == 0, "attach failed");
	vcpu_raise(p, LINE);
	hm_restart_request(p, 0, 1);
	KEXPECT(p->state == PART_RUNNABLE, "warm: state %u", p->state);
	KEXPECT(p->mode == BH_MODE_WARM_START, "warm: mode %u", p->mode);
	KEXPECT(p->start_condition == BH_START_SYSTEM_RESTART, "warm: condition %u",
		p->start_condition);
	KEXPECT(p->vcpu.attached == 0 && p->vcpu.pending == 0,
		"attached %x pending %x after the warm restart", p->vcpu.attached,
		p->vcpu.pending);
	KEXPECT(p->last_hm == BH_HM_PARTITION_RESTART + 1 &&
		p->last_hm_action == BH_HM_ACT_WARM_RESTART, "last HM %u action %u",
		p->last_hm, p->last_hm_action);
	p->state = PART_RESTARTING;
	hm_restart_request(p, 1, 1);
	KEXPECT(p->state == PART_RESTARTING && p->mode == BH_MODE_COLD_START,
		"warm restart during a reload: state %u mode %u", p->state, p->mode);
	KEXPECT(p->start_condition == BH_START_PARTITION_RESTART, "condition %u",
		p->start_condition);
	KEXPECT(p->restarts == 2, "%u restarts", p->restarts);
	p->state = PART_FAILED;
}

/* Stopped (IDLE) in the middle of a cold reload, then started warm: the
 * start is made cold, since the memory is half wiped. */
KTEST(warm_start_after_halt_mid_reload_is_cold)
{
	struct partition *p = fake();

	p->state = PART_RESTARTING;
	partition_halt(p);
	hm_restart_request(p, 0, 1);
	KEXPECT(p->state == PART_RESTARTING && p->mode == BH_MODE_COLD_START,
		"warm start of a torn partition: state %u mode %u", p->state, p->mode);
	p->state = PART_FAILED;
}
