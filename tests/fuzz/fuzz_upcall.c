/*
 * Fuzz upcall frame placement and return (kernel/core/vcpu.c and the x86
 * hooks it inlines from kernel/arch/x86/include/arch/hooks.h, the real
 * code, linked against fakes of the out-of-line functions it calls).
 *
 * The partition's memory is mapped in this process at its guest addresses
 * (a 64 KiB partition at BH_PART_BASE: code read-only, data, an unmapped
 * guard page, the stack), so vcpu_deliver and vcpu_iret touch it exactly as
 * the kernel does.  The input is a sequence of operations: set the upcall
 * entry and stack, deliver with a hostile stack pointer and flags, scribble
 * on memory (as the guest may, e.g. on a pushed frame), return.  After each:
 *   - delivery either raises a health-monitor event and changes nothing,
 *     or pushes a 16-byte aligned frame wholly inside the stack or data
 *     region, below the stack pointer it was pushed on, writing no byte
 *     outside the frame, and enters the entry point;
 *   - a return either changes nothing, or restores from a frame inside the
 *     stack or data region, with IF on, IOPL 0 and no VM/NT/RF flag, and
 *     the user code and stack selectors untouched;
 *   - the nesting depth never underflows.
 */
#include <string.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "core/arch.h"
#include "bulkhead/errno.h"
#include "bulkhead/layout.h"
#include "core/hm.h"
#include "core/irq.h"
#include "core/partition.h"
#include "core/vcpu.h"
#include "core/ucopy.h"

#define MEM        0x10000u                      /* the partition's memory */
#define CODE_END   (BH_PART_BASE + 0x2000u)
#define GUARD      (BH_PART_BASE + 0xb000u)
#define STACK_LO   (BH_PART_BASE + 0xc000u)
#define PART_END   (BH_PART_BASE + MEM)
#define FRAME      ((uint32_t)sizeof(struct bh_upcall_frame))

/* ------------------------------------------------- fakes of kernel hooks */

struct partition partitions[BH_MAX_PARTITIONS];
unsigned n_partitions = 1;
void arch_cpu_kick(unsigned cpu) {}
uint32_t smp_multi;                /* one CPU (arch/smp.h) */
struct pcpu pcpus[BH_MAX_CPUS] = { [0] = { .cur = &partitions[0] } };   /* current */
static unsigned hm_events;

void hm_raise_at(struct partition *p, enum bh_hm_event ev,
		 const struct trap_frame *tf, uint32_t addr)
{
	check(ev == BH_HM_UPCALL_FAULT, "unexpected event %d", ev);
	hm_events++;
}

/* vcpu_reset's: the error handler's state is not fuzzed here. */
void hm_part_reset(struct partition *p) {}
uint32_t hm_handler_line(const struct partition *p) { return 0; }

int irq_subscribe(unsigned line, unsigned partition) { return 0; }
int irq_unsubscribe(unsigned line, unsigned partition) { return 0; }
int irq_ack(unsigned line, unsigned partition) { return 0; }

/* --------------------------------------------------------------- set-up */

static uint8_t *mem;               /* host view of [BH_VCPU_PAGE, PART_END) */
static uint8_t before[MEM];        /* the partition's memory before an operation */
static struct bh_vcpu_info shared;

static uint8_t *at(uint32_t guest)
{
	return mem + (guest - BH_VCPU_PAGE);
}

static void map_partition(void)
{
	void *want = (void *)(uintptr_t)BH_VCPU_PAGE;

	mem = mmap(want, PART_END - BH_VCPU_PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check(mem == want, "cannot map the partition at 0x%08x", BH_VCPU_PAGE);
	check(mprotect(at(BH_PART_BASE), CODE_END - BH_PART_BASE, PROT_READ) == 0 &&
	      mprotect(at(GUARD), BH_PAGE_SIZE, PROT_NONE) == 0, "mprotect");
}

static void reset_partition(struct partition *p)
{
	if (!mem)
		map_partition();
	memset(at(CODE_END), 0, GUARD - CODE_END);
	memset(at(STACK_LO), 0, PART_END - STACK_LO);
	memset(p, 0, sizeof(*p));
	p->regions[REGION_RO] = (struct uregion){ BH_PART_BASE, CODE_END };
	p->regions[REGION_RW] = (struct uregion){ CODE_END, GUARD };
	p->regions[REGION_STACK] = (struct uregion){ STACK_LO, PART_END };
	p->regions[REGION_VCPU] = (struct uregion){ BH_VCPU_PAGE, BH_PART_BASE };
	user_frame_spans(p);
	p->elf.n_segments = 1;
	p->elf.seg[0] = (struct elf_segment){ .vaddr = BH_PART_BASE, .memsz = 0x2000,
					      .filesz = 0x2000, .flags = ELF_PF_R | ELF_PF_X };
	memset(&shared, 0, sizeof(shared));
	p->vcpu.shared = &shared;
}

/* [a, b) of guest memory is as before[] says (an empty range is). */
static int same(uint32_t a, uint32_t b)
{
	return a >= b || !memcmp(at(a), before + (a - BH_PART_BASE), b - a);
}

/* Nothing in the writable memory changed, except maybe [lo, hi). */
static int unchanged_except(uint32_t lo, uint32_t hi)
{
	static const uint32_t spans[][2] = { { CODE_END, GUARD }, { STACK_LO, PART_END } };

	for (unsigned s = 0; s < 2; s++) {
		uint32_t a = spans[s][0], b = spans[s][1];

		if (!same(a, lo < b ? (lo > a ? lo : a) : b) ||
		    !same(hi > a ? (hi < b ? hi : b) : a, b))
			return 0;
	}
	return 1;
}

static void snapshot(void)
{
	memcpy(before, at(BH_PART_BASE), GUARD - BH_PART_BASE);
	memcpy(before + (STACK_LO - BH_PART_BASE), at(STACK_LO), PART_END - STACK_LO);
}

static int in_frame_memory(uint32_t a)
{
	return ((uint64_t)a >= CODE_END && (uint64_t)a + FRAME <= GUARD) ||
	       ((uint64_t)a >= STACK_LO && (uint64_t)a + FRAME <= PART_END);
}

/* A hostile guest address: near the interesting edges, or anything. */
static uint32_t address(struct reader *r)
{
	static const uint32_t edges[] = {
		PART_END, STACK_LO, GUARD + BH_PAGE_SIZE, GUARD, CODE_END, BH_PART_BASE,
		BH_PART_BASE + MEM / 2, 0, FRAME, 0xffffffffu, BH_VCPU_PAGE + 0x1000,
	};
	uint8_t how = rd8(r);

	if (how & 1)
		return rd32(r);
	return pick(r, edges) - (uint32_t)(int8_t)rd8(r);
}

/* ----------------------------------------------------------- operations */

static void op_set_entry(struct partition *p, struct reader *r)
{
	uint32_t entry = rd8(r) & 1 ? rd32(r) : BH_PART_BASE + rd16(r) % 0x2000;
	uint32_t stack = rd8(r) & 1 ? address(r) : 0;
	struct vcpu old = p->vcpu;
	int err = vcpu_set_entry(p, entry, stack);

	/* The stack's first frame (below it, 16-byte aligned) is where
	 * delivery may push one: accepted exactly then, so an accepted stack
	 * never fails its first upcall (the vCPU page used to pass). */
	uint32_t first = (stack - FRAME) & ~15u;
	int frame_ok = first <= stack && in_frame_memory(first);

	if (err) {
		check(p->vcpu.entry == old.entry && p->vcpu.upcall_stack == old.upcall_stack,
		      "refused entry changed the vCPU");
		check(!(entry >= BH_PART_BASE && entry < CODE_END && (!stack || frame_ok)),
		      "entry 0x%08x, upcall stack 0x%08x refused", entry, stack);
		return;
	}
	check(!entry || (entry >= BH_PART_BASE && entry < CODE_END), "entry 0x%08x", entry);
	check(!stack || frame_ok, "upcall stack 0x%08x accepted", stack);
}

/* Returns the frame's address, or 0 if none was pushed. */
static uint32_t op_deliver(struct partition *p, struct reader *r)
{
	struct vcpu *v = &p->vcpu;
	struct trap_frame tf, old;
	unsigned line = rd8(r) % BH_NR_VLINES, hm = hm_events;
	uint32_t sp, frame;

	if (!v->entry)
		return 0;              /* the exit path delivers only with an entry */
	memset(&tf, 0, sizeof(tf));
	tf.esp = address(r);
	tf.eip = rd32(r);
	tf.eflags = rd32(r) | EFLAGS_IF;
	tf.eax = rd32(r);
	tf.cs = SEG_UCODE;
	tf.ss = SEG_UDATA;
	old = tf;
	v->attached |= 1u << line;
	v->pending |= 1u << line;
	sp = (v->depth == 0 && v->upcall_stack) ? v->upcall_stack : tf.esp;
	snapshot();
	vcpu_deliver(p, &tf);
	if (hm_events != hm) {
		check(!memcmp(&tf, &old, sizeof(tf)), "refused delivery changed the frame");
		check(unchanged_except(0, 0), "refused delivery wrote guest memory");
		return 0;
	}
	frame = tf.esp;
	check(frame % 16 == 0 && in_frame_memory(frame) && (uint64_t)frame + FRAME <= sp,
	      "frame at 0x%08x for stack pointer 0x%08x", frame, sp);
	check(unchanged_except(frame, frame + FRAME), "delivery at 0x%08x wrote "
	      "outside its frame", frame);
	check(tf.eip == v->entry && tf.cs == SEG_UCODE && tf.ss == SEG_UDATA,
	      "entered 0x%08x cs %x ss %x", tf.eip, tf.cs, tf.ss);
	return frame;
}

static void op_iret(struct partition *p, struct reader *r, uint32_t last)
{
	struct vcpu *v = &p->vcpu;
	struct trap_frame tf, old;
	uint32_t depth = v->depth;

	memset(&tf, 0, sizeof(tf));
	tf.ebx = rd8(r) & 1 ? address(r) : last;
	tf.cs = SEG_UCODE;
	tf.ss = SEG_UDATA;
	tf.eflags = EFLAGS_IF | EFLAGS_FIXED;
	old = tf;
	snapshot();
	vcpu_iret(p, hc_arch_args(&tf));
	check(unchanged_except(0, 0), "return wrote guest memory");
	if (v->depth == depth) {
		check(!memcmp(&tf, &old, sizeof(tf)), "refused return changed the frame");
		return;
	}
	check(depth > 0 && v->depth == depth - 1, "depth %u -> %u", depth, v->depth);
	check(in_frame_memory(old.ebx), "returned from a frame at 0x%08x", old.ebx);
	check((tf.eflags & EFLAGS_IF) &&
	      !(tf.eflags & (EFLAGS_IOPL | EFLAGS_VM | EFLAGS_NT | EFLAGS_RF)),
	      "frame flags 0x%08x let through as 0x%08x",
	      ((struct bh_upcall_frame *)(uintptr_t)old.ebx)->eflags, tf.eflags);
	check(tf.cs == SEG_UCODE && tf.ss == SEG_UDATA, "selectors %x %x", tf.cs, tf.ss);
}

/* The guest writes a word anywhere it can write (a frame, say). */
static void op_scribble(struct reader *r)
{
	uint32_t a = address(r) & ~3u;
	uint32_t val = rd32(r);

	if (((uint64_t)a >= CODE_END && (uint64_t)a + 4 <= GUARD) ||
	    ((uint64_t)a >= STACK_LO && (uint64_t)a + 4 <= PART_END))
		memcpy(at(a), &val, 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct partition *p = &partitions[0];
	struct reader r = { data, size };
	uint32_t last = 0;

	reset_partition(p);
	for (unsigned n = 0; n < 64 && r.n; n++) {
		switch (rd8(&r) % 4) {
		case 0: op_set_entry(p, &r); break;
		case 1: last = op_deliver(p, &r) ?: last; break;
		case 2: op_iret(p, &r, last); break;
		default: op_scribble(&r); break;
		}
	}
	return 0;
}
