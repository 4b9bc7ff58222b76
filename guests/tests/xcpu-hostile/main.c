/*
 * xcpu-hostile: a partition on cpu 1 against cpu 0's kernel state
 * (configs/test/test-smp-xcpu.c).  The role is the partition's name:
 *
 *   attacker  one attempt per incarnation: a read or a write of cpu 0's
 *             struct cpu, NMI stack, main TSS, kernel stacks, struct pcpu
 *             and local APIC, at the addresses of the kernel image it runs
 *             under (xcpu-addrs.h, made by addrs.sh at build time), and of
 *             the tables sgdt/sidt name.  Each must be a fault logged for
 *             it alone (a page fault at that address; under UMIP sgdt and
 *             sidt are general-protection faults themselves) and a restart;
 *             the next incarnation checks the entry and prints the TEST.
 *   victim    on cpu 0: keeps its windows on time, is never restarted or
 *             blamed, and ends the run once the attacker is done.
 */
#include "bh_test.h"
#include "xcpu-addrs.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MS            1000000ull

enum how { READ, WRITE, SGDT_READ, SIDT_WRITE };

struct step {
	const char *name;
	enum how how;
	uint32_t addr;
};

static const struct step steps[] = {
	{ "cpu0-struct-read", READ, K_CPUS },
	{ "cpu0-gdt-write", WRITE, K_CPUS + 8 },
	{ "cpu0-nmi-stack-write", WRITE, K_CPUS + K_C_NMI_STACK + 4096 - 16 },
	{ "cpu0-tss-read", READ, K_TSS0 + 4 },           /* esp0 */
	{ "cpu0-tss-write", WRITE, K_TSS0 + 4 },
	{ "cpu0-boot-stack-read", READ, K_BOOT_STACK_TOP - 16 },
	{ "cpu0-boot-stack-write", WRITE, K_BOOT_STACK_TOP - 16 },
	{ "victim-kstack-write", WRITE, K_PARTITIONS + K_PART_SIZE - 16 },
	{ "cpu0-pcpu-read", READ, K_PCPUS },
	{ "cpu0-pcpu-write", WRITE, K_PCPUS },           /* its current partition */
	{ "lapic-icr-write", WRITE, K_LAPIC + 0x300 },   /* an IPI, an INIT */
	{ "cpu1-struct-write", WRITE, K_CPUS + K_CPU_SIZE },
	{ "sgdt-table-read", SGDT_READ, K_CPUS + K_CPU_SIZE },   /* cpu 1's GDT */
	{ "sidt-table-write", SIDT_WRITE, 0 },
};

/* restart_limit of "attacker" in configs/test/test-smp-xcpu.c. */
#define LIMIT ARRAY_SIZE(steps)

static struct bh_part_info info;
static struct bh_hm_entry log[64];

/* The entries of partition id that are not restarts; the last in *last. */
static unsigned entries_of(uint32_t id, struct bh_hm_entry *last)
{
	int n = bh_hm_read(log, ARRAY_SIZE(log), 0), i;
	unsigned k = 0;

	for (i = 0; i < n; i++)
		if (log[i].partition == id && log[i].event != BH_HM_PARTITION_RESTART) {
			if (last)
				*last = log[i];
			k++;
		}
	return k;
}

struct table {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* What sgdt/sidt gave the last incarnation (0: it faulted, UMIP). */
static uint32_t table_base(int idt)
{
	struct table t = { 0, 0 };

	if (idt)
		__asm__ volatile("sidt %0" : "=m"(t));
	else
		__asm__ volatile("sgdt %0" : "=m"(t));
	return t.base;
}

static void attempt(const struct step *s)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)s->addr;

	switch (s->how) {
	case READ:
		(void)*p;
		break;
	case WRITE:
		*p = 0xdeadbeefu;
		break;
	case SGDT_READ:
		p = (volatile uint32_t *)(uintptr_t)table_base(0);
		bh_printf("%s: sgdt says %08x\n", s->name, (uint32_t)(uintptr_t)p);
		(void)*p;
		break;
	case SIDT_WRITE:
		p = (volatile uint32_t *)(uintptr_t)table_base(1);
		bh_printf("%s: sidt says %08x\n", s->name, (uint32_t)(uintptr_t)p);
		*p = 0;
		break;
	}
}

/* A page fault at the step's address (sidt's: in the kernel's part of
 * the space); under UMIP sgdt's and sidt's own general-protection fault. */
static unsigned step_index;

static void check_previous_step(void)
{
	unsigned i = step_index;
	const struct step *s = &steps[i];
	struct bh_hm_entry e = { 0 };
	unsigned n = entries_of(info.id, &e);
	int pf = e.event == BH_HM_PAGE_FAULT && e.vector == 14 &&
		 (s->addr ? e.addr == s->addr : e.addr < 0x40000000u);
	int umip = s->how >= SGDT_READ && e.event == BH_HM_GENERAL_PROTECTION &&
		   e.vector == 13;

	BH_EXPECT(info.mode == BH_MODE_COLD_START, "mode %u after the restart", info.mode);
	BH_EXPECT(n == i + 1, "%u log entries for us, expected %u", n, i + 1);
	BH_EXPECT((pf || umip) && e.action == BH_HM_ACT_RESTART,
		  "logged event %u vector %u addr %08x action %u; expected a page fault "
		  "at %08x and a restart", e.event, e.vector, e.addr, e.action, s->addr);
	if (umip)
		bh_printf("%s: UMIP: the instruction itself faulted\n", s->name);
}

static void role_attacker(void)
{
	if (info.restarts > 0 && info.restarts <= LIMIT) {
		step_index = info.restarts - 1;
		bh_test_run(steps[step_index].name, check_previous_step);
	}
	if (info.restarts >= LIMIT) {
		bh_tests_done();
		bh_halt();
	}
	bh_console_flush();
	attempt(&steps[info.restarts]);
	bh_printf("%s: %08x was reachable\n", steps[info.restarts].name,
		  steps[info.restarts].addr);
	bh_test_fail_named(steps[info.restarts].name, __FILE__, __LINE__,
			   "cpu 0's state was reachable from cpu 1");
	bh_puts("SURVIVED an attempt");
	bh_tests_done();
	bh_halt();
}

/* --------------------------------------------------------------- victim -- */

#define P_ATTACKER    1            /* configs/test/test-smp-xcpu.c */
#define FRAME_NS      (10 * MS)
#define MAX_WINDOWS   400

static void role_victim(void)
{
	uint64_t prev = 0, start;
	unsigned w, late = 0, done = 0;

	for (w = 0; w < MAX_WINDOWS; w++) {
		start = bh_vcpu->window_start_ns;
		if (prev && (start - prev < FRAME_NS || start - prev > FRAME_NS + MS))
			late++;
		prev = start;
		done = entries_of(P_ATTACKER, 0);
		if (done >= LIMIT)
			break;
		bh_yield();
	}
	bh_printf("attacker: %u of %u attempts logged\n", done, (unsigned)LIMIT);
	if (done >= LIMIT)
		bh_test_pass("attacker-finished");
	else
		bh_test_fail_named("attacker-finished", __FILE__, __LINE__,
				   "the attacker did not make every attempt");
	bh_self(&info);
	bh_printf("victim: %u windows off time, %u restarts, %u HM entries\n", late,
		  info.restarts, entries_of(info.id, 0));
	if (late || info.restarts || entries_of(info.id, 0))
		bh_test_fail_named("victim-undisturbed", __FILE__, __LINE__,
				   "windows off time, or restarted, or blamed");
	else
		bh_test_pass("victim-undisturbed");
	bh_tests_done();
	bh_shutdown(0);
}

int main(void)
{
	bh_self(&info);
	if (!strcmp(info.name, "attacker"))
		role_attacker();
	else if (!strcmp(info.name, "victim"))
		role_victim();
	bh_test_fail_named("role", __FILE__, __LINE__, "no role for this partition name");
	bh_tests_done();
	bh_halt();
}
