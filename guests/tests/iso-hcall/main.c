/*
 * hcall (configs/test/test-hm.c): the hypercall interface from an ordinary,
 * non-system partition.  Every pointer argument must lie whole inside the
 * caller's memory (kernel addresses, the guard page, ranges running past
 * an edge or wrapping around 2^32 get -BH_EFAULT, and nothing is written);
 * unknown numbers get -BH_ENOSYS; system-only calls -BH_EPERM; bad ids an
 * error.  Then, with TESTS DONE printed, it reads a port granted to
 * another partition: the health monitor restarts it (hm_action RESTART
 * for general protection, restart_limit 1).  Restarted, it commits a
 * #BR (bound), a fault, which no configuration may ignore (it would
 * re-execute forever; the validator refuses IGNORE for it): the kernel
 * halts it, the default action.  The observer checks both log entries.
 */
#include "bh_test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define N_PARTS       7          /* configs/test/test-hm.c */
#define P_OBS         0
#define VICTIM_PORT   0x2f8      /* granted to the victim */
#define POST_PORT     0x80       /* granted to us */

int32_t hc_probe(uint32_t nr, uint32_t regs_out[6]);
void bound_fault(void);

static struct bh_part_info info;
static uint32_t guard, end;      /* the stack guard page; end of memory */

struct bad_ptr {
	const char *what;
	uint32_t addr;
};

/* Places a buffer of len bytes must not be accepted at. */
static unsigned bad_pointers(struct bad_ptr *b, uint32_t len)
{
	unsigned n = 0;

	b[n++] = (struct bad_ptr){ "kernel", 0x00100000 };
	b[n++] = (struct bad_ptr){ "page 0", 0 };
	b[n++] = (struct bad_ptr){ "TSS page", 0x3fffb000 };
	b[n++] = (struct bad_ptr){ "guard page", guard };
	b[n++] = (struct bad_ptr){ "into the guard page", guard - len / 2 };
	b[n++] = (struct bad_ptr){ "out of the guard page", guard + BH_PAGE_SIZE - len / 2 };
	b[n++] = (struct bad_ptr){ "across the end", end - len / 2 };
	b[n++] = (struct bad_ptr){ "past the end", end };
	b[n++] = (struct bad_ptr){ "into the vCPU page", BH_VCPU_PAGE - len / 2 };
	b[n++] = (struct bad_ptr){ "wrapping", 0u - len / 2 };
	b[n++] = (struct bad_ptr){ "last byte", 0xffffffffu };
	return n;
}

/* A fill pattern just below the guard page shows a partial copy. */
static uint8_t *canary(void)
{
	uint8_t *c = (uint8_t *)(uintptr_t)(guard - 64);

	memset(c, 0xa5, 64);
	return c;
}

static int canary_intact(const uint8_t *c)
{
	unsigned i;

	for (i = 0; i < 64; i++)
		if (c[i] != 0xa5)
			return 0;
	return 1;
}

BH_TEST(hcall, test_unknown, "hc-unknown-enosys")
{
	static const uint32_t nrs[] = { BH_HC_COUNT, BH_HC_COUNT + 1, 1000,
					0x7fffffffu, 0x80000000u, 0xffffffffu };
	uint32_t regs[6];
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(nrs); i++)
		BH_EXPECT(bh_hc0(nrs[i]) == -BH_ENOSYS, "hypercall %u = %d", nrs[i],
			  bh_hc0(nrs[i]));
	BH_EXPECT_EQ(hc_probe(0xffffffffu, regs), -BH_ENOSYS);
}

BH_TEST(hcall, test_regs_preserved, "hc-registers-preserved")
{
	static const uint32_t want[6] = { 0x11111111, 0x40000000, 0x33333333,
					  0x44444444, 0x55555555, 0x66666666 };
	static const uint32_t nrs[] = { BH_HC_ABI_VERSION, BH_HC_VIRQ_SYNC, 1000,
					BH_HC_TIME, BH_HC_PLAN_SWITCH };
	static const char *const names[6] = { "ebx", "ecx", "edx", "esi", "edi", "ebp" };
	uint32_t regs[6];
	unsigned i, r;

	for (i = 0; i < ARRAY_SIZE(nrs); i++) {
		hc_probe(nrs[i], regs);
		for (r = 0; r < 6; r++)
			BH_EXPECT(regs[r] == want[r], "hypercall %u changed %s to %08x",
				  nrs[i], names[r], regs[r]);
	}
	BH_EXPECT_EQ((uint32_t)hc_probe(BH_HC_ABI_VERSION, regs), BH_ABI_VERSION);
}

BH_TEST(hcall, test_console_efault, "hc-console-efault")
{
	struct bad_ptr b[16];
	unsigned i, n = bad_pointers(b, 16);

	for (i = 0; i < n; i++)
		BH_EXPECT(bh_console_write((const char *)(uintptr_t)b[i].addr, 16) == -BH_EFAULT,
			  "console write of 16 bytes at %08x (%s) = %d", b[i].addr, b[i].what,
			  bh_console_write((const char *)(uintptr_t)b[i].addr, 16));
	/* Huge lengths from a good start. */
	BH_EXPECT_EQ(bh_console_write((const char *)BH_PART_BASE, 0xffffffffu), -BH_EFAULT);
	BH_EXPECT_EQ(bh_console_write((const char *)BH_PART_BASE, 0x80000000u), -BH_EFAULT);
	BH_EXPECT_EQ(bh_console_write((const char *)BH_PART_BASE, guard - BH_PART_BASE + 1),
		     -BH_EFAULT);
	BH_EXPECT_EQ(bh_console_write((const char *)(uintptr_t)(end - 16), 0xfffffff8u),
		     -BH_EFAULT);
	BH_EXPECT_EQ(bh_console_write("", 0), 0);
}

BH_TEST(hcall, test_time_efault, "hc-time-efault")
{
	struct bad_ptr b[16];
	unsigned i, n = bad_pointers(b, 8);
	uint8_t *c = canary();
	uint64_t *vcpu_tail = (uint64_t *)(BH_VCPU_PAGE + BH_PAGE_SIZE - 8);

	for (i = 0; i < n; i++)
		BH_EXPECT(bh_hc2(BH_HC_TIME, BH_CLOCK_WALL, b[i].addr) == -BH_EFAULT,
			  "time into %08x (%s) = %d", b[i].addr, b[i].what,
			  bh_hc2(BH_HC_TIME, BH_CLOCK_WALL, b[i].addr));
	BH_EXPECT(canary_intact(c), "a refused call wrote below the guard page");
	/* The edges themselves are ours. */
	BH_EXPECT_EQ(bh_hc2(BH_HC_TIME, BH_CLOCK_WALL, guard - 8), 0);
	BH_EXPECT(!canary_intact(c), "the time was not written below the guard page");
	BH_EXPECT_EQ(bh_hc2(BH_HC_TIME, BH_CLOCK_EXEC, (uint32_t)vcpu_tail), 0);
	BH_EXPECT(*vcpu_tail != 0, "execution time not written to the vCPU page");
	BH_EXPECT_EQ(bh_hc2(BH_HC_TIME, 2, guard - 8), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc2(BH_HC_TIME, 0xffffffffu, guard - 8), -BH_EINVAL);
}

/* Code is mapped read-only: the kernel must not write it for us either. */
BH_TEST(hcall, test_code_read_only, "hc-code-read-only")
{
	const uint8_t *code = (const uint8_t *)test_unknown;
	uint8_t before[8];
	unsigned i;

	for (i = 0; i < 8; i++)
		before[i] = code[i];
	BH_EXPECT_EQ(bh_hc2(BH_HC_TIME, BH_CLOCK_WALL, (uint32_t)code), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc1(BH_HC_PART_SELF, BH_PART_BASE), -BH_EFAULT);
	for (i = 0; i < 8; i++)
		BH_EXPECT(code[i] == before[i], "code byte %u changed by a refused call", i);
	/* Reading it is fine: the console may print from constants. */
	BH_EXPECT_EQ(bh_console_write((const char *)code, 0), 0);
}

BH_TEST(hcall, test_self_efault, "hc-self-efault")
{
	struct bad_ptr b[16];
	unsigned i, n = bad_pointers(b, sizeof(struct bh_part_info));
	uint8_t *c = canary();

	for (i = 0; i < n; i++)
		BH_EXPECT(bh_hc1(BH_HC_PART_SELF, b[i].addr) == -BH_EFAULT,
			  "part_self into %08x (%s) = %d", b[i].addr, b[i].what,
			  bh_hc1(BH_HC_PART_SELF, b[i].addr));
	BH_EXPECT(canary_intact(c), "a refused call wrote below the guard page");
	BH_EXPECT_EQ(bh_hc1(BH_HC_PART_SELF, guard - sizeof(struct bh_part_info)), info.id);
}

BH_TEST(hcall, test_system_only, "hc-system-only-eperm")
{
	struct bh_hm_entry e;
	struct bh_hm_stats st;

	BH_EXPECT_EQ(bh_plan_switch(0), -BH_EPERM);
	BH_EXPECT_EQ(bh_plan_switch(99), -BH_EPERM);
	BH_EXPECT_EQ(bh_hc1(BH_HC_SHUTDOWN, 0), -BH_EPERM);
	BH_EXPECT_EQ(bh_hm_read(&e, 1, 0), -BH_EPERM);
	BH_EXPECT_EQ(bh_hc3(BH_HC_HM_READ, 0x00100000, 1, 0), -BH_EPERM);
	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, P_OBS, (uint32_t)&st), -BH_EPERM);
	BH_EXPECT_EQ(bh_part_restart(P_OBS), -BH_EPERM);
}

BH_TEST(hcall, test_bad_ids, "hc-bad-ids")
{
	BH_EXPECT_EQ(bh_set_mode(4), -BH_EINVAL);
	BH_EXPECT_EQ(bh_set_mode(0xffffffffu), -BH_EINVAL);
	BH_EXPECT_EQ(bh_part_restart(N_PARTS), -BH_ENOENT);
	BH_EXPECT_EQ(bh_part_restart(0xffffffffu), -BH_ENOENT);
	BH_EXPECT_EQ(bh_timer_set(2, 1, 0), -BH_EINVAL);
	BH_EXPECT_EQ(bh_timer_set(BH_CLOCK_WALL | 0x80000000u, 1, 0), -BH_EINVAL);
	BH_EXPECT_EQ(bh_timer_set(BH_CLOCK_WALL, 1ull << 40, 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_timer_cancel(BH_CLOCK_WALL), 0);
}

BH_TEST(hcall, test_irq_lines, "hc-irq-lines")
{
	BH_EXPECT_EQ(bh_irq_attach(0), -BH_EPERM);           /* the kernel's PIT */
	BH_EXPECT_EQ(bh_irq_attach(3), -BH_EPERM);           /* not granted */
	BH_EXPECT_EQ(bh_irq_attach(18), -BH_EINVAL);         /* reserved */
	BH_EXPECT_EQ(bh_irq_attach(32), -BH_EINVAL);
	BH_EXPECT_EQ(bh_irq_attach(0xffffffffu), -BH_EINVAL);
	BH_EXPECT_EQ(bh_irq_detach(BH_VIRQ_TIMER), -BH_ENOENT);
	BH_EXPECT_EQ(bh_irq_detach(0xffffffffu), -BH_EINVAL);
	BH_EXPECT_EQ(bh_irq_unmask(3), -BH_EPERM);
	BH_EXPECT_EQ(bh_irq_unmask(BH_VIRQ_TIMER), -BH_EINVAL);
	BH_EXPECT_EQ(bh_irq_attach(BH_VIRQ_TIMER), 0);
	BH_EXPECT_EQ(bh_irq_attach(BH_VIRQ_TIMER), -BH_EBUSY);
	BH_EXPECT_EQ(bh_irq_detach(BH_VIRQ_TIMER), 0);
}

/* The upcall entry must be our code; an upcall stack must be ours. */
BH_TEST(hcall, test_vcpu_entry, "hc-vcpu-entry")
{
	static uint32_t data_word;

	BH_EXPECT_EQ(bh_hc2(BH_HC_VCPU_ENTRY, 0x00100000, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)&data_word, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_VCPU_ENTRY, guard, 0), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)test_vcpu_entry, 0x00100000), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)test_vcpu_entry,
			    guard + BH_PAGE_SIZE), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)test_vcpu_entry, 16), -BH_EFAULT);
	/* Put libpart's entry back (whatever happened above). */
	BH_EXPECT_EQ(bh_virq_set_upcall_stack(0), 0);
}

/* BH_HC_IRET checks its frame pointer like any other. */
static volatile int32_t iret_results[5];
static volatile int iret_ran;

static void on_window(unsigned line, void *arg)
{
	const uint32_t frames[5] = { 0x00100000, 0, 0xfffffff0u, guard, end - 8 };
	unsigned i;

	for (i = 0; i < 5; i++)
		iret_results[i] = bh_hc1(BH_HC_IRET, frames[i]);
	iret_ran = 1;
}

BH_TEST(hcall, test_iret, "hc-iret-bad-frame")
{
	unsigned i;

	BH_EXPECT_EQ(bh_hc1(BH_HC_IRET, (uint32_t)&info), -BH_ESTATE);  /* no upcall */
	BH_EXPECT_EQ(bh_virq_register(BH_VIRQ_WINDOW, on_window, 0), 0);
	bh_virq_enable();
	bh_yield();                     /* the next window's upcall runs on_window */
	bh_virq_disable();
	bh_virq_unregister(BH_VIRQ_WINDOW);
	BH_EXPECT(iret_ran, "no window upcall after a yield");
	for (i = 0; i < 5; i++)
		BH_EXPECT(iret_results[i] == -BH_EFAULT, "iret with bad frame %u = %d", i,
			  iret_results[i]);
}

BH_TEST(hcall, test_io_granted, "io-granted-post")
{
	bh_outb(POST_PORT, 0x42);       /* a fault here halts us: no PASS line */
}

int main(void)
{
	bh_self(&info);
	end = BH_PART_BASE + info.mem_size;
	guard = end - info.stack_size - BH_PAGE_SIZE;
	if (info.restarts) {
		bh_puts("restarted: a bound fault must halt us");
		bound_fault();
		bh_puts("SURVIVED a bound fault");
		bh_halt();
	}
	bh_test_suite("hcall", 0, 0);
	bh_tests_done();
	bh_printf("reading port 0x%x, granted to the victim\n", VICTIM_PORT);
	bh_console_flush();
	bh_inb(VICTIM_PORT);
	bh_puts("SURVIVED reading another partition's port");
	bh_halt();
}
