/*
 * virq-hostile: a partition that abuses the upcall interface; the peer of
 * virq-test in configs/test/test-virq.c.  Its health-monitor action for page
 * faults and invalid opcodes is "restart", and each run does the next step:
 *
 *   run 0  BH_HC_IRET with no upcall active (-BH_ESTATE), with frames it
 *          cannot read (-BH_EFAULT); a hypercall made with DF set; a forged
 *          frame asking for ring 0, IOPL 3, NT, VM and IF clear, which must
 *          resume in ring 3 with none of them; then a forged frame whose
 *          eip is kernel text, which must fault into the health monitor.
 *   run 1  a virtual interrupt handler that executes ud2.
 *   run 2  halts.
 *
 * virq-test (the system partition) reads the two health-monitor events
 * from the log and checks them.
 */
#include "bh_test.h"

#define MS           1000000ull
#define KERNEL_EIP   0x00100000u     /* kernel text: supervisor-only */
#define KERNEL_DATA  0x00001000u
#define WAIT_NS      (200 * MS)
#define EFLAGS_CF    0x001u
#define EFLAGS_ZF    0x040u
#define EFLAGS_SF    0x080u
#define EFLAGS_DF    0x400u
#define EFLAGS_OF    0x800u
#define EFLAGS_IOPL  0x3000u
#define EFLAGS_NT    0x4000u
#define EFLAGS_VM    0x20000u
#define ARITH_FORGED (EFLAGS_CF | EFLAGS_ZF | EFLAGS_SF | EFLAGS_OF)

#define EXPECT_RC(call, want)                                           \
	do {                                                            \
		int rc_ = (call);                                       \
		BH_EXPECT(rc_ == (want), "%s returned %d, expected %d", \
			  #call, rc_, (int)(want));                     \
	} while (0)

/* Filled by landing.S. */
struct landed_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eflags, cs, ss;
};
struct landed_regs landed;
_Static_assert(__builtin_offsetof(struct landed_regs, eflags) == 32, "landing.S");
_Static_assert(__builtin_offsetof(struct landed_regs, ss) == 40, "landing.S");
void hostile_landing(void);
void hostile_landed(void);

static uint32_t user_cs, user_ss;
static struct bh_upcall_frame forged;
static uint8_t landing_stack[16384] __attribute__((aligned(16)));
static volatile int forge_armed;

static uint32_t read_cs(void)
{
	uint16_t v;

	__asm__ volatile("movw %%cs, %0" : "=r"(v));
	return v;
}

static uint32_t read_ss(void)
{
	uint16_t v;

	__asm__ volatile("movw %%ss, %0" : "=r"(v));
	return v;
}

static void nop_handler(unsigned line, void *arg)
{
}

/* No upcall active: the kernel must refuse, whatever the frame. */
static void iret_without_upcall(void)
{
	struct bh_upcall_frame *f = bh_frame_build(landing_stack + sizeof(landing_stack),
						   (void (*)(void *))bh_halt, 0, 1);

	EXPECT_RC(bh_hc1(BH_HC_IRET, (uint32_t)f), -BH_ESTATE);
	EXPECT_RC(bh_hc1(BH_HC_IRET, 0), -BH_ESTATE);
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
}

static volatile int bad_rc[3], bad_depth;

/* Inside an upcall: frames outside our memory are refused, upcall intact. */
static void bad_iret_handler(unsigned line, void *arg)
{
	struct bh_part_info info;

	bh_self(&info);
	bad_rc[0] = bh_hc1(BH_HC_IRET, KERNEL_DATA);
	bad_rc[1] = bh_hc1(BH_HC_IRET, BH_PART_BASE + info.mem_size - 8);
	bad_rc[2] = bh_hc1(BH_HC_IRET, BH_VCPU_PAGE - sizeof(struct bh_upcall_frame));
	bad_depth = (int)bh_vcpu->upcall_depth;
}

static void iret_bad_frame(void)
{
	uint32_t d0 = bh_vcpu->delivered[BH_VIRQ_TIMER];
	uint64_t end;

	bad_depth = -1;
	EXPECT_RC(bh_virq_register(BH_VIRQ_TIMER, bad_iret_handler, 0), 0);
	EXPECT_RC(bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0), 0);
	bh_virq_enable();
	end = bh_now_ns() + WAIT_NS;
	while (bad_depth < 0 && bh_now_ns() < end)
		;
	bh_virq_disable();
	BH_EXPECT(bad_depth >= 0, "timer handler never ran");
	BH_EXPECT(bad_rc[0] == -BH_EFAULT && bad_rc[1] == -BH_EFAULT && bad_rc[2] == -BH_EFAULT,
		  "iret of unreadable frames returned %d %d %d, expected %d",
		  bad_rc[0], bad_rc[1], bad_rc[2], -BH_EFAULT);
	BH_EXPECT(bad_depth == 1, "depth %d after refused irets, expected 1", bad_depth);
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
	BH_EXPECT_EQ(bh_vcpu->delivered[BH_VIRQ_TIMER] - d0, 1);
}

/*
 * The C ABI says DF is clear at every call; the kernel must not trust the
 * guest for that.  A hypercall that copies to us with DF set must work and
 * leave DF as we had it.
 */
static void hypercall_with_df(void)
{
	uint64_t t = 0, before = bh_now_ns();
	uint32_t flags;
	int32_t r;

	__asm__ volatile("std\n\t" BH_HC_INT "\n\tpushfl\n\tpopl %1\n\tcld"
			 : "=a"(r), "=r"(flags)
			 : "a"(BH_HC_TIME), "b"(BH_CLOCK_WALL), "c"(&t)
			 : "memory", "cc");
	BH_EXPECT(r == 0, "BH_HC_TIME with DF set returned %d", (int)r);
	BH_EXPECT(t >= before && t - before < 100 * MS, "time %llu read as %llu",
		  (unsigned long long)before, (unsigned long long)t);
	BH_EXPECT(flags & EFLAGS_DF, "DF cleared by the hypercall");
}

static struct bh_upcall_frame *forge_hook(struct bh_upcall_frame *f)
{
	if (!forge_armed)
		return 0;
	forge_armed = 0;
	return &forged;
}

/*
 * Resume, from the next upcall, a frame asking for everything a ring-3
 * context must not get.  Returns only if no upcall came.
 */
static void forge(uint32_t eip)
{
	uint64_t end;

	forged = (struct bh_upcall_frame){
		.eax = 0xa0a0a0a0, .ebx = 0xb0b0b0b0, .ecx = 0xc0c0c0c0,
		.edx = 0xd0d0d0d0, .esi = 0x51515151, .edi = 0xd1d1d1d1,
		.ebp = 0xbbbbbbbb, .line = 0, .eip = eip,
		.cs = 0x08,                      /* kernel code, RPL 0 */
		.ss = 0x10,                      /* kernel data */
		.esp = (uint32_t)(landing_stack + sizeof(landing_stack)),
		.eflags = 0x2 | EFLAGS_IOPL | EFLAGS_NT | EFLAGS_VM | ARITH_FORGED,
	};                                       /* IF clear */
	forge_armed = 1;
	bh_virq_set_exit_hook(forge_hook);
	if (bh_virq_register(BH_VIRQ_TIMER, nop_handler, 0) < 0 ||
	    bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0) < 0)
		return;
	bh_virq_enable();
	end = bh_now_ns() + WAIT_NS;
	while (bh_now_ns() < end)
		;
	bh_virq_disable();
}

static void check_landing(void)
{
	const struct landed_regs *l = &landed;

	BH_EXPECT((l->cs & 3) == 3 && l->cs == user_cs,
		  "resumed with cs %04x (ours is %04x): ring %u", (unsigned)l->cs,
		  (unsigned)user_cs, (unsigned)(l->cs & 3));
	BH_EXPECT(l->ss == user_ss, "resumed with ss %04x, ours is %04x",
		  (unsigned)l->ss, (unsigned)user_ss);
	BH_EXPECT(!(l->eflags & (EFLAGS_IOPL | EFLAGS_NT | EFLAGS_VM)),
		  "eflags %08x: IOPL, NT or VM taken from the frame", (unsigned)l->eflags);
	BH_EXPECT(l->eflags & BH_EFLAGS_IF, "real IF clear: eflags %08x", (unsigned)l->eflags);
	BH_EXPECT((l->eflags & ARITH_FORGED) == ARITH_FORGED,
		  "arithmetic flags of the frame lost: eflags %08x", (unsigned)l->eflags);
	BH_EXPECT(bh_vcpu->irq_masked, "frame had IF clear, yet virtual interrupts are on");
	BH_EXPECT_EQ(bh_vcpu->upcall_depth, 0);
	BH_EXPECT(l->eax == forged.eax && l->ebx == forged.ebx && l->ecx == forged.ecx &&
		  l->edx == forged.edx && l->esi == forged.esi && l->edi == forged.edi &&
		  l->ebp == forged.ebp && l->esp == forged.esp,
		  "registers not those of the frame (eax %08x esp %08x)",
		  (unsigned)l->eax, (unsigned)l->esp);
}

/* The forged frame resumed here (via landing.S): check, then step 2. */
void hostile_landed(void)
{
	bh_test_run("forged-frame", check_landing);
	bh_tests_done();
	bh_puts("forging a frame with a kernel eip: expect a health-monitor restart");
	forge(KERNEL_EIP);
	bh_panic("the kernel-eip frame was never resumed");
}

static void first_run(void)
{
	user_cs = read_cs();
	user_ss = read_ss();
	bh_test_run("iret-without-upcall", iret_without_upcall);
	bh_test_run("iret-bad-frame", iret_bad_frame);
	bh_test_run("hypercall-with-df", hypercall_with_df);
	forge((uint32_t)hostile_landing);
	bh_test_fail_named("forged-frame", __FILE__, __LINE__, "no upcall resumed the frame");
	bh_tests_done();
}

static void ud2_handler(unsigned line, void *arg)
{
	__asm__ volatile("ud2");
}

static void faulting_handler_run(void)
{
	uint64_t end;

	bh_puts("a handler executing ud2: expect a health-monitor restart");
	if (bh_virq_register(BH_VIRQ_TIMER, ud2_handler, 0) < 0 ||
	    bh_timer_set(BH_CLOCK_WALL, bh_now_ns() + 1 * MS, 0) < 0)
		bh_panic("cannot arm the timer");
	bh_virq_enable();
	end = bh_now_ns() + WAIT_NS;
	while (bh_now_ns() < end)
		;
	bh_panic("the faulting handler never ran");
}

int main(void)
{
	struct bh_part_info info;

	if (bh_self(&info) < 0)
		bh_panic("cannot read my partition information");
	if (info.restarts == 0)
		first_run();
	else if (info.restarts == 1)
		faulting_handler_run();
	else
		bh_puts("restarted twice by the health monitor; halting");
	return 0;
}
