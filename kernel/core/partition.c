/*
 * Partition creation, loading and restart.  Each partition gets contiguous
 * physical memory mapped at BH_PART_BASE in its own page directory; its
 * image is loaded from the multiboot module, which stays untouched as the
 * pristine copy for a cold restart.
 */
#include "core/partition.h"
#include "core/port_hc.h"
#include "core/vcpu.h"
#include "core/console.h"
#include "core/lib.h"
#include "core/ucopy.h"
#include "core/time.h"
#include "core/arch.h"
#include "core/trace.h"
#include "core/hm.h"
#include "core/sched.h"
#include <bulkhead/layout.h>
#include <bulkhead/errno.h>

struct partition partitions[BH_MAX_PARTITIONS];
unsigned n_partitions;

int partition_is_system(const struct partition *p)
{
	return (p->cfg->flags & BH_PART_F_SYSTEM) != 0;
}

static uint32_t kstack_top(const struct partition *p)
{
	return (uint32_t)(p->kstack + KSTACK_SIZE);
}

/* The processor state of a cold start: entry point, the top of its
 * stack, its id as the first argument, fresh FPU state; unless it runs on
 * that kernel stack right now, a kernel context that returns to it. */
static void reset_context(struct partition *p, int running)
{
	part_arch_reset(&p->arch, kstack_top(p), p->elf.entry,
			BH_PART_BASE + p->size, p->id, running);
}

/* Wipe the memory and reload the image: the state of a cold start. */
static void load_image(struct partition *p, int running)
{
	bh_memset((void *)p->phys, 0, p->size);
	elf_load(&p->elf, (const void *)p->module->start, (void *)p->phys, BH_PART_BASE);
	vcpu_reset(p);
	ports_release(p);
	p->line_len = 0;
	p->mode = BH_MODE_COLD_START;
	p->start_condition = BH_START_NORMAL;
	reset_context(p, running);
}

static int parse_image(struct partition *p)
{
	char msg[160];
	uint32_t size = p->module->end - p->module->start;

	if (elf_parse((const void *)p->module->start, size, BH_PART_BASE,
		      p->guard_va, &p->elf, msg, sizeof(msg)) < 0) {
		kprintf("partition %s: image %s refused: %s\n", p->cfg->name,
			p->module->name, msg);
		return -BH_EINVAL;
	}
	if (p->cfg->entry && p->cfg->entry != p->elf.entry) {
		kprintf("partition %s: image %s refused: entry %08x, configuration says %08x\n",
			p->cfg->name, p->module->name, p->elf.entry, p->cfg->entry);
		return -BH_EINVAL;
	}
	return 0;
}

/* Where its stack and guard page go: needed before the image is checked. */
static void plan_layout(struct partition *p)
{
	const struct bh_partition_config *c = p->cfg;
	uint32_t stack = c->stack_size ? c->stack_size : BH_DEFAULT_STACK;

	p->size = c->mem_size;
	p->guard_va = BH_PART_BASE + p->size - stack - BH_PAGE_SIZE;
}

/*
 * The end of the image's read-only part (code and constants), mapped
 * without write permission.  Only a read-only prefix is protected: an
 * image whose writable segments come first gets no protection.
 */
static uint32_t read_only_end(const struct elf_image *img)
{
	uint32_t ro_hi = BH_PART_BASE, rw_lo = 0xffffffffu;
	unsigned i;

	for (i = 0; i < img->n_segments; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint32_t end = (s->vaddr + s->memsz + BH_PAGE_SIZE - 1) & ~(BH_PAGE_SIZE - 1);

		if (s->flags & ELF_PF_W)
			rw_lo = BH_MIN(rw_lo, s->vaddr & ~(BH_PAGE_SIZE - 1));
		else
			ro_hi = BH_MAX(ro_hi, end);
	}
	return ro_hi <= rw_lo ? ro_hi : BH_PART_BASE;
}

static int setup_memory(struct partition *p)
{
	uint32_t vcpu_page, ro_end = read_only_end(&p->elf);
	struct part_space s;

	p->phys = pmem_alloc(p->size / BH_PAGE_SIZE);
	vcpu_page = pmem_alloc(PMEM_VCPU_PAGES);
	if (!p->phys || !vcpu_page)
		return -BH_ENOSPC;
	s = (struct part_space){ p->phys, p->size, ro_end, p->guard_va, vcpu_page,
				 p->cfg->io, (p->cfg->flags & BH_PART_F_FPU) != 0 };
	if (part_arch_space(&p->arch, &s, pmem_alloc))
		return -BH_ENOSPC;
	p->vcpu.shared = (struct bh_vcpu_info *)vcpu_page;
	p->regions[REGION_RO] = (struct uregion){ BH_PART_BASE, ro_end };
	p->regions[REGION_RW] = (struct uregion){ ro_end, p->guard_va };
	p->regions[REGION_STACK] = (struct uregion){ p->guard_va + BH_PAGE_SIZE,
						     BH_PART_BASE + p->size };
	p->regions[REGION_VCPU] = (struct uregion){ BH_VCPU_PAGE, BH_VCPU_PAGE + BH_PAGE_SIZE };
	user_frame_spans(p);
	return 0;
}

/* The CPU of partition id's windows (the validator holds them to one);
 * 0 for a partition no plan schedules. */
static uint32_t cpu_of(const struct bh_config *cfg, unsigned id)
{
	for (uint32_t pl = 0; pl < cfg->n_plans; pl++)
		for (uint32_t w = 0; w < cfg->plans[pl].n_windows; w++)
			if (cfg->plans[pl].windows[w].partition == id)
				return cfg->plans[pl].windows[w].cpu;
	return 0;
}

static void partition_create(struct partition *p, const struct bh_config *cfg, unsigned id)
{
	p->id = id;
	p->cfg = &cfg->partitions[id];
	p->cpu = cpu_of(cfg, id);
	p->state = PART_FAILED;
	p->module = boot_find_module(p->cfg->module);
	if (!p->module) {
		kprintf("partition %s: module %s not found; not started\n",
			p->cfg->name, p->cfg->module);
		return;
	}
	plan_layout(p);
	if (parse_image(p))
		return;
	if (setup_memory(p)) {
		kprintf("partition %s: out of memory; not started\n", p->cfg->name);
		return;
	}
	load_image(p, 0);
	p->state = PART_RUNNABLE;
	kprintf("partition %u %s: %u KiB at phys %08x, entry %08x, %u segments, "
		"read-only below %08x\n", id, p->cfg->name, p->size / 1024, p->phys,
		p->elf.entry, p->elf.n_segments, p->regions[REGION_RO].end);
}

void partitions_init(const struct bh_config *cfg)
{
	unsigned i;

	n_partitions = cfg->n_partitions;
	for (i = 0; i < n_partitions; i++) {
		partition_create(&partitions[i], cfg, i);
		if (partitions[i].state == PART_FAILED)   /* detail: which */
			hm_raise_module(BH_HM_BOOT_IMAGE, HM_NO_VECTOR, 1, i);
	}
}

/*
 * Everything a partition holds outside its own memory: its interrupt
 * subscriptions (a line waiting for its acknowledgement opens again), its
 * pending lines and its timer.  Done when it halts or restarts, so that
 * nothing it held outlives it.
 */
static void release(struct partition *p)
{
	vcpu_reset(p);
	ports_release(p);
	p->line_len = 0;
}

/*
 * The restart's long work, wiping and reloading the whole memory, runs on
 * the partition's own kernel stack in its own windows with interrupts
 * enabled: the tick preempts it at the window's end like any partition,
 * so it costs the partition its own time and delays nobody.  Interrupts
 * are off only for the short set-up before and after.  Entered, and left,
 * with interrupts off; p is current throughout.
 */
static void reload(struct partition *p)
{
	arch_irq_enable();
	bh_memset((void *)p->phys, 0, p->size);
	elf_load(&p->elf, (const void *)p->module->start, (void *)p->phys, BH_PART_BASE);
	arch_irq_disable();
	p->torn = 0;
	release(p);                 /* whatever came meanwhile: it predates the start */
	reset_context(p, 1);
	p->state = PART_RUNNABLE;
	kprintf_part(p, "partition %s: restarted (%u)\n", p->cfg->name, p->restarts);
}

/* Where a partition restarted while switched out begins: its kernel
 * context was rebuilt to run this, then return to its fresh user frame. */
static void restart_entry(void)
{
	reload(current);
}

/*
 * A warm start keeps the partition's memory as it is and only runs its
 * entry point again, with nothing else it held (lines, timer, ports):
 * the ARINC 653 WARM_START.  Being short, it is done at once, on the
 * current stack if p is running, else by rebuilding its kernel context.
 */
static void warm_start(struct partition *p)
{
	release(p);
	reset_context(p, p == current);
	p->state = PART_RUNNABLE;
	kprintf_part(p, "partition %s: restarted (%u), warm\n", p->cfg->name, p->restarts);
}

/* Another CPU's control being applied (partition_remote_ctl): its poster
 * may go on, a status read now seeing the mode — before a running
 * partition's reload (its own windows' work) or a halt's leaving. */
static void ctl_publish(struct partition *p)
{
	__atomic_store_n(&p->ctl_done, p->ctl_taking, __ATOMIC_RELEASE);
}

/*
 * Restart, cold (reload from the pristine image) or warm (memory kept),
 * also from IDLE (halted).  The current partition's cold reload runs
 * right away on its own stack and its return to ring 3 in progress lands
 * on the entry point; another one reloads when it next runs.  A partition
 * caught in the middle of a reload starts over: its old kernel stack is
 * simply abandoned — and a warm start of it is made cold, since its
 * memory is half wiped.  cond (BH_START_*) is what it will read as its
 * start condition.
 */
void partition_restart(struct partition *p, int warm, uint32_t cond)
{
	if (p->state == PART_FAILED)
		return;
	if (p->state == PART_RESTARTING || p->torn)
		warm = 0;
	p->restarts++;
	p->start_condition = cond;
	trace_ev(BH_TR_MODE, p->id, warm ? BH_MODE_WARM_START : BH_MODE_COLD_START, cond);
	release(p);
	if (warm) {
		p->mode = BH_MODE_WARM_START;
		warm_start(p);
		return;
	}
	p->mode = BH_MODE_COLD_START;
	p->state = PART_RESTARTING;
	ctl_publish(p);             /* a poster waiting reads the mode now */
	if (p == current)
		reload(p);
	else
		part_arch_restart_context(&p->arch, kstack_top(p), restart_entry);
}

/* Halted in the middle of a cold reload, its memory is neither the old
 * nor the image: only a cold start may follow. */
void partition_halt(struct partition *p)
{
	if (p->state == PART_RESTARTING)
		p->torn = 1;
	p->state = PART_HALTED;
	p->mode = BH_MODE_IDLE;
	trace_ev(BH_TR_MODE, p->id, BH_MODE_IDLE, p->start_condition);
	release(p);
	kprintf_part(p, "partition %s: halted\n", p->cfg->name);
}

/*
 * hc_part_control from another CPU (issue 14) never changes a partition
 * of another CPU itself: everything a control changes — the vCPU's lines
 * and timer, the subscriptions of lines routed to that CPU, the kernel
 * context — is that CPU's to change without a lock, and it changes them
 * meanwhile (raises, its timer's pass, a routed line's interrupt).  So
 * the mode goes to p->remote_ctl and p's CPU is interrupted; it applies
 * the mode here, at a safe point: at once if p is switched out there (the
 * interrupt), else at the interrupt's entry from ring 3 (a whole kernel
 * entry of its own, never inside one of p's hypercalls) or p's next
 * window's start.  What is done is what the same call does on one CPU.
 */
uint32_t ctl_posted;

/* The mode first, then its count, then the bit: whoever reads a count
 * (partition_remote_ctl) finds that count's mode posted; whoever finds
 * the bit clear after clearing it finds the count too. */
uint32_t partition_post_ctl(struct partition *p, uint32_t mode)
{
	uint32_t gen;

	__atomic_store_n(&p->remote_ctl, mode + 1, __ATOMIC_SEQ_CST);
	gen = __atomic_add_fetch(&p->ctl_gen, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&ctl_posted, 1u << p->id, __ATOMIC_SEQ_CST);
	return gen;
}

void partition_apply_posted(int from_user)
{
	uint32_t m = __atomic_load_n(&ctl_posted, __ATOMIC_SEQ_CST);
	struct partition *cur = current;
	int mine = 0;

	while (m) {
		struct partition *q = &partitions[__builtin_ctz(m)];

		m &= m - 1;
		if (q->cpu != arch_cpu_id())
			continue;
		if (q != cur)
			partition_remote_ctl(q);
		else
			mine = 1;
	}
	if (mine && from_user)
		partition_remote_ctl(cur);      /* last: a halt leaves the CPU */
}

/*
 * Every mode posted up to the count read first is in m (or was taken
 * before); posted meanwhile, it is taken now or by the next call, which
 * its own bit makes.  Two modes posted before one is taken: the later
 * one is applied, once — as two calls on one CPU would leave it.
 */
void partition_remote_ctl(struct partition *p)
{
	uint32_t m;

	__atomic_fetch_and(&ctl_posted, ~(1u << p->id), __ATOMIC_SEQ_CST);
	p->ctl_taking = __atomic_load_n(&p->ctl_gen, __ATOMIC_SEQ_CST);
	m = __atomic_exchange_n(&p->remote_ctl, 0, __ATOMIC_SEQ_CST);

	if (m-- && p->state != PART_FAILED) {
		if (m != BH_MODE_IDLE)
			hm_restart_request(p, 0, m == BH_MODE_WARM_START);
		else if (p->state != PART_HALTED) {
			partition_halt(p);
			if (p == current) {
				ctl_publish(p);
				sched_leave();
			}
		}
	}
	ctl_publish(p);
}

/* A T_IPI: raises other CPUs posted for the partition running here, and
 * modes set from another CPU for this CPU's partitions (the running one's
 * only if the interrupt came from ring 3). */
void kernel_ipi(int from_user)
{
	struct partition *p = current;

	if (p && p->remote_mask)
		vcpu_fold_remote(p);
	kernel_tick_done(from_user);
}

/* After a tick (the same partition running again, if it was switched
 * out): a safe point for the running partition's posted mode if the tick
 * came from ring 3 — one the T_IPI found inside a kernel entry of it. */
void kernel_tick_done(int from_user)
{
	if (ctl_posted)
		partition_apply_posted(from_user);
}
