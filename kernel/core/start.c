/*
 * kernel_start for production images: validate the configuration, load
 * the partitions and start the cyclic schedule (see core/start.h; the test
 * image links kernel/test/ktest.c in this file's place).
 */
#include <bulkhead/config.h>
#include "core/start.h"
#include "core/boot.h"
#include "core/console.h"
#include "core/time.h"
#include "core/partition.h"
#include "core/sched.h"
#include "core/lib.h"
#include "core/arch.h"
#include "core/port_hc.h"
#include "core/area.h"
#include "core/trace.h"
#include "core/hm.h"

/*
 * Windows on other CPUs need each CPU's own one-shot timer (the local
 * APIC's; the 8254 is one, and the periodic tick the boot CPU's only):
 * without it such a configuration is refused here, by name, rather than
 * run with those windows silently idle.
 */
static void check_cpus(const struct bh_config *cfg)
{
	if (arch_timer_per_cpu())
		return;
	for (uint32_t pl = 0; pl < cfg->n_plans; pl++)
		for (uint32_t w = 0; w < cfg->plans[pl].n_windows; w++)
			if (cfg->plans[pl].windows[w].cpu) {
				kprintf("configuration rejected: plan %u window %u is on cpu "
					"%u: windows off cpu 0 need a per-CPU timer (the local "
					"APIC's, one-shot)\n",
					pl, w, cfg->plans[pl].windows[w].cpu);
				hm_raise_module(BH_HM_BOOT_CONFIG, HM_NO_VECTOR, 1, 0);
				/* Never run those windows on cpu 0, whatever the table said. */
				panic("configuration with windows off cpu 0");
			}
}

static void check_config(const struct bh_config *cfg)
{
	struct bh_machine m = {
		.mem_bytes = pmem_free_bytes(),
		.n_modules = boot_info.n_modules,
		.module_names = boot_info.module_names,
		.n_cpus = cpus_online,
	};
	char msg[320];     /* the longest messages name two things and a rule */

	if (bh_config_validate(cfg, &m, msg, sizeof(msg)) < 0) {
		kprintf("configuration rejected: %s\n", msg);
		hm_raise_module(BH_HM_BOOT_CONFIG, HM_NO_VECTOR, 1, 0);
	}
	check_cpus(cfg);
	kprintf("configuration: %u partition%s, %u plan%s\n", cfg->n_partitions,
		cfg->n_partitions == 1 ? "" : "s", cfg->n_plans,
		cfg->n_plans == 1 ? "" : "s");
}

void kernel_start(void)
{
	if (boot_has_option("tickrate"))
		kprintf("tick rate: %llu Hz measured against the RTC\n",
			time_ticks_per_rtc_second());

	check_config(&bh_config);
	partitions_init(&bh_config);
	ports_init(&bh_config);
	areas_init(&bh_config);
	trace_init(&bh_config);
	sched_init(&bh_config);
	console_start_async();
	sched_start();
}
