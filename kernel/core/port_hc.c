/*
 * The port hypercalls: check the caller (its own port, the right kind and
 * direction) and its buffers (through core/ucopy.h), then let core/port.c
 * move the bytes: once from the sender into the channel, once from the
 * channel to the reader.  Notification raises the destination's (or, for
 * room in a queue, the source's) bound line through the vCPU, which keeps
 * it pending until the partition runs.
 */
#include <bulkhead/hypercall.h>
#include "core/port_hc.h"
#include "core/port_ops.h"
#include "core/vcpu.h"
#include "core/time.h"
#include "core/ucopy.h"
#include "core/lib.h"
#include "core/console.h"
#include "core/trace.h"

struct port kports[BH_MAX_PORTS];
static struct chan chans[BH_MAX_CHANNELS];

/* The checks of the measured message paths: inlined whatever the
 * compiler's size estimate says (out of line they cost a call, and the
 * estimate moves with unrelated changes: docs/benchmarks.md). */
#define HOT static inline __attribute__((always_inline))
static uint8_t pool[BH_PORT_POOL_BYTES] __attribute__((aligned(4)));
static uint32_t n_ports;

void ports_init(const struct bh_config *cfg)
{
	/* The validator checked the pool: this cannot fail. */
	if (port_setup(cfg, kports, chans, pool, sizeof(pool)))
		panic("ports: channel storage exhausted");
	n_ports = cfg->n_ports;
	for (uint32_t i = 0; i < n_ports; i++)
		partitions[kports[i].partition].has_ports = 1;
}



/* Why port pt is not the caller's port of kind in direction dir (-1:
 * either; kind 0: either), or 0 if it is. */
static int32_t refusal(const struct partition *p, const struct port *pt, unsigned kind,
		       int dir)
{
	if (pt->partition != p->id || (dir >= 0 && pt->cfg->direction != dir))
		return -BH_EPERM;
	if (kind && pt->cfg->kind != kind)
		return -BH_EINVAL;
	return 0;
}

/* The caller's port id of kind, in direction dir (-1: either), or NULL
 * with *err set.  The message calls know both: one comparison. */
HOT struct port *own(struct partition *p, uint32_t id, unsigned kind, int dir,
			       int32_t *err)
{
	struct port *pt;

	if (id >= n_ports) {
		*err = -BH_ENOENT;
		return 0;
	}
	pt = &kports[id];
	if (kind && dir >= 0 && pt->key == PORT_KEY(p->id, kind, dir))
		return pt;
	if ((*err = refusal(p, pt, kind, dir)))
		return 0;
	return pt;
}

/* The line is read once: its owner may unbind it on another CPU (a
 * restart there) between a test and a use. */
static void notify(struct port *pt)
{
	uint32_t line = __atomic_load_n(&pt->line, __ATOMIC_RELAXED);

	if (!line)
		return;
	pt->notified++;
	vcpu_raise(&partitions[pt->partition], line);
}

/* Tell every destination of chan that something arrived. */
static inline void notify_dests(const struct chan *c)
{
	if (!__atomic_load_n(&c->n_bound, __ATOMIC_RELAXED))   /* nobody listening */
		return;
	for (uint32_t i = 0; i < c->n_dest; i++)
		notify(c->dest[i]);
}

/*
 * Bind pt to line (0: unbind), keeping its channel's count of bound
 * destinations — under the channel's lock: the destinations may run on
 * different CPUs, and a partition's ports are released (ports_release)
 * when it is restarted or stopped, so two CPUs may bind ports of one
 * channel at once.  Senders read the count and the line without it
 * (notify_dests, notify): a bind is seen from the next message on.
 */
static void bind(struct port *pt, uint32_t line)
{
	struct chan *c = pt->chan;

	tlock_take(&c->lock);
	if (pt->cfg->direction == BH_PORT_DESTINATION)
		__atomic_store_n(&c->n_bound, c->n_bound + (line != 0) - (pt->line != 0),
				 __ATOMIC_RELAXED);
	__atomic_store_n(&pt->line, line, __ATOMIC_RELAXED);
	tlock_give(&c->lock);
}

/*
 * Sampling messages are stamped with the time base's counter itself (one
 * read, no conversion: the write is a measured path); a message's age is
 * the counters' difference in ns (time_age_ns), taken when it is read.
 * A stamp later than the reading (not possible on one CPU's counter, but
 * cheap to rule out) is age 0, not a huge one.
 */
static inline uint64_t port_clock(void)
{
	return arch_cycles_now();
}

static inline uint64_t stamp_age_ns(const struct chan *c)
{
	return time_stamp_age_ns(&c->stamp);
}

/* A restarted or stopped partition's ports: unbound, and a source no
 * longer waiting for room (want_room is the channel's, under its lock,
 * which the receiver's CPU holds when it clears it and notifies). */
void ports_release(struct partition *p)
{
	for (uint32_t i = 0; i < n_ports; i++) {
		struct port *pt = &kports[i];

		if (pt->partition != p->id)
			continue;
		bind(pt, 0);
		tlock_take(&pt->chan->lock);
		pt->want_room = 0;
		tlock_give(&pt->chan->lock);
	}
}

int32_t hc_port_open(struct partition *p, struct hc_args *a)
{
	uint32_t len = a->a1;
	const char *name;

	if (len < 1 || len > BH_NAME_MAX)
		return -BH_EINVAL;
	if (!(name = user_bytes(p, a->a0, len)))
		return -BH_EFAULT;
	for (uint32_t i = 0; i < n_ports; i++) {
		const struct bh_port_config *pc = kports[i].cfg;

		if (kports[i].partition != p->id ||
		    bh_strnlen(pc->name, BH_NAME_MAX + 1) != len ||
		    bh_memcmp(pc->name, name, len))
			continue;
		return pc->kind == a->a2 ? (int32_t)i : -BH_EINVAL;
	}
	return -BH_ENOENT;     /* not a port, or another partition's */
}

/* The message [msg, msg + len) to take from the caller, or an error. */
HOT const void *message(struct partition *p, const struct port *pt, uint32_t msg,
			   uint32_t len, int32_t *err)
{
	const void *m;

	if (!len || len > pt->max) {
		*err = -BH_EINVAL;
		return 0;
	}
	if (!(m = user_bytes(p, msg, len)))
		*err = -BH_EFAULT;
	return m;
}

/* Why a whole message of pt cannot go to buf in the caller's memory, or
 * 0 if it can.  Checked before anything is taken off the channel, so a
 * bad buffer loses no message.  (An error, not a pointer: the read then
 * needs no test of a pointer it already has in a->a1.) */
HOT int32_t buffer_refusal(struct partition *p, const struct port *pt, uint32_t buf,
			   uint32_t buf_len)
{
	if (buf_len < pt->max)
		return -BH_EINVAL;
	if (!user_range_writable(p, buf, pt->max))
		return -BH_EFAULT;
	return 0;
}

/* Each channel's lock (issue 14): its source and destinations may run
 * on different CPUs; held for one message's copy, at most the configured
 * max_msg_size.  The sampling paths take it only when several CPUs run
 * (arch_smp), in a copy of the path compiled with it: one CPU pays one
 * test and keeps the registers it had before (issue 10's targets). */
HOT int32_t sampling_write(struct partition *p, struct hc_args *a, const int locked)
{
	int32_t err;
	struct port *pt = own(p, a->a0, BH_PORT_SAMPLING, BH_PORT_SOURCE, &err);
	const void *m = pt ? message(p, pt, a->a1, a->a2, &err) : 0;

	if (!m)
		return err;
	if (locked)
		tlock_take(&pt->chan->lock);
	port_sampling_write(pt->chan, m, a->a2, port_clock());
	if (locked)
		tlock_give(&pt->chan->lock);
	trace_ev(BH_TR_PORT_SEND, p->id, a->a0, a->a2);
	notify_dests(pt->chan);
	return 0;
}

static __attribute__((noinline)) int32_t sampling_write_locked(struct partition *p,
							       struct hc_args *a)
{
	return sampling_write(p, a, 1);
}

int32_t hc_sampling_write(struct partition *p, struct hc_args *a)
{
	if (arch_smp())
		return sampling_write_locked(p, a);
	return sampling_write(p, a, 0);
}

/* Where the read's result goes: NULL for none (at 0), else a place for
 * it, or NULL with *err set. */
HOT struct bh_sampling_result *result_place(struct partition *p, uint32_t at,
						      int32_t *err)
{
	*err = 0;
	if (!at)
		return 0;
	if (!user_result_ok(p, at))     /* spans computed with the regions */
		*err = -BH_EFAULT;
	return (struct bh_sampling_result *)at;
}

/* The read once every check has passed: the result, then the copy. */
HOT int32_t read_out(const struct port *pt,
					     struct bh_sampling_result *out, uint32_t buf)
{
	const struct chan *c = pt->chan;
	uint32_t len;

	if (out)
		port_sampling_result(c, stamp_age_ns(c), pt->valid_limit, out);
	len = c->len[0];
	port_copy((char *)buf, c->buf, len);
	return (int32_t)len;
}

static __attribute__((noinline)) int32_t read_locked(const struct port *pt,
				    struct bh_sampling_result *out, uint32_t buf)
{
	int32_t len;

	tlock_take(&pt->chan->lock);
	len = read_out(pt, out, buf);
	tlock_give(&pt->chan->lock);
	return len;
}

/*
 * Every check first (the port, the whole buffer, the result's place),
 * then the result, then the copy: nothing can fail once the checks have
 * passed, so the guest sees the same, and in that order the fewest values
 * are live across the copy — what the measured path pays for on i386
 * (docs/benchmarks.md, "sampling read").
 */
int32_t hc_sampling_read(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct port *pt = own(p, a->a0, BH_PORT_SAMPLING, BH_PORT_DESTINATION, &err);
	struct bh_sampling_result *out;
	const struct chan *c;

	if (!pt)
		return err;
	if ((err = buffer_refusal(p, pt, a->a1, a->a2)))
		return err;
	out = result_place(p, a->a3, &err);
	if (err)
		return err;
	c = pt->chan;
	if (!c->written)
		return -BH_EAGAIN;
	if (arch_smp())
		return read_locked(pt, out, a->a1);
	return read_out(pt, out, a->a1);
}

int32_t hc_queuing_send(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct port *pt = own(p, a->a0, BH_PORT_QUEUING, BH_PORT_SOURCE, &err);
	const void *m = pt ? message(p, pt, a->a1, a->a2, &err) : 0;

	if (!m)
		return err;
	tlock_take(&pt->chan->lock);
	err = port_queue_put(pt->chan, m, a->a2);
	if (err)
		pt->want_room = 1;
	tlock_give(&pt->chan->lock);
	if (err)
		return err;
	trace_ev(BH_TR_PORT_SEND, p->id, a->a0, a->a2);
	notify_dests(pt->chan);
	return 0;
}

/* The source of chan, told that its full queue has room again. */
static void notify_room(const struct chan *c)
{
	if (c->source->want_room) {
		c->source->want_room = 0;
		notify(c->source);
	}
}

int32_t hc_queuing_receive(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct port *pt = own(p, a->a0, BH_PORT_QUEUING, BH_PORT_DESTINATION, &err);
	const uint8_t *m;
	uint32_t len;

	if (!pt)
		return err;
	if ((err = buffer_refusal(p, pt, a->a1, a->a2)))
		return err;
	tlock_take(&pt->chan->lock);
	if (!(m = port_queue_peek(pt->chan, &len))) {
		tlock_give(&pt->chan->lock);
		return -BH_EAGAIN;
	}
	port_copy((char *)a->a1, m, len);
	port_queue_drop(pt->chan);
	notify_room(pt->chan);      /* want_room is the sender's: same lock */
	tlock_give(&pt->chan->lock);
	trace_ev(BH_TR_PORT_RECV, p->id, a->a0, len);
	return (int32_t)len;
}

int32_t hc_port_status(struct partition *p, struct hc_args *a)
{
	struct bh_port_status st;
	int32_t err;
	struct port *pt = own(p, a->a0, 0, -1, &err);
	const struct chan *c;

	if (!pt)
		return err;
	c = pt->chan;
	bh_memset(&st, 0, sizeof(st));
	st.kind = pt->cfg->kind;
	st.direction = pt->cfg->direction;
	st.max_msg_size = pt->cfg->max_msg_size;
	st.max_nb_msgs = pt->cfg->max_nb_msgs;
	st.refresh_us = pt->cfg->refresh_us;
	if (st.kind == BH_PORT_QUEUING)
		st.nb_msgs = c->count;
	else if (c->written) {
		st.nb_msgs = 1;
		st.age_ns = stamp_age_ns(c);
		st.last_valid = st.age_ns <= pt->valid_limit;
	}
	st.waiting = pt->want_room;
	st.sent = c->sent;
	st.refused = c->dropped;
	st.notified = pt->notified;
	st.line = pt->line;
	return copy_to_user(p, a->a1, &st, sizeof(st));
}

/* ARINC's CLEAR_QUEUING_PORT, on a destination; for a sampling port it
 * discards the last message (every destination of the channel sees it). */
int32_t hc_port_clear(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct port *pt = own(p, a->a0, 0, BH_PORT_DESTINATION, &err);
	int was_full;

	if (!pt)
		return err;
	tlock_take(&pt->chan->lock);
	was_full = pt->chan->count == pt->chan->depth;
	port_chan_clear(pt->chan);
	if (was_full && pt->cfg->kind == BH_PORT_QUEUING)
		notify_room(pt->chan);
	tlock_give(&pt->chan->lock);
	return 0;
}

int32_t hc_port_notify(struct partition *p, struct hc_args *a)
{
	int32_t err;
	struct port *pt = own(p, a->a0, 0, -1, &err);

	if (!pt)
		return err;
	if (a->a1 && (a->a1 < BH_VIRQ_PORT_FIRST || a->a1 >= BH_NR_VLINES))
		return -BH_EINVAL;
	bind(pt, a->a1);
	return 0;
}
