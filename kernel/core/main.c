/*
 * kmain: boot in order — console, boot information, the processor and
 * platform (arch_init), interrupt lines and timer — then kernel_start(),
 * which the link chose (core/start.h): the partitions in production
 * images, the in-kernel tests in the test image.
 */
#include <bulkhead/config.h>
#include "core/boot.h"
#include "core/console.h"
#include "core/irq.h"
#include "core/time.h"
#include "core/start.h"
#include "core/sched.h"
#include "core/vcpu.h"
#include "core/lib.h"
#include "core/arch.h"
#include "core/hm.h"

void kmain(uint32_t magic, uint32_t mbi);

/* The kernel's clock: line 0 belongs to the kernel and nobody else. */
static void timer_tick(unsigned line, void *arg)
{
	uint64_t now;

	time_tick();
	now = timebase.tick_ns;
	if (current)
		vcpu_tick(current, now);
	vtimer_check(now);
	console_tick();             /* before sched_tick, which may switch away */
	sched_tick(now);
}

void kmain(uint32_t magic, uint32_t mbi)
{
	uint32_t hz = bh_config.tick_hz ? bh_config.tick_hz : BH_DEFAULT_TICK_HZ;
	uint32_t period;

	arch_console_init();
	kprintf("\nbulkhead %s — partitioning hypervisor for i386\n",
		BULKHEAD_VERSION);
	boot_arch_parse(magic, mbi);
	arch_init(boot_info.ram_end);
	pmem_init(boot_info.free_start, boot_info.ram_end);
	irq_reset();
	period = arch_timer_init(hz);
	time_init(period);
	irq_set_handler(BH_IRQ_TIMER, timer_tick, 0);
	kprintf("timer: %u Hz (divisor %u), FPU/SSE on\n", hz, period);

	kernel_start();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	console_flush();            /* what was queued first, then the report */
	kputs("PANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kputs("\n");
	arch_dump_state();
	hm_panic_stop();          /* a failed self-check: module_action[] */
}
