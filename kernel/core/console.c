/*
 * The kernel console on COM1.
 *
 * Until the schedule starts (boot, in-kernel tests) output is polled: there
 * is nobody to delay.  From then on nothing waits for the UART: each source
 * (the kernel, each partition) queues whole lines in its own bounded ring
 * (core/conq.h; a full ring drops and counts), and the transmitter-empty
 * interrupt moves at most one FIFO load per interrupt to the UART.  In a
 * partition's window only its own lines and the kernel's are sent (with
 * several CPUs, those of every partition running now: owner()); the
 * others wait for their own window or for idle time, so one partition's
 * output costs a neighbour at most the rest of a line already begun.
 * The kernel's lines about one partition (health monitor, restarts) go
 * into that partition's ring (kprintf_part): they come out in order with
 * its own lines, and are paid for like them.
 * The paths that end the machine (panic, shutdown, the test runner) call
 * console_flush first, which polls everything out.
 */
#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>
#include "core/console.h"
#include "core/conq.h"
#include "core/cfilter.h"
#include "core/partition.h"
#include "core/irq.h"
#include "core/lib.h"
#include "core/arch.h"
#include "core/lock.h"
#include "core/sched.h"
#include "core/pcpu.h"

#define KLINE     160          /* a longer kernel line is wrapped */
#define TX_CHUNK  16           /* the 16550's transmit FIFO */
/* A partition's own lines leave this much of its ring to the kernel's
 * lines about it, so a partition that floods its console cannot suppress
 * the health monitor's report of what it did. */
#define NOTE_ROOM 1024

static char kring[CONSOLE_KERNEL_RING];
static char pring[BH_MAX_PARTITIONS][CONSOLE_PART_RING];
static struct conq_src srcs[1 + BH_MAX_PARTITIONS];
static struct conq queue;
static int flushing;
/* console_async, console_tx_on, console_sent, console_sent_at_tick
 * (console.h): not static, console_tick_one and the timer's fast case in
 * entry.S (ticktraps) do console_tick's memory-only work themselves. */
int console_async, console_tx_on;
/*
 * The queue, the kernel's line being built and the transmitter's state
 * are shared by every CPU: con_lock, around one line's copy into its ring
 * (at most KLINE or a partition's CONSOLE_LINE bytes, never more: a
 * partition's long write takes and gives it once per line) or one FIFO's
 * worth of output (TX_CHUNK bytes).  Not in console_flush, which the
 * paths that stop the machine call once the other CPUs are parked
 * (hm_stop_cpus): a CPU parked while it held the lock never gives it.
 * Not static: the in-kernel stop cases hold it on one CPU while the
 * other stops the machine.
 */
struct tlock con_lock;
uint32_t console_sent, console_sent_at_tick;

/* A kernel line being put together (kprintf may be called per fragment). */
struct kline {
	unsigned len;
	char text[KLINE + 2];
};

static struct kline kern_line;

/* Per partition: the character filter, reset when the partition restarts,
 * and the kernel's line about it. */
static struct {
	struct cfilter f;
	uint32_t restarts;
	struct kline note;
} pcon[BH_MAX_PARTITIONS];

static void poll_out(const char *s, unsigned n)
{
	while (n--)
		arch_console_putc(*s++);
}

/*
 * The sources whose lines may go out now.  While the CPU that takes the
 * UART's interrupt idles, anyone's: its time is nobody's.  Otherwise the
 * kernel's and those of the partitions whose windows are open now, on
 * any CPU (running, or idle in their own window, which on one CPU is
 * idle time too): each partition's output goes out in its own windows,
 * wherever they are.  Were it only this CPU's partition, a partition on
 * another CPU would send only when this one idles: never, if it is
 * always busy.  What the others' lines cost the partition running here
 * is bounded by the UART, not by them: one interrupt per FIFO load
 * (TX_CHUNK bytes), so at most line rate / 10 / TX_CHUNK interrupts a
 * second (720 at 115200 baud), as the kernel's own lines could already
 * cost it.  The other CPUs' state is read without a lock: a stale read
 * lets one line go out at a window's edge, or leaves it for the next
 * interrupt or tick.
 */
static uint32_t __attribute__((noinline)) owner_smp(struct partition *cur)
{
	uint32_t set = CONQ_SRC(cur->id + 1);
	unsigned i;
	int w;

	for (i = 0; i < BH_MAX_CPUS; i++) {
		struct partition *p = __atomic_load_n(&pcpus[i].cur, __ATOMIC_RELAXED);

		if (p)
			set |= CONQ_SRC(p->id + 1);
		if ((w = sched_window_partition(i)) >= 0)
			set |= CONQ_SRC((unsigned)w + 1);
	}
	return set;
}

static inline uint32_t owner(void)
{
	struct partition *cur = current;

	if (!cur)
		return CONQ_ANY;
	if (!arch_smp())
		return CONQ_SRC(cur->id + 1);
	return owner_smp(cur);
}

/* One bounded step: whatever the FIFO takes now, never more.  The bytes
 * are taken under the lock and written to the UART after it (its port
 * writes are slow on a real 16550); only this interrupt's CPU writes
 * them, so they stay in order. */
static void pump(void)
{
	char buf[TX_CHUNK];
	unsigned n = arch_console_tx_room(), i;

	if (n > TX_CHUNK)
		n = TX_CHUNK;
	tlock_take(&con_lock);
	n = conq_take(&queue, owner(), buf, n);
	console_sent += n;
	tlock_give(&con_lock);
	for (i = 0; i < n; i++)
		arch_console_tx(buf[i]);
	tlock_take(&con_lock);
	if (!conq_queued(&queue) && console_tx_on) {
		console_tx_on = 0;
		arch_console_tx_irq(0);
	}
	tlock_give(&con_lock);
}

static void console_irq(unsigned line, void *arg)
{
	arch_console_irq_ack();
	pump();
}

/* Enabling the transmitter interrupt with the FIFO empty raises it. */
static void kick(void)
{
	if (!console_tx_on) {
		console_tx_on = 1;
		arch_console_tx_irq(1);
	}
}

/* keep: room the line must leave free in its ring (see NOTE_ROOM). */
static void queue_line(unsigned src, const char *s, unsigned n, uint32_t keep)
{
	if (!console_async) {
		poll_out(s, n);
		return;
	}
	conq_put(&srcs[src], s, n, keep);
	kick();
}

void console_start_async(void)
{
	unsigned i;

	conq_src_init(&srcs[0], kring, sizeof(kring), "kernel");
	for (i = 0; i < BH_MAX_PARTITIONS; i++)
		conq_src_init(&srcs[i + 1], pring[i], sizeof(pring[i]),
			      i < n_partitions ? partitions[i].cfg->name : "?");
	conq_init(&queue, srcs, 1 + BH_MAX_PARTITIONS);
	irq_set_handler(arch_console_irq_line(), console_irq, 0);
	console_async = 1;
}

/*
 * A lost edge or a window change can leave sendable lines with the
 * interrupt quiet: if nothing went out over a whole tick, raise it again.
 * Memory only unless there is something to send.  (entry.S's virtual
 * timer case does this itself while the transmitter is off.)
 */
void console_tick(void)
{
	if (!console_async)
		return;
	tlock_take(&con_lock);
	if (console_tx_on && console_sent == console_sent_at_tick &&
	    conq_ready(&queue, owner())) {
		arch_console_tx_irq(0);
		arch_console_tx_irq(1);
	}
	console_sent_at_tick = console_sent;
	tlock_give(&con_lock);
}

void console_flush(void)
{
	char buf[TX_CHUNK];
	unsigned n, left;

	if (flushing || !console_async)
		return;                /* a panic inside the flush: just print */
	flushing = 1;
	if (kern_line.len) {
		kern_line.text[kern_line.len++] = '\r';
		kern_line.text[kern_line.len++] = '\n';
		conq_put(&srcs[0], kern_line.text, kern_line.len, 0);
		kern_line.len = 0;
	}
	arch_console_tx_irq(0);
	console_tx_on = 0;
	/* What is queued now and no more: a partition on another CPU may go
	 * on writing, faster than the UART sends (Bochs's, paced per byte),
	 * and would otherwise hold a shutdown here for ever. */
	left = conq_queued(&queue);
	while (left && (n = conq_take(&queue, CONQ_ANY, buf,
				      left < sizeof(buf) ? left : sizeof(buf))) > 0) {
		poll_out(buf, n);
		left -= n;
	}
	console_async = 0;
	flushing = 0;
}

uint32_t console_queued(void)
{
	return console_async ? conq_queued(&queue) : 0;
}

uint32_t console_dropped(unsigned src)
{
	return src < 1 + BH_MAX_PARTITIONS ? srcs[src].dropped_total : 0;
}

static void kline_end(struct kline *l, unsigned src)
{
	l->text[l->len++] = '\r';
	l->text[l->len++] = '\n';
	queue_line(src, l->text, l->len, 0);
	l->len = 0;
}

static void kline_add(struct kline *l, unsigned src, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			kline_end(l, src);
			continue;
		}
		l->text[l->len++] = *s;
		if (l->len == KLINE)
			kline_end(l, src);
	}
}

/* Before the queue runs (boot, one CPU) and after a panic's flush, no
 * lock: the panic path never waits. */
void kputs(const char *s)
{
	int locked = console_async;

	if (locked)
		tlock_take(&con_lock);
	kline_add(&kern_line, 0, s);
	if (locked)
		tlock_give(&con_lock);
}

void kvprintf(const char *fmt, va_list ap)
{
	char buf[256];

	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	kputs(buf);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

void kprintf_part(struct partition *p, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!console_async) {
		kline_add(&pcon[p->id].note, p->id + 1, buf);
		return;
	}
	tlock_take(&con_lock);
	kline_add(&pcon[p->id].note, p->id + 1, buf);
	tlock_give(&con_lock);
}

/* "[name] text\r\n" into the partition's ring. */
static void part_line_end(struct partition *p)
{
	char out[BH_NAME_MAX + 3 + CONSOLE_LINE + 2];
	size_t n = bh_strnlen(p->cfg->name, BH_NAME_MAX);

	out[0] = '[';
	bh_memcpy(out + 1, p->cfg->name, n);
	out[n + 1] = ']';
	out[n + 2] = ' ';
	bh_memcpy(out + n + 3, p->line, p->line_len);
	n += 3 + p->line_len;
	out[n++] = '\r';
	out[n++] = '\n';
	p->line_len = 0;
	if (!console_async) {
		queue_line(p->id + 1, out, (unsigned)n, NOTE_ROOM);
		return;
	}
	tlock_take(&con_lock);
	queue_line(p->id + 1, out, (unsigned)n, NOTE_ROOM);
	tlock_give(&con_lock);
}

/* Filtered bytes never split across lines: a character goes whole. */
static void part_append(struct partition *p, const char *s, unsigned n)
{
	if (p->line_len + n > CONSOLE_LINE)
		part_line_end(p);
	bh_memcpy(p->line + p->line_len, s, n);
	p->line_len += n;
	if (p->line_len == CONSOLE_LINE)
		part_line_end(p);
}

/*
 * One byte of a partition's output.  Every byte goes through the character
 * policy (core/cfilter.h); '\n' ends the line, '\r' is dropped (the kernel
 * ends lines itself), and a character cut off by the end of the line is
 * shown as dots.
 */
static void part_byte(struct partition *p, struct cfilter *f, char c)
{
	char out[CFILTER_OUT_MAX];
	unsigned n;

	if (c == '\r')
		return;
	if (c == '\n') {
		n = cfilter_end(f, out);
		if (n)
			part_append(p, out, n);
		part_line_end(p);
		return;
	}
	/* Plain ASCII outside a character: the common case, straight in. */
	if (!cfilter_pending(f) && c >= 0x20 && c < 0x7f) {
		p->line[p->line_len++] = c;
		if (p->line_len == CONSOLE_LINE)
			part_line_end(p);
		return;
	}
	n = cfilter_byte(f, (uint8_t)c, out);
	if (n)
		part_append(p, out, n);
}

/* len bytes of a partition's output, already checked to be its own. */
void console_part_write(struct partition *p, const char *buf, uint32_t len)
{
	struct cfilter *f = &pcon[p->id].f;
	uint32_t i;

	if (pcon[p->id].restarts != p->restarts) {
		pcon[p->id].restarts = p->restarts;
		cfilter_reset(f);
	}
	for (i = 0; i < len; i++)
		part_byte(p, f, buf[i]);
}
