/*
 * The kernel trace: a ring of fixed-size events (bulkhead/trace.h), one
 * per boot, in kernel memory.  The configuration chooses the classes and
 * the size (bh_config.trace); the hooks (core/trace.h) cost a bit test
 * when a class is off, and a call here when it is on.
 *
 * The ring is a FIFO: head counts events written, tail those taken by a
 * system partition (BH_HC_TRACE).  When it is full the oldest unread
 * event is dropped and counted in overruns: never silently.  Nobody
 * reading (the host's case) means the ring keeps the newest events.
 *
 * The host reads the ring without any partition's help: `trace_stop=MS`
 * on the kernel command line stops recording MS ms after the schedule
 * starts and
 * prints where the ring is; tools/trace then saves that memory through
 * QEMU's monitor (QMP pmemsave).  That costs the running system nothing:
 * no I/O, no idle-time work; the price is that a trace covers what fits
 * in the ring (the overruns say when it did not).  The layout the host
 * reads is struct trace_ring, below (tools/trace parses the same).
 *
 * Interrupts are off throughout the kernel; the ring is shared by every
 * CPU, behind trace_lock: one event's write, or one read of at most
 * BH_TRACE_READ_MAX events.  One ring with a lock rather than a ring per
 * CPU: the host tools read one stream in time order, and the section is a
 * few dozen instructions (docs/architecture.md, "Multiprocessor").
 */
#include "core/trace.h"
#include "core/partition.h"
#include "core/hypercall.h"
#include "core/time.h"
#include "core/boot.h"
#include "core/console.h"
#include "core/ucopy.h"
#include "core/lib.h"
#include <bulkhead/errno.h>
#include "core/lock.h"
#include "core/sched.h"

#define TRACE_MAGIC 0x52544842u      /* "BHTR" */

struct trace_ring {
	uint32_t magic;
	uint32_t size;             /* events, a power of two */
	uint32_t head;             /* events written (wraps) */
	uint32_t tail;             /* events read by BH_HC_TRACE (wraps) */
	uint32_t overruns;         /* unread events dropped */
	uint32_t classes;          /* configured */
	uint64_t stop_ns;          /* recording stops here (trace_stop=) */
	struct bh_trace_event ev[BH_TRACE_MAX_EVENTS];
};

uint32_t trace_mask;
struct trace_ring trace_ring;
static struct tlock trace_lock;

static uint64_t parse_stop_ms(void)
{
	const char *s = boot_info.cmdline, *key = "trace_stop=";
	uint64_t ms = 0;

	for (; s && *s; s++) {
		if ((s == boot_info.cmdline || s[-1] == ' ') &&
		    !bh_memcmp(s, key, bh_strlen(key))) {
			for (s += bh_strlen(key); *s >= '0' && *s <= '9'; s++)
				ms = ms * 10 + (uint64_t)(*s - '0');
			return ms;
		}
	}
	return 0;
}

/* trace_mask, and the scheduler's copy of its window classes. */
void trace_set_classes(uint32_t mask)
{
	trace_mask = mask;
	sched_trace_classes(mask);
}

void trace_init(const struct bh_config *cfg)
{
	uint64_t stop = parse_stop_ms();

	trace_ring.magic = TRACE_MAGIC;
	trace_ring.head = trace_ring.tail = trace_ring.overruns = 0;
	trace_ring.size = cfg->trace.ring_events ? cfg->trace.ring_events
						 : BH_TRACE_DEFAULT_EVENTS;
	trace_ring.classes = cfg->trace.classes;
	/* Counted from here, just before the schedule starts. */
	trace_ring.stop_ns = stop ? time_now_ns() + stop * 1000000ull : ~0ull;
	if (!BH_TRACE_BUILD || !cfg->trace.classes)
		return;
	trace_set_classes(cfg->trace.classes);
	kprintf("trace: classes 0x%x, ring of %u events at %p%s\n", trace_mask,
		trace_ring.size, (void *)&trace_ring,
		stop ? ", stops at trace_stop" : "");
}

/* Recording ends at trace_stop: say so once, with what the host needs. */
static void stop(void)
{
	trace_set_classes(0);
	kprintf("trace: stopped at %llu ns: %u events written, %u overruns, "
		"ring at %p\n", trace_ring.stop_ns, trace_ring.head,
		trace_ring.overruns, (void *)&trace_ring);
}

void trace_put(unsigned type, unsigned part, uint32_t a, uint32_t b)
{
	struct trace_ring *r = &trace_ring;
	struct bh_trace_event *e;
	uint64_t now = time_now_ns();

	if (now >= r->stop_ns) {
		stop();
		return;
	}
	tlock_take(&trace_lock);
	if (r->head - r->tail == r->size) {
		r->tail++;                 /* the oldest goes, counted */
		r->overruns++;
	}
	e = &r->ev[r->head & (r->size - 1)];
	e->ns = now;
	e->type = (uint8_t)type;
	e->part = (uint8_t)part;
	e->a = (uint16_t)a;
	e->b = b;
	r->head++;
	tlock_give(&trace_lock);
}

static int32_t trace_read(struct partition *p, struct hc_args *a)
{
	struct trace_ring *r = &trace_ring;
	uint32_t max = a->a2, n, i;
	struct bh_trace_event *buf;
	struct bh_trace_info *info = 0;

	if (max > BH_TRACE_READ_MAX)
		max = BH_TRACE_READ_MAX;
	if (a->a3 && ((a->a3 & 3) ||
		      !(info = (struct bh_trace_info *)user_bytes_rw(p, a->a3, sizeof(*info)))))
		return -BH_EFAULT;
	buf = (struct bh_trace_event *)user_bytes_rw(p, a->a1, max * sizeof(*buf));
	if ((a->a1 & 3) || (max && !buf))
		return -BH_EFAULT;
	tlock_take(&trace_lock);
	n = BH_MIN(max, r->head - r->tail);
	for (i = 0; i < n; i++)
		buf[i] = r->ev[(r->tail + i) & (r->size - 1)];
	r->tail += n;
	if (info) {
		info->classes = trace_mask;
		info->size = r->size;
		info->written = r->head;
		info->overruns = r->overruns;
		info->unread = r->head - r->tail;
		info->reserved = 0;
	}
	tlock_give(&trace_lock);
	return (int32_t)n;
}

/* BH_HC_TRACE: system partitions only. */
int32_t hc_trace(struct partition *p, struct hc_args *a)
{
	uint32_t before = trace_mask;

	if (!BH_TRACE_BUILD)
		return -BH_ENOSYS;
	if (!(p->cfg->flags & BH_PART_F_SYSTEM))
		return -BH_EPERM;
	switch (a->a0) {
	case BH_TRACE_OP_READ:
		return trace_read(p, a);
	case BH_TRACE_OP_CLASSES:
		if (a->a1 & ~BH_TRACE_ALL)
			return -BH_EINVAL;
		if (time_now_ns() < trace_ring.stop_ns)
			trace_set_classes(a->a1);
		return (int32_t)before;
	}
	return -BH_EINVAL;
}
