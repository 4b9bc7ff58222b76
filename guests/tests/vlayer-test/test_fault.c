/*
 * The fault path: with the partition's hm_action DELIVER for the divide
 * error and the page fault (configs/test/test-vlayer.c), a CPU fault
 * reaches RTEMS's exception handler, (*_currentExcHandler)(frame), with
 * RTEMS's i386 frame, and the registers and eip the handler leaves in it
 * are what resumes: the partition carries on past the faulting
 * instruction.  The 2014 layer's _BSP_Virtual_faulthandler did nothing.
 */
#include "vtest.h"

/* RTEMS's own variable, which the layer calls through. */
rtems_virt_exc_handler _currentExcHandler;

#define RESUME_EAX 0x5eedu

/* Labels of the two faulting instructions and the code after each. */
extern const char vt_div_at[], vt_div_after[], vt_pf_at[], vt_pf_after[];

static struct rtems_virt_exception_frame seen;
static volatile unsigned calls;

/* Resume after the instruction that faulted, with eax changed. */
static void exc_handler(struct rtems_virt_exception_frame *x)
{
	seen = *x;
	calls++;
	if (x->eip == (uint32_t)(uintptr_t)vt_div_at)
		x->eip = (uint32_t)(uintptr_t)vt_div_after;
	else if (x->eip == (uint32_t)(uintptr_t)vt_pf_at)
		x->eip = (uint32_t)(uintptr_t)vt_pf_after;
	x->eax = RESUME_EAX;
}

static void fault_reset(void)
{
	vtest_reset();
	_CPU_Virtual_Interrupts_open();   /* the kernel delivers only then */
	_currentExcHandler = exc_handler;
	calls = 0;
}

static uint32_t divide_by_zero(void)
{
	uint32_t eax;

	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
			 "movl $7, %%eax\n\t"
			 "xorl %%edx, %%edx\n\t"
			 ".globl vt_div_at\n"
			 "vt_div_at: divl %%ecx\n"
			 ".globl vt_div_after\n"
			 "vt_div_after:"
			 : "=a"(eax) : : "ecx", "edx", "memory");
	return eax;
}

static uint32_t read_page_zero(void)
{
	uint32_t eax;

	__asm__ volatile(".globl vt_pf_at\n"
			 "vt_pf_at: movl 0x10, %%eax\n"
			 ".globl vt_pf_after\n"
			 "vt_pf_after:"
			 : "=a"(eax) : : "memory");
	return eax;
}

BH_TEST(fault, divide_error_to_rtems, "divide_error_to_rtems")
{
	uint32_t eax;

	fault_reset();
	BH_EXPECT_EQ(_BSP_Virtual_faulthandler(), 0);
	eax = divide_by_zero();
	BH_EXPECT(calls == 1, "the exception handler ran %u times", calls);
	BH_EXPECT_EQ(seen.idtIndex, 0);
	BH_EXPECT(seen.eip == (uint32_t)(uintptr_t)vt_div_at,
		  "frame eip 0x%x, the divide is at 0x%x", (unsigned)seen.eip,
		  (unsigned)(uintptr_t)vt_div_at);
	BH_EXPECT_EQ(seen.eax, 7);           /* the registers at the fault */
	BH_EXPECT_EQ(seen.ecx, 0);
	BH_EXPECT(eax == RESUME_EAX, "resumed with eax 0x%x, the handler left 0x%x",
		  (unsigned)eax, RESUME_EAX);
	_currentExcHandler = 0;
}

BH_TEST(fault, page_fault_to_rtems, "page_fault_to_rtems")
{
	struct bh_error_status st;
	uint32_t eax;

	fault_reset();
	BH_EXPECT_EQ(_BSP_Virtual_faulthandler(), 0);
	eax = read_page_zero();
	BH_EXPECT(calls == 1, "the exception handler ran %u times", calls);
	BH_EXPECT_EQ(seen.idtIndex, 14);
	BH_EXPECT_EQ(seen.faultCode, 4);     /* user read, not present */
	BH_EXPECT(seen.eip == (uint32_t)(uintptr_t)vt_pf_at,
		  "frame eip 0x%x, the load is at 0x%x", (unsigned)seen.eip,
		  (unsigned)(uintptr_t)vt_pf_at);
	BH_EXPECT(eax == RESUME_EAX, "resumed with eax 0x%x", (unsigned)eax);
	/* Handled: acknowledged, and the status keeps the address. */
	BH_EXPECT_EQ(bh_hm_get_error_status(&st), -BH_ENOENT);
	BH_EXPECT_EQ(st.addr, 0x10);
	BH_EXPECT_EQ(st.code, BH_ARINC_MEMORY_VIOLATION);
	_currentExcHandler = 0;
}
