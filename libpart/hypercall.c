/*
 * Hypercall wrappers: C names and types over bh_hc0..bh_hc5 (hypercall.h).
 */
#include "libpart.h"
#include "internal.h"

uint32_t bh_abi_version(void)
{
	return (uint32_t)bh_hc0(BH_HC_ABI_VERSION);
}

int bh_self(struct bh_part_info *out)
{
	return bh_hc1(BH_HC_PART_SELF, (uint32_t)out);
}

int bh_console_write(const char *buf, size_t len)
{
	return bh_hc2(BH_HC_CONSOLE_WRITE, (uint32_t)buf, (uint32_t)len);
}

int bh_yield(void)
{
	return bh_hc0(BH_HC_YIELD);
}

int bh_idle(void)
{
	return bh_hc0(BH_HC_IDLE);
}

int bh_set_mode(uint32_t mode)
{
	bh_console_flush();     /* IDLE and the restarts do not come back */
	return bh_hc1(BH_HC_SET_MODE, mode);
}

void bh_halt(void)
{
	bh_console_flush();
	for (;;)
		bh_hc0(BH_HC_HALT_SELF);
}

int bh_shutdown(int status)
{
	bh_console_flush();
	return bh_hc1(BH_HC_SHUTDOWN, (uint32_t)status);
}

int bh_plan_switch(uint32_t plan)
{
	return bh_hc1(BH_HC_PLAN_SWITCH, plan);
}

int bh_hm_read(struct bh_hm_entry *buf, uint32_t max, uint32_t first_seq)
{
	return bh_hc3(BH_HC_HM_READ, (uint32_t)buf, max, first_seq);
}

int bh_part_control(uint32_t id, uint32_t mode)
{
	if (id == bh_partition_id && mode != BH_MODE_NORMAL)
		bh_console_flush();
	return bh_hc2(BH_HC_PART_CONTROL, id, mode);
}

int bh_part_status(uint32_t id, struct bh_part_status *out)
{
	return bh_hc2(BH_HC_PART_STATUS, id, (uint32_t)out);
}

int bh_raise_app_error(uint32_t code, const char *msg, uint32_t len)
{
	bh_console_flush();     /* a halt or restart does not come back */
	return bh_hc3(BH_HC_RAISE_APP_ERROR, code, (uint32_t)msg, len);
}

int bh_part_restart(uint32_t id)
{
	if (id == bh_partition_id)
		bh_console_flush();
	return bh_hc1(BH_HC_PART_RESTART, id);
}

int bh_irq_attach(unsigned line)
{
	return bh_hc1(BH_HC_IRQ_ATTACH, line);
}

int bh_irq_detach(unsigned line)
{
	return bh_hc1(BH_HC_IRQ_DETACH, line);
}

int bh_irq_unmask(unsigned line)
{
	return bh_hc1(BH_HC_IRQ_UNMASK, line);
}

int bh_virq_sync(void)
{
	return bh_hc0(BH_HC_VIRQ_SYNC);
}

int bh_virq_set_upcall_stack(void *top)
{
	return bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)bh_upcall_entry, (uint32_t)top);
}

uint64_t bh_time(unsigned clock)
{
	uint64_t ns = 0;

	if (bh_hc2(BH_HC_TIME, clock, (uint32_t)&ns) < 0)
		return 0;
	return ns;
}

/* clock may carry flags above BH_TIMER_CLOCK_MASK; the kernel checks them. */
int bh_timer_set(unsigned clock, uint64_t first_ns, uint64_t period_ns)
{
	return bh_hc5(BH_HC_TIMER_SET, clock,
		      (uint32_t)first_ns, (uint32_t)(first_ns >> 32),
		      (uint32_t)period_ns, (uint32_t)(period_ns >> 32));
}

int bh_timer_cancel(unsigned clock)
{
	return bh_timer_set(clock, 0, 0);
}

int bh_timer_periodic(uint64_t period_ns)
{
	uint64_t now = bh_now_ns();

	if (now == 0 || period_ns == 0)
		return -BH_EINVAL;
	return bh_timer_set(BH_CLOCK_WALL, now + period_ns, period_ns);
}
