/*
 * System test: per-task FPU context.  Two RTOS_FLOATING_POINT tasks of
 * equal priority, time-sliced, each keep their own value in x87 st(0) and
 * SSE xmm0 while the tick switches between them (exit-hook path) and while
 * they yield (voluntary path); a non-FP task runs in between.  The values
 * are loaded and read by inline assembly: this file, like the RTOS, is
 * built without compiler-generated FPU code.
 */
#include "rtest.h"

static volatile int fp_stop;
static volatile unsigned fp_errors, fp_rounds[2];

static void fpu_load(uint32_t v)
{
	__asm__ volatile("fninit\n\t"
			 "fildl %0\n\t"
			 "movd %1, %%xmm0"
			 : : "m"(v), "r"(v));
}

static int fpu_holds(uint32_t v)
{
	uint32_t x87 = 0, sse = 0;

	__asm__ volatile("fistl %0\n\t"
			 "movd %%xmm0, %1"
			 : "=m"(x87), "=r"(sse));
	return x87 == v && sse == v;
}

static void fp_body(rtos_task_argument index)
{
	uint32_t mine = 0x1234000u + (uint32_t)index * 0x111u;

	fpu_load(mine);
	while (!fp_stop) {
		if (!fpu_holds(mine))
			fp_errors++;
		fp_rounds[index]++;
		if (fp_rounds[index] % 1024 == 0)
			rtos_task_wake_after(RTOS_YIELD_PROCESSOR);
	}
	rtest_done();
}

static void plain_body(rtos_task_argument arg)
{
	while (!fp_stop)
		rtos_task_wake_after(1);
	rtest_done();
}

BH_TEST(fpu, fpu_context, "fpu_context")
{
	fp_stop = 0;
	fp_errors = fp_rounds[0] = fp_rounds[1] = 0;
	BH_EXPECT(rtest_task("FP-0", 10, RTOS_TIMESLICE, RTOS_FLOATING_POINT, fp_body, 0), "create");
	BH_EXPECT(rtest_task("FP-1", 10, RTOS_TIMESLICE, RTOS_FLOATING_POINT, fp_body, 1), "create");
	BH_EXPECT(rtest_task("NOFP", 9, 0, 0, plain_body, 0), "create");
	rtos_task_wake_after(30);
	fp_stop = 1;
	BH_EXPECT_EQ(rtest_wait_done(3, 100), 3);
	BH_EXPECT(fp_rounds[0] && fp_rounds[1], "rounds %u %u", fp_rounds[0], fp_rounds[1]);
	BH_EXPECT_EQ(fp_errors, 0);
}
