/*
 * Stopping the machine on several CPUs (system cases smp2-stop-*): with
 * the boot option smp_stop=HOW the test image runs no cases but the
 * partitions of its configuration, on two CPUs under a plan of its own —
 * chatter (printing for ever) on one CPU, hello on the other — and, once
 * they have run for a while, one CPU stops the machine from its timer's
 * interrupt:
 *
 *   panic1       cpu 1 panics while chatter prints on cpu 0;
 *   panic0       cpu 0 panics while chatter prints on cpu 1;
 *   lock-panic1  cpu 0 takes the console's lock and spins with interrupts
 *                off, for ever; then cpu 1 panics;
 *   lock-mc1     the same, then cpu 1 reports a machine check, a module
 *                event whose default action stops the machine.
 *
 * What must follow (the cases check the console): the report, the other
 * CPU stopped before it (none of chatter's lines after it), the module
 * action (exit status 35), never a hang on the lock the parked CPU held.
 */
#include <bulkhead/config.h>
#include "ktest.h"
#include "core/boot.h"
#include "core/partition.h"
#include "core/port_hc.h"
#include "core/area.h"
#include "core/trace.h"
#include "core/sched.h"
#include "core/irq.h"
#include "core/time.h"
#include "core/hm.h"
#include "core/lock.h"
#include "core/lib.h"
#include "core/arch.h"
#include "arch/x86.h"

#define HELLO   0                  /* configs/test/ktest.c's partitions */
#define CHATTER 1
#define RUN_NS  20000000ull        /* the partitions' time before the stop */

static struct bh_config plan_cfg;
static irq_handler_t kernel_tick;
static void *kernel_tick_arg;
static uint64_t stop_at;
static unsigned stopper, lock_holder = ~0u;
static int machine_check;
static volatile int lock_held;

/*
 * Under QEMU's -icount the CPUs take turns, each until the next timer
 * deadline: with one CPU's whole report inside one turn, a CPU left
 * running would not show.  The 8254, unused with the local APIC's timer
 * and its line masked, set to count periods of 3 clocks (2.5 us) puts a
 * deadline every 2.5 us, and so gives the other CPU a turn that often:
 * were it not stopped first, its partition's lines would come among the
 * report's.  From cpu 0 only: set from cpu 1 (the 8254, or that CPU's
 * local APIC timer, periodic), QEMU 7.2 never ran cpu 1 again.
 */
static void short_turns(void)
{
	outb(0x43, 0x34);          /* channel 0, low then high byte, mode 2 */
	outb(0x40, 3);
	outb(0x40, 0);
}

/* The stopping CPU's part: wait for the holder if there is one, then
 * stop the machine. */
static void stop_machine(void)
{
	uint64_t t0 = time_now_ns();

	while (lock_holder != ~0u && !lock_held && time_now_ns() - t0 < RUN_NS)
		arch_cpu_relax();
	if (!arch_cpu_id())
		short_turns();
	if (machine_check) {
		hm_raise_module(BH_HM_MACHINE_CHECK, 18, 1, 0);
		panic("stop: the machine check's action did not stop the machine");
	}
	panic("stop: cpu %u panics on purpose", arch_cpu_id());
}

/* Every CPU's timer interrupt, before the kernel's own work. */
static void stop_tick(unsigned line, void *arg)
{
	unsigned cpu = arch_cpu_id();

	if (stop_at && time_now_ns() >= stop_at) {
		if (cpu == lock_holder) {
			tlock_take(&con_lock);
			lock_held = 1;
			for (;;)
				arch_cpu_relax();     /* interrupts off: only an NMI */
		}
		if (cpu == stopper)
			stop_machine();
	}
	kernel_tick(line, arg);
}

/* chatter on the CPU that does not stop the machine, hello on the other,
 * each for the whole frame. */
static void two_cpu_plan(void)
{
	struct bh_plan *pl = &plan_cfg.plans[0];

	plan_cfg = bh_config;
	plan_cfg.n_plans = 1;
	pl->n_windows = 2;
	pl->windows[0] = (struct bh_window){ .partition = CHATTER, .offset_us = 0,
					     .duration_us = pl->major_frame_us,
					     .cpu = 1 - stopper };
	pl->windows[1] = (struct bh_window){ .partition = HELLO, .offset_us = 0,
					     .duration_us = pl->major_frame_us,
					     .cpu = stopper };
}

static int parse(const char *how)
{
	if (!bh_strcmp(how, "panic1") || !bh_strcmp(how, "panic0")) {
		stopper = how[5] - '0';
		return 0;
	}
	if (!bh_strcmp(how, "lock-panic1") || !bh_strcmp(how, "lock-mc1")) {
		stopper = 1;
		lock_holder = 0;
		machine_check = how[5] == 'm';
		return 0;
	}
	return -1;
}

void ktest_stop(const char *how)
{
	if (parse(how) < 0 || cpus_online < 2) {
		kprintf("TEST smp_stop FAIL stop.c: smp_stop=%s on %u CPUs: want panic1, "
			"panic0, lock-panic1 or lock-mc1 on two\n", how, cpus_online);
		console_flush();
		arch_system_exit(1);
	}
	kprintf("stop: %s: cpu %u stops the machine, chatter on cpu %u%s\n", how, stopper,
		1 - stopper, lock_holder != ~0u ? " holds the console's lock" : "");
	two_cpu_plan();
	partitions_init(&plan_cfg);
	ports_init(&plan_cfg);
	areas_init(&plan_cfg);
	trace_init(&plan_cfg);
	sched_init(&plan_cfg);
	/* Not irq_set_handler: that would open the 8254's line too. */
	kernel_tick = irq_lines[BH_IRQ_TIMER].handler;
	kernel_tick_arg = irq_lines[BH_IRQ_TIMER].arg;
	irq_lines[BH_IRQ_TIMER].handler = stop_tick;
	stop_at = time_now_ns() + RUN_NS;
	console_start_async();
	sched_start();
}
