/*
 * CPU faults of a process (hm_action DELIVER for the divide error and the
 * page fault, configs/test/test-apex.c): the faulted process is parked,
 * its error queued for the error handler with the ARINC code, the process
 * and the faulting instruction's address, and every other process of the
 * partition carries on.  Without the delivery the kernel would restart
 * the whole partition (its default action).
 */
#include "at.h"

void fault_divide(void)
{
	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
			 "movl $7, %%eax\n\t"
			 "xorl %%edx, %%edx\n\t"
			 ".globl at_div_at\n"
			 "at_div_at: divl %%ecx"
			 : : : "eax", "ecx", "edx", "memory");
}

void fault_read_page_zero(void)
{
	__asm__ volatile(".globl at_pf_at\n"
			 "at_pf_at: movl 0x10, %%eax"
			 : : : "eax", "memory");
}

static void expect_message(unsigned vector, const char *eip, unsigned addr)
{
	char want[MAX_ERROR_MESSAGE_SIZE + 1];

	bh_snprintf(want, sizeof(want), "CPU exception %u at 0x%x (address 0x%x)", vector,
		    (unsigned)(uintptr_t)eip, addr);
	BH_EXPECT(bh_strcmp(seen.msg, want) == 0, "message \"%s\", expected \"%s\"",
		  seen.msg, want);
}

static PROCESS_STATE_TYPE state_of(int w)
{
	PROCESS_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	GET_PROCESS_STATUS(worker_id[w], &s, &rc);
	return rc == NO_ERROR ? s.PROCESS_STATE : (PROCESS_STATE_TYPE)-1;
}

/* The handler stops a divide error's process; it can be started again. */
BH_TEST(apex, test_divide_error, "divide_error_to_handler")
{
	int before = seen.count;

	trace_reset();
	run_job(W_M, OP_DIVIDE, 0, 0);
	pause_for(5 * MS);                      /* M (below TESTER) runs, faults */
	BH_EXPECT(seen.count == before + 1, "handler saw %d errors", seen.count - before);
	BH_EXPECT_EQ(seen.code, NUMERIC_ERROR);
	BH_EXPECT_EQ(seen.pid, worker_id[W_M]);
	BH_EXPECT(seen.addr == (SYSTEM_ADDRESS_TYPE)(uintptr_t)at_div_at,
		  "FAILED_ADDRESS 0x%x, the divide is at 0x%x", (unsigned)seen.addr,
		  (unsigned)(uintptr_t)at_div_at);
	expect_message(0, at_div_at, 0);
	BH_EXPECT(!jobs[W_M].done && trace_is(""), "M went on past its fault: %s", trace);
	BH_EXPECT_EQ(state_of(W_M), DORMANT);  /* the handler's STOP */
	run_job(W_M, OP_TRACE, 0, 0);
	pause_for(5 * MS);
	BH_EXPECT(trace_is("M"), "M started again after its fault: trace %s", trace);
}

/* A memory violation's process stays parked (WAITING) while a lower one
 * runs, until STOPped; the partition is not restarted. */
BH_TEST(apex, test_page_fault, "page_fault_to_handler")
{
	RETURN_CODE_TYPE rc;
	int before = seen.count;

	trace_reset();
	run_job(W_M, OP_PAGE_FAULT, 0, 0);
	pause_for(5 * MS);
	BH_EXPECT(seen.count == before + 1, "handler saw %d errors", seen.count - before);
	BH_EXPECT_EQ(seen.code, MEMORY_VIOLATION);
	BH_EXPECT_EQ(seen.pid, worker_id[W_M]);
	BH_EXPECT(seen.addr == (SYSTEM_ADDRESS_TYPE)(uintptr_t)at_pf_at,
		  "FAILED_ADDRESS 0x%x, the load is at 0x%x", (unsigned)seen.addr,
		  (unsigned)(uintptr_t)at_pf_at);
	expect_message(14, at_pf_at, 0x10);
	BH_EXPECT_EQ(state_of(W_M), WAITING);
	run_job(W_L, OP_TRACE, 0, 0);           /* below M: runs only if M is parked */
	pause_for(5 * MS);
	BH_EXPECT(trace_is("L"), "beside the parked M: trace %s", trace);
	BH_EXPECT_EQ(state_of(W_M), WAITING);
	STOP(worker_id[W_M], &rc);
	BH_EXPECT_EQ(rc, NO_ERROR);
	BH_EXPECT_EQ(state_of(W_M), DORMANT);
	run_job(W_M, OP_TRACE, 0, 0);
	pause_for(5 * MS);
	BH_EXPECT(trace_is("LM"), "M started again after its fault: trace %s", trace);
}
