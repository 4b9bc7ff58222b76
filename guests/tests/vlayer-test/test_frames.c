/*
 * The libpart context primitives an RTOS builds on (libpart.h, "frames"):
 * a voluntary switch between built contexts, and preemption through the
 * exit hook followed by a ring-3 resume of the kernel-built frame.
 */
#include "vtest.h"

#define CTX_STACK 4096

static uint8_t ctx_stack[CTX_STACK] __attribute__((aligned(16)));
static struct bh_upcall_frame *main_ctx, *other_ctx;
static volatile unsigned ctx_runs;
static volatile unsigned ctx_level_seen;
static void *volatile ctx_arg_seen;

/* Runs as its own context: records what it saw, then hands back. */
static void ctx_entry(void *arg)
{
	ctx_arg_seen = arg;
	for (;;) {
		ctx_runs++;
		ctx_level_seen = bh_virq_level();
		bh_frame_switch(&other_ctx, main_ctx);
	}
}

BH_TEST(frames, frame_switch_roundtrip, "frame_switch_roundtrip")
{
	static int token;
	struct bh_upcall_frame *first;

	ctx_runs = 0;
	first = bh_frame_build(ctx_stack + CTX_STACK, ctx_entry, &token, 1);
	BH_EXPECT((uint8_t *)first >= ctx_stack && (uint8_t *)first < ctx_stack + CTX_STACK,
		  "built frame %p outside its stack", (void *)first);
	bh_frame_switch(&main_ctx, first);
	BH_EXPECT(ctx_runs == 1, "context ran %u times", ctx_runs);
	BH_EXPECT(ctx_arg_seen == &token, "entry got the wrong argument");
	BH_EXPECT(ctx_level_seen == 0, "built with interrupts enabled, ran at level %u",
		  ctx_level_seen);
	BH_EXPECT(bh_virq_level() == 1, "our disabled level was not restored");
	bh_frame_switch(&main_ctx, other_ctx);  /* resume it where it stopped */
	BH_EXPECT(ctx_runs == 2, "context did not resume (%u runs)", ctx_runs);
}

static volatile int preempt_armed;
static volatile int task_ran;
static struct bh_upcall_frame *preempted, *task_ctx;

/* Switch to the task at the first timer upcall, as an RTOS would. */
static struct bh_upcall_frame *preempt_hook(struct bh_upcall_frame *frame)
{
	if (frame->line != BH_VIRQ_TIMER || !preempt_armed)
		return frame;
	preempt_armed = 0;
	preempted = frame;
	return task_ctx;
}

static void task_entry(void *arg)
{
	task_ran = 1;
	for (;;)        /* give the preempted context back, in ring 3 */
		bh_frame_switch(&task_ctx, preempted);
}

BH_TEST(frames, preempt_and_resume, "preempt_and_resume")
{
	uint32_t x = 12345, y = 12345;
	uint64_t deadline;

	task_ran = 0;
	task_ctx = bh_frame_build(ctx_stack + CTX_STACK, task_entry, 0, 1);
	bh_virq_set_exit_hook(preempt_hook);
	preempt_armed = 1;
	BH_EXPECT(arm_oneshot_ms(2) == 0, "cannot arm the timer");
	_CPU_Virtual_Interrupts_open();
	deadline = bh_now_ns() + WAIT_LIMIT_NS;
	/* x and y live in registers: a bad resume would make them differ. */
	while (!task_ran && bh_now_ns() < deadline) {
		x = x * 1103515245u + 12345u;
		y = y * 1103515245u + 12345u;
	}
	_CPU_Virtual_Interrupts_close();
	bh_virq_set_exit_hook(0);
	BH_EXPECT(task_ran, "the exit hook never switched to the task");
	BH_EXPECT(x == y, "registers changed across preemption: %u != %u",
		  (unsigned)x, (unsigned)y);
}
