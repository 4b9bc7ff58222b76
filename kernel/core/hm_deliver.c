/*
 * The partition's error handler: BH_HM_ACT_DELIVER.  The error is written
 * to the status in the partition's vCPU page and its handler line is
 * delivered at once, as an upcall whose frame is the context of the
 * error, so the handler can see and change where it resumes.  Only an
 * error the partition can take there and then is delivered; anything
 * else (no handler, virtual interrupts off, an error while the last is
 * unacknowledged, a fault resumed unchanged) is the health monitor's to
 * escalate — so an error in the error handler never loops.
 */
#include "core/hm.h"
#include "core/partition.h"
#include "core/vlines.h"
#include "core/ucopy.h"
#include "core/lib.h"
#include "core/arch.h"
#include <bulkhead/errno.h>

/* Each partition's error handler, kept apart from struct partition (whose
 * size the measured paths index by). */
struct hm_handler {
	uint32_t line;             /* BH_HC_HM_HANDLER's; 0: none */
	uint32_t seq;              /* errors delivered */
	uint32_t unacked;          /* the last one not yet acknowledged */
	uint32_t frame;            /* where its upcall frame went */
	uint32_t ev, eip, esp;     /* the last delivered fault (ev + 1; 0: a trap) */
};

static struct hm_handler handlers[BH_MAX_PARTITIONS];

static struct hm_handler *handler_of(const struct partition *p)
{
	return &handlers[p->id];
}

uint32_t hm_handler_line(const struct partition *p)
{
	return handler_of(p)->line;
}

static struct bh_error_status *status_of(struct partition *p)
{
	return &((struct bh_hm_area *)((char *)p->vcpu.shared + BH_HM_AREA_OFFSET))->status;
}

static uint32_t process_hint(struct partition *p)
{
	return ((volatile struct bh_hm_area *)((char *)p->vcpu.shared +
					       BH_HM_AREA_OFFSET))->process_hint;
}

/* A restart (cold or warm) or a halt: the handler is the new start's to
 * register again, and nothing of the old errors is pending. */
void hm_part_reset(struct partition *p)
{
	bh_memset(handler_of(p), 0, sizeof(struct hm_handler));
	bh_memset((char *)p->vcpu.shared + BH_HM_AREA_OFFSET, 0, sizeof(struct bh_hm_area));
}

/* BH_HC_HM_HANDLER: a line for ports' notifications, or 0 (none). */
int32_t hm_set_handler(struct partition *p, uint32_t line)
{
	if (line && (line < BH_VIRQ_PORT_FIRST || line >= BH_NR_VLINES))
		return -BH_EINVAL;
	handler_of(p)->line = line;
	return 0;
}

/* BH_HC_HM_ACK: the error seq is handled; the next may be delivered. */
int32_t hm_ack(struct partition *p, uint32_t seq)
{
	struct hm_handler *h = handler_of(p);

	if (!h->unacked)
		return -BH_ESTATE;
	if (seq != h->seq)
		return -BH_EINVAL;
	h->unacked = 0;
	status_of(p)->unacked = 0;
	return 0;
}

/* The fault delivered last, again at the same eip and esp: its handler
 * resumed it as it came, and it would fault for ever. */
static int resumed_unchanged(const struct hm_handler *h, const struct hm_fault *f)
{
	return !(BH_HM_TRAPS >> f->ev & 1) && h->ev == (uint32_t)f->ev + 1 &&
	       h->eip == f->eip && h->esp == f->esp;
}

const char *hm_undeliverable(struct partition *p, const struct hm_fault *f, uint32_t *at)
{
	const struct vcpu *v = &p->vcpu;
	const struct hm_handler *h = handler_of(p);
	uint32_t sp;

	if (!h->line || !(v->attached & 1u << h->line))
		return "no error handler";
	if (p != current || !f->tf || !v->entry)
		return "no upcall entry";
	if (v->shared->irq_masked)
		return "virtual interrupts disabled";
	if (h->unacked)
		return "the last error is not acknowledged";
	if (resumed_unchanged(h, f))
		return "the handler resumed the fault unchanged";
	sp = (v->depth == 0 && v->upcall_stack) ? v->upcall_stack : vcpu_arch_user_sp(f->tf);
	if (!upcall_frame_place(p, sp, at))
		return "no room for the upcall frame";
	return 0;
}

static void write_status(struct partition *p, struct hm_handler *h, const struct hm_fault *f)
{
	struct bh_error_status *st = status_of(p);
	uint32_t n = BH_MIN(f->msg_len, (uint32_t)sizeof(st->msg));

	st->code = bh_hm_arinc_code(f->ev);
	st->event = f->ev;
	st->vector = f->vector;
	st->eip = f->eip;
	st->esp = f->esp;
	st->addr = f->addr;
	st->error = f->error;
	st->process = process_hint(p);
	st->msg_len = f->msg ? n : 0;
	if (f->msg)
		bh_memcpy(st->msg, f->msg, n);
	st->seq = ++h->seq;
	st->unacked = h->unacked = 1;
}

/* hm_undeliverable said yes (frame at at): write, then enter the handler. */
void hm_deliver(struct partition *p, const struct hm_fault *f, uint32_t at)
{
	struct vcpu *v = &p->vcpu;
	struct hm_handler *h = handler_of(p);
	unsigned line = h->line;

	write_status(p, h, f);
	h->ev = BH_HM_TRAPS >> f->ev & 1 ? 0 : (uint32_t)f->ev + 1;
	h->eip = f->eip;
	h->esp = f->esp;
	h->frame = at;
	vcpu_arch_upcall(f->tf, user_frame(at), at, v->entry, line);
	v->shared->raised[line]++;
	vlines_delivered(v->shared, v->pending, line);
	v->shared->upcall_depth = ++v->depth;
	v->shared->irq_masked = 1;
}

int32_t hm_delivered_result(struct partition *p, int32_t result)
{
	const struct hm_handler *h = handler_of(p);

	user_frame(h->frame)->eax = (uint32_t)result;
	return (int32_t)h->line;
}
