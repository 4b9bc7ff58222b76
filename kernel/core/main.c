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

unsigned cpus_online = 1;

static unsigned atou(const char *s)
{
	unsigned v = 0;

	while (*s >= '0' && *s <= '9' && v < 1000)
		v = v * 10 + (unsigned)(*s++ - '0');
	return v;
}

/*
 * The timer's interrupt: one-shot, it comes when something is due (a
 * window's end, the running partition's timer), so each step below is a
 * comparison unless its moment has come; sched_event arms the next one.
 * Not static: entry.S's fast case (ticktraps) runs only while this is the
 * timer line's handler.
 */
void timer_event(unsigned line, void *arg)
{
	uint64_t now = time_event_now();
	unsigned cpu = arch_cpu_id();

	/* The common cases in one pass (one-shot timer only): before the
	 * cut, the running partition's own timer (vtimer_own_tick: this
	 * CPU's timer and partition, the tick counted on the boot CPU only,
	 * as below); at or past it, a window's end where one CPU runs
	 * (sched_window_end, its refusals a few tests).  The cut's
	 * comparison decides between them, once. */
	if (now < sched_cut) {
		if (cpu_timer.oneshot && vtimer_own_tick(now))
			return;
	} else if (sched_window_end(now)) {
		return;
	}
	if (now < cpu_timer.next)
		cpu_timer.early++;  /* the timer's rate rounds: armed again below */
	else if (!cpu)
		timebase.ticks++;   /* the boot CPU's (the RTC check counts them) */
	if (current)
		vcpu_tick(current, now);
	vtimer_check(now);
	if (!cpu)
		console_tick();     /* before sched_event, which may switch away */
	sched_event(now);
}

/* guard=US: the window guard in microseconds (sched.h), 0 for none. */
static void guard_option(void)
{
	char v[12];
	uint32_t us = 0;
	unsigned i;

	if (!boot_option("guard=", v, sizeof(v)))
		return;
	for (i = 0; v[i] >= '0' && v[i] <= '9' && us <= SCHED_GUARD_MAX_NS / 1000; i++)
		us = us * 10 + (uint32_t)(v[i] - '0');
	if (v[i] || !i || us > SCHED_GUARD_MAX_NS / 1000) {
		kprintf("guard=%s: not a number of microseconds up to %u; %u kept\n", v,
			SCHED_GUARD_MAX_NS / 1000, sched_guard_ns / 1000);
		return;
	}
	sched_guard_ns = us * 1000;
}

void kmain(uint32_t magic, uint32_t mbi)
{
	uint32_t hz = bh_config.tick_hz ? bh_config.tick_hz : BH_DEFAULT_TICK_HZ;
	char want[16];

	arch_console_init();
	kprintf("\nbulkhead %s — partitioning hypervisor for i386\n",
		BULKHEAD_VERSION);
	boot_arch_parse(magic, mbi);
	arch_init(boot_info.ram_end);
	pmem_init(boot_info.free_start, boot_info.ram_end);
	irq_reset();
	irq_set_handler(BH_IRQ_TIMER, timer_event, 0);
	/* After the handler: a local APIC timer masks the 8254's line again. */
	time_init(boot_option("timer=", want, sizeof(want)) ? want : 0, hz);
	/* cpus=N: start at most N CPUs (cpus=1: the other CPUs stay off). */
	cpus_online = arch_smp_init(boot_option("cpus=", want, sizeof(want)) ?
				    atou(want) : 0);
	guard_option();
	if (cpu_timer.oneshot)
		kprintf("window guard: %u us\n", sched_guard_ns / 1000);
	kprintf("FPU/SSE on\n");

	kernel_start();
}

/* Each other CPU, released by the boot CPU's schedule (arch_smp_release),
 * on its own stack, its timer on. */
void kmain_ap(void)
{
	sched_start_cpu();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	/* The other CPUs parked first, then what was queued, then the
	 * report: nothing of theirs comes after it, and no lock they held
	 * holds it up. */
	hm_stop_cpus();
	kputs("PANIC: ");
	if (arch_smp())
		kprintf("cpu %u: ", arch_cpu_id());
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kputs("\n");
	arch_dump_state();
	hm_panic_stop();          /* a failed self-check: module_action[] */
}
