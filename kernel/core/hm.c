/*
 * Health monitor.  Every exception raised in ring 3 lands here: it is
 * logged (partition, event, eip, address) and handled by the partition's
 * configured action.  Only the culprit is affected; the kernel never stops
 * because of a partition.  The log is per source (hmlog.c), so one
 * partition's flood never erases another's records, and its console lines
 * are rate-limited per source for the same reason.
 */
#include "core/hm.h"
#include "core/hmlog.h"
#include "core/partition.h"
#include "core/sched.h"
#include "core/time.h"
#include "core/console.h"
#include "core/lib.h"
#include "core/arch.h"
#include "core/trace.h"
#include "core/lock.h"
#include <bulkhead/config.h>
#include <bulkhead/errno.h>

/* Console lines per source per second; the rest are counted, not printed. */
#define HM_PRINT_BURST 8
#define HM_PRINT_PERIOD_NS 1000000000ull

static struct hm_log hm_log;
/* The log and its print limiter, shared by every CPU: hm_lock around one
 * record (and its console line) or one read of at most BH_HM_READ_MAX
 * records. */
static struct tlock hm_lock;

static struct {
	uint64_t since;            /* start of the current second */
	uint32_t lines;            /* printed in it */
	uint32_t held;             /* not printed since the last printed line */
} hm_print[HM_SOURCES];

#define HM_EVENT_TEXT(name, text, trap, arinc) [BH_HM_##name] = text,
#define HM_MOD_TEXT(name, text, arinc, may_log) [BH_HM_MODULE_FIRST + BH_MOD_##name] = text,
static const char *const event_names[BH_HM_MODULE_FIRST + BH_MOD_NR_EVENTS] = {
	BH_HM_EVENTS(HM_EVENT_TEXT)
	BH_HM_MODULE_EVENTS(HM_MOD_TEXT)
};

#define HM_ARINC_TEXT(name) [BH_ARINC_##name] = #name,
static const char *const arinc_names[BH_ARINC_NR_ERRORS] = {
	BH_ARINC_ERRORS(HM_ARINC_TEXT)
};

static const char *const action_names[] = {
	"halt", "restart", "ignore", "warm restart", "deliver"
};

/* Module-level events are numbered apart (from BH_HM_MODULE_FIRST). */
static const char *event_name(unsigned ev)
{
	return ev < BH_ARRAY_SIZE(event_names) && event_names[ev] ? event_names[ev]
								  : "unknown event";
}

/* A repeat is printed only when its count reaches a power of two: a
 * flood of one event prints a few lines, with its count. */
static int worth_printing(uint32_t repeat)
{
	return repeat == 0 || (repeat & (repeat - 1)) == 0;
}

/* Within this source's budget for the current second?  Counts what not. */
static int print_allowed(unsigned src, uint64_t now)
{
	if (now - hm_print[src].since >= HM_PRINT_PERIOD_NS) {
		hm_print[src].since = now;
		hm_print[src].lines = 0;
	}
	if (hm_print[src].lines >= HM_PRINT_BURST) {
		hm_print[src].held++;
		return 0;
	}
	hm_print[src].lines++;
	return 1;
}

/*
 * One console line for a record: a partition's goes with that partition's
 * own output (kprintf_part), so it keeps its place among its lines; a
 * module-level one (p NULL) is the kernel's.
 */
static void print_record(struct partition *p, unsigned src,
			 const struct bh_hm_entry *e, uint32_t repeat)
{
	char line[160];
	int n;
	uint32_t held;

	if (!worth_printing(repeat) || !print_allowed(src, e->time_ns))
		return;
	held = hm_print[src].held;
	hm_print[src].held = 0;
	n = bh_snprintf(line, sizeof(line), "HM: %s%s: %s at eip %08x addr %08x error %x "
			"(%s) -> %s", p ? "partition " : "", p ? p->cfg->name : "module",
			event_name(e->event), e->eip, e->addr, e->error_code,
			arinc_names[e->arinc_code], action_names[e->action]);
	if (repeat && n > 0 && (size_t)n < sizeof(line))
		n += bh_snprintf(line + n, sizeof(line) - (size_t)n, " (%u times)", repeat);
	if (held && n > 0 && (size_t)n < sizeof(line))
		bh_snprintf(line + n, sizeof(line) - (size_t)n, " (%u HM lines not printed)", held);
	if (p)
		kprintf_part(p, "%s\n", line);
	else
		kprintf("%s\n", line);
}

/* Log one occurrence from partition p, or from the module if p is NULL. */
static void log_record(struct partition *p, enum bh_hm_event ev, unsigned vector,
		       uint32_t eip, uint32_t addr, uint32_t error, unsigned action)
{
	unsigned src = p ? p->id : HM_SRC_MODULE;
	struct bh_hm_entry e, *rec;
	uint32_t repeat;

	bh_memset(&e, 0, sizeof(e));
	e.partition = p ? p->id : BH_HM_SOURCE_MODULE;
	e.time_ns = time_now_ns();
	e.event = (uint8_t)ev;
	e.action = (uint8_t)action;
	e.vector = (uint16_t)vector;
	e.eip = eip;
	e.addr = addr;
	e.error_code = error;
	e.arinc_code = bh_hm_arinc_code(ev);
	if (p) {
		p->last_hm = (uint32_t)ev + 1;
		p->last_hm_action = action;
	}
	trace_ev(BH_TR_HM, trace_pid(p), ev, action);
	tlock_take(&hm_lock);
	rec = hmlog_add(&hm_log, src, &e, &repeat);
	print_record(p, src, rec, repeat);
	tlock_give(&hm_lock);
}


/* An event of no partition's (the module's own), logged in its own ring;
 * what is done about it is the caller's business. */
void hm_log_module(enum bh_hm_event ev, unsigned vector, uint32_t eip,
		   unsigned action)
{
	log_record(0, ev, vector, eip, 0, 0, action);
}


/*
 * The action for module event m: the default logs where carrying on is
 * safe and shuts down where it is not; an unknown value, or LOG where it
 * is not safe (the validator refuses both), shuts down too.  cfg may be
 * one the validator refused (BH_MOD_BOOT_CONFIG): nothing in it but a
 * plain shutdown or reset is believed.
 */
unsigned hm_module_action(const struct bh_config *cfg, enum bh_module_event m)
{
	unsigned act = cfg->module_action[m];
	int may_log = BH_HM_MODULE_LOGGABLE >> m & 1;

	if (act == BH_MODULE_ACT_DEFAULT)
		return may_log ? BH_MODULE_ACT_LOG : BH_MODULE_ACT_SHUTDOWN;
	if (act == BH_MODULE_ACT_RESET || (act == BH_MODULE_ACT_LOG && may_log))
		return act;
	return BH_MODULE_ACT_SHUTDOWN;
}

/* The log's word for a module action: IGNORE went on, HALT stopped the
 * machine, RESTART reset it. */
static unsigned logged_as(unsigned act)
{
	return act == BH_MODULE_ACT_LOG ? BH_HM_ACT_IGNORE
	       : act == BH_MODULE_ACT_RESET ? BH_HM_ACT_RESTART : BH_HM_ACT_HALT;
}

/*
 * Every path that ends the machine starts here: the other CPUs stopped
 * first (none keeps running a partition, writing the console or holding
 * a lock the report needs), then the console polled and lock-free, so the
 * report is the last thing out.  Again from the same CPU: nothing more.
 */
void hm_stop_cpus(void)
{
	unsigned late = arch_stop_others();

	console_flush();
	if (late)
		kprintf("HM: %u other CPU%s did not stop\n", late, late == 1 ? "" : "s");
}

static void module_stop(unsigned act, const char *what)
{
	hm_stop_cpus();
	kprintf("HM: module: %s: %s the machine (module_action)\n", what,
		act == BH_MODULE_ACT_RESET ? "resetting" : "stopping");
	console_flush();
	if (act == BH_MODULE_ACT_RESET)
		arch_system_reset();
	arch_system_exit(1);
}

/*
 * An event of the module as a whole (an NMI, a machine check, a broken
 * image or configuration at boot): one record per occurrence in the
 * module's own ring (they coalesce), the running partition neither
 * blamed nor touched; then module_action[] is done.
 */
void hm_raise_module(enum bh_hm_event ev, unsigned vector, uint32_t count,
		     uint32_t detail)
{
	enum bh_module_event m = (enum bh_module_event)(ev - BH_HM_MODULE_FIRST);
	unsigned act = hm_module_action(&bh_config, m);

	if (act != BH_MODULE_ACT_LOG)
		hm_stop_cpus();        /* before the record: the report is last */
	while (count--)
		log_record(0, ev, vector, 0, 0, detail, logged_as(act));
	if (act != BH_MODULE_ACT_LOG)
		module_stop(act, event_name(ev));
}

/* A panic's report is out: a failed self-check stops or resets. */
void hm_panic_stop(void)
{
	unsigned act = hm_module_action(&bh_config, BH_MOD_SELF_CHECK);

	hm_stop_cpus();            /* panic did; a no-op then */
	if (act == BH_MODULE_ACT_RESET)
		module_stop(act, event_name(BH_HM_SELF_CHECK));
	arch_system_exit(1);
}

/* Restarts by the health monitor or by the partition itself are bounded;
 * past restart_limit the partition is halted instead. */
static int may_restart(struct partition *p)
{
	if (p->restarts < p->cfg->restart_limit)
		return 1;
	kprintf_part(p, "HM: partition %s reached its restart limit (%u)\n",
		p->cfg->name, p->cfg->restart_limit);
	return 0;
}

static int is_restart(unsigned action)
{
	return action == BH_HM_ACT_RESTART || action == BH_HM_ACT_WARM_RESTART;
}

/* Carry out a logged action (not ignore); halting the current partition
 * does not return.  cond: the start condition a restart reports. */
static void act(struct partition *p, unsigned action, uint32_t cond)
{
	if (is_restart(action)) {
		partition_restart(p, action == BH_HM_ACT_WARM_RESTART, cond);
		return;
	}
	partition_halt(p);
	if (p == current)
		sched_leave();
}

/* An error DELIVER cannot deliver: the partition's hm_escalate (the
 * validator allows only halt and restarts; anything else halts). */
static unsigned escalation(struct partition *p, const char *why)
{
	unsigned act = p->cfg->hm_escalate;

	kprintf_part(p, "HM: partition %s: not delivered: %s\n", p->cfg->name, why);
	return is_restart(act) ? act : BH_HM_ACT_HALT;
}

/*
 * Ignoring resumes where the event left the partition: past a trap, but
 * at a fault's own instruction, which would fault again forever and flood
 * the log — so a fault is never ignored.  BH_HM_TRAPS says which events
 * are traps; the validator refuses IGNORE for the rest by the same list,
 * so this is the second line of defence.  Delivering is to the
 * partition's error handler (hm_deliver.c), when it can take the error.
 */
int hm_raise(struct partition *p, const struct hm_fault *f)
{
	unsigned action = p->cfg->hm_action[f->ev];
	const char *why;
	uint32_t at = 0;

	if (action == BH_HM_ACT_DELIVER && (why = hm_undeliverable(p, f, &at)))
		action = escalation(p, why);
	if (is_restart(action) && !may_restart(p))
		action = BH_HM_ACT_HALT;
	if (action == BH_HM_ACT_IGNORE && !(BH_HM_TRAPS >> f->ev & 1)) {
		kprintf_part(p, "HM: partition %s: a fault cannot be ignored\n", p->cfg->name);
		action = BH_HM_ACT_HALT;
	}
	if (action > BH_HM_ACT_DELIVER)
		action = BH_HM_ACT_HALT;
	log_record(p, f->ev, f->vector, f->eip, f->addr, f->error, action);
	if (action == BH_HM_ACT_DELIVER)
		hm_deliver(p, f, at);
	else if (action != BH_HM_ACT_IGNORE)
		act(p, action, BH_START_HM_RESTART);
	return action == BH_HM_ACT_DELIVER;
}

void hm_raise_at(struct partition *p, enum bh_hm_event ev,
		 const struct trap_frame *tf, uint32_t addr)
{
	struct hm_fault f;

	hm_arch_fault(tf, &f);
	f.tf = 0;                    /* its own frame failed: never delivered */
	f.ev = ev;
	f.vector = HM_NO_VECTOR;     /* not the entry's exception: core's finding */
	f.addr = addr;
	hm_raise(p, &f);
}

/*
 * A restart asked for by hypercall.  It is logged too, so the log tells
 * every reset of a partition.  A partition asking for its own restart is
 * bounded by its restart_limit like a faulting one (else a loop of them is
 * unbounded); a system partition restarting another is the operator's
 * decision and always done.  Returns 0 if p was restarted.
 */
int hm_restart_request(struct partition *p, int self, int warm)
{
	unsigned action = warm ? BH_HM_ACT_WARM_RESTART : BH_HM_ACT_RESTART;

	if (self && !may_restart(p))
		action = BH_HM_ACT_HALT;
	log_record(p, BH_HM_PARTITION_RESTART, HM_NO_VECTOR, 0, 0, 0, action);
	act(p, action, self ? BH_START_PARTITION_RESTART : BH_START_SYSTEM_RESTART);
	return 0;
}

unsigned hm_copy(unsigned max, uint32_t first_seq, hmlog_sink_t sink, void *ctx)
{
	unsigned n;

	tlock_take(&hm_lock);
	n = hmlog_copy(&hm_log, max, first_seq, sink, ctx);
	tlock_give(&hm_lock);
	return n;
}

int hm_stats(uint32_t source, struct bh_hm_stats *out)
{
	unsigned src = source == BH_HM_SOURCE_MODULE ? HM_SRC_MODULE : source;

	if (src >= HM_SOURCES || (src != HM_SRC_MODULE && src >= n_partitions))
		return -BH_ENOENT;
	tlock_take(&hm_lock);      /* whole: another CPU may be adding a record */
	*out = hm_log.ring[src].stats;
	tlock_give(&hm_lock);
	return 0;
}
