/*
 * Configuration validation: the one place that decides whether a
 * configuration may run.  Portable: the kernel runs it at boot and
 * `make check-config` runs the very same code on the host, so a bad
 * configuration is caught at build time with the same message.
 *
 * Checks stop at the first error and describe it in words a person can act
 * on: what is wrong, where (partition / plan / window by index and name),
 * and the rule it breaks.
 */
#include "bulkhead/config.h"
#include "bulkhead/vcpu.h"
#include "bulkhead/errno.h"
#include "bulkhead/layout.h"
#include "core/lib.h"
#include "core/time.h"
#include "core/boot.h"
#include "core/port.h"

#define TICK_HZ_MIN       100u
#define TICK_HZ_MAX       10000u
#define RESTART_LIMIT_MAX 1000u
#define NR_IO_PORTS       0x10000u
#define NR_HM_ACTIONS     5u   /* BH_HM_ACT_HALT .. BH_HM_ACT_DELIVER */
#define NR_MODULE_ACTIONS 4u   /* BH_MODULE_ACT_DEFAULT .. BH_MODULE_ACT_LOG */
#define NR_IRQ_LINES      BH_NR_HW_LINES
#define TICKS_PER_WINDOW  2u        /* see check_timing */

struct check {
	const struct bh_config *cfg;
	const struct bh_machine *machine;
	char *msg;
	unsigned len;
	uint32_t tick_hz;          /* the rate the kernel will program */
	uint32_t tick_ns;          /* one tick, rounded to the nearest ns */
	uint32_t min_us;           /* the shortest window or frame allowed */
};

struct port_range {
	uint16_t first, last;
	const char *what;
};

#define PORT_RANGE(first, last, what) { first, last, what },
/* Ports the kernel drives itself; granting one would let a guest break it. */
static const struct port_range kernel_ports[] = { BH_KERNEL_PORTS(PORT_RANGE) };
/* Ports that reach the whole machine: granted only when marked deliberate. */
static const struct port_range dangerous_ports[] = { BH_DANGEROUS_PORTS(PORT_RANGE) };

#define LINE_OWNER(line, what) [line] = what,
static const char *const irq_owner[NR_IRQ_LINES] = { BH_KERNEL_LINES(LINE_OWNER) };

#define HM_EVENT_NAME(name, text, trap, arinc) [BH_HM_##name] = "BH_HM_" #name,
static const char *const hm_event_names[BH_HM_NR_EVENTS] = {
	BH_HM_EVENTS(HM_EVENT_NAME)
};

#define HM_MOD_NAME(name, text, arinc, may_log) [BH_MOD_##name] = "BH_MOD_" #name,
static const char *const hm_module_names[BH_MOD_NR_EVENTS] = {
	BH_HM_MODULE_EVENTS(HM_MOD_NAME)
};

static int fail(struct check *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void append(struct check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Add to the message, truncating at len like bh_snprintf. */
static void vappend(struct check *c, const char *fmt, va_list ap)
{
	size_t used;

	if (!c->len)
		return;
	used = bh_strnlen(c->msg, c->len - 1);
	bh_vsnprintf(c->msg + used, c->len - used, fmt, ap);
}

static void append(struct check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vappend(c, fmt, ap);
	va_end(ap);
}

/* Start the message for the first error found; returns -code. */
static int fail(struct check *c, int code, const char *fmt, ...)
{
	va_list ap;

	if (c->len)
		c->msg[0] = '\0';
	va_start(ap, fmt);
	vappend(c, fmt, ap);
	va_end(ap);
	return -code;
}

static const struct bh_partition_config *part(struct check *c, uint32_t i)
{
	return &c->cfg->partitions[i];
}

int bh_module_matches(const char *module, const char *loaded)
{
	return module && loaded && bh_strcmp(module, bh_basename(loaded)) == 0;
}

/* Names and module names reach the console and the boot loader's command
 * line: printable ASCII without spaces, nothing a terminal would act on. */
static int bad_char(const char *s, const char *also)
{
	for (; *s; s++) {
		if (*s <= ' ' || *s > '~')
			return (unsigned char)*s;
		for (const char *a = also; *a; a++)
			if (*s == *a)
				return (unsigned char)*s;
	}
	return 0;
}

static uint32_t stack_of(const struct bh_partition_config *p)
{
	return p->stack_size ? p->stack_size : BH_DEFAULT_STACK;
}

/* The module's table: an action per event, and carrying on (LOG) only
 * where that is safe — not past a machine check, a configuration the
 * kernel refused or a failed self-check. */
static int check_module_hm(struct check *c)
{
	for (uint32_t m = 0; m < BH_MOD_NR_EVENTS; m++) {
		uint8_t act = c->cfg->module_action[m];

		if (act >= NR_MODULE_ACTIONS)
			return fail(c, BH_EINVAL, "module_action[%s] is %u: use "
				    "BH_MODULE_ACT_DEFAULT, BH_MODULE_ACT_SHUTDOWN, "
				    "BH_MODULE_ACT_RESET or BH_MODULE_ACT_LOG",
				    hm_module_names[m], act);
		if (act == BH_MODULE_ACT_LOG && !(BH_HM_MODULE_LOGGABLE >> m & 1))
			return fail(c, BH_EINVAL, "module_action[%s] is BH_MODULE_ACT_LOG: "
				    "carrying on after it is not safe; use "
				    "BH_MODULE_ACT_SHUTDOWN or BH_MODULE_ACT_RESET",
				    hm_module_names[m]);
	}
	return 0;
}

/* ---------------------------------------------------------------- header */

static int check_header(struct check *c)
{
	const struct bh_config *cfg = c->cfg;

	if (cfg->signature != BH_CONFIG_SIGNATURE)
		return fail(c, BH_EINVAL, "configuration signature is 0x%08x, expected "
			    "0x%08x: set .signature = BH_CONFIG_SIGNATURE",
			    cfg->signature, BH_CONFIG_SIGNATURE);
	if (cfg->revision != BH_CONFIG_REVISION)
		return fail(c, BH_EINVAL, "configuration revision %u is not supported: "
			    "this kernel reads revision %u (BH_CONFIG_REVISION)",
			    cfg->revision, BH_CONFIG_REVISION);
	if (cfg->tick_hz && (cfg->tick_hz < TICK_HZ_MIN || cfg->tick_hz > TICK_HZ_MAX))
		return fail(c, BH_EINVAL, "tick_hz %u is out of range: use 0 (the default, "
			    "1000) or %u..%u", cfg->tick_hz, TICK_HZ_MIN, TICK_HZ_MAX);
	if (cfg->n_partitions < 1 || cfg->n_partitions > BH_MAX_PARTITIONS)
		return fail(c, BH_EINVAL, "n_partitions is %u: a configuration needs "
			    "1..%u partitions", cfg->n_partitions, BH_MAX_PARTITIONS);
	if (cfg->n_plans < 1 || cfg->n_plans > BH_MAX_PLANS)
		return fail(c, BH_EINVAL, "n_plans is %u: a configuration needs 1..%u "
			    "schedule plans", cfg->n_plans, BH_MAX_PLANS);
	if (cfg->initial_plan >= cfg->n_plans)
		return fail(c, BH_EINVAL, "initial_plan %u does not exist: plans are "
			    "numbered 0..%u", cfg->initial_plan, cfg->n_plans - 1);
	return check_module_hm(c);
}

/* The trace: known classes, a ring the kernel can hold, indexed by a mask. */
static int check_trace(struct check *c)
{
	const struct bh_trace_config *t = &c->cfg->trace;
	uint32_t n = t->ring_events;

	if (t->classes & ~BH_TRACE_ALL)
		return fail(c, BH_EINVAL, "trace.classes 0x%x has unknown bits 0x%x: use "
			    "BH_TRACE_* (BH_TRACE_ALL is 0x%x)", t->classes,
			    t->classes & ~BH_TRACE_ALL, BH_TRACE_ALL);
	if (n && (n < BH_TRACE_MIN_EVENTS || n > BH_TRACE_MAX_EVENTS || (n & (n - 1))))
		return fail(c, BH_EINVAL, "trace.ring_events %u: use 0 (the default, %u) "
			    "or a power of two in %u..%u", n, BH_TRACE_DEFAULT_EVENTS,
			    BH_TRACE_MIN_EVENTS, BH_TRACE_MAX_EVENTS);
	return 0;
}

/* ------------------------------------------------------------ partitions */

static int check_name(struct check *c, uint32_t i)
{
	const char *name = part(c, i)->name;
	size_t n;

	if (!name)
		return fail(c, BH_EINVAL, "partition %u has no name: set .name", i);
	n = bh_strnlen(name, BH_NAME_MAX + 1);
	if (n < 1)
		return fail(c, BH_EINVAL, "partition %u has an empty name: names are "
			    "1..%u characters long", i, BH_NAME_MAX);
	if (n > BH_NAME_MAX)    /* %.31s: BH_NAME_MAX */
		return fail(c, BH_EINVAL, "partition %u name \"%.31s...\" is longer "
			    "than %u characters", i, name, BH_NAME_MAX);
	if (bad_char(name, ""))
		return fail(c, BH_EINVAL, "partition %u name contains the byte 0x%02x: "
			    "names are printable ASCII without spaces", i,
			    bad_char(name, ""));
	for (uint32_t j = 0; j < i; j++)
		if (bh_strcmp(name, part(c, j)->name) == 0)
			return fail(c, BH_EINVAL, "partition %u (\"%s\") has the same "
				    "name as partition %u: names must be unique", i, name, j);
	return 0;
}

static int check_module(struct check *c, uint32_t i)
{
	const struct bh_partition_config *p = part(c, i);
	int bad;

	if (!p->module || !*p->module)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") has no module: set "
			    ".module to the file name of its ELF image", i, p->name);
	if (bh_strnlen(p->module, BH_MODULE_NAME_MAX + 1) > BH_MODULE_NAME_MAX)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") module \"%.47s...\" is "
			    "longer than %u characters", i, p->name, p->module,
			    BH_MODULE_NAME_MAX);
	/* The boot loader's path is not kept: only a file name can match. */
	if (bad_char(p->module, "") == 0 && bad_char(p->module, "/"))
		return fail(c, BH_EINVAL, "partition %u (\"%s\") module \"%s\" contains "
			    "'/': .module is the image's file name only (\"%s\"), the "
			    "boot loader's directories are not kept", i, p->name,
			    p->module, bh_basename(p->module));
	if ((bad = bad_char(p->module, "")))
		return fail(c, BH_EINVAL, "partition %u (\"%s\") module contains the "
			    "byte 0x%02x: module names are printable ASCII without "
			    "spaces", i, p->name, bad);
	for (uint32_t j = 0; j < i; j++)
		if (bh_module_matches(p->module, part(c, j)->module))
			return fail(c, BH_EINVAL, "partition %u (\"%s\") uses module \"%s\", "
				    "already used by partition %u (\"%s\"): each partition "
				    "needs its own image", i, p->name, p->module, j,
				    part(c, j)->name);
	return 0;
}

static int check_memory(struct check *c, uint32_t i)
{
	const struct bh_partition_config *p = part(c, i);
	uint32_t stack = stack_of(p), image_end;

	if (!p->mem_size || p->mem_size % BH_PAGE_SIZE)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") mem_size 0x%x is not a "
			    "non-zero multiple of the page size (0x%x)", i, p->name,
			    p->mem_size, BH_PAGE_SIZE);
	if (p->mem_size > BH_PART_MAX_SIZE)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") mem_size 0x%x exceeds "
			    "the 0x%x bytes a partition can map (BH_PART_MAX_SIZE)",
			    i, p->name, p->mem_size, BH_PART_MAX_SIZE);
	if (stack % BH_PAGE_SIZE)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") stack_size 0x%x is not "
			    "a multiple of the page size (0x%x)", i, p->name, stack,
			    BH_PAGE_SIZE);
	/* Layout: image (at least a page), guard page, stack — see layout.h. */
	if (stack > p->mem_size || p->mem_size - stack < 2 * BH_PAGE_SIZE)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") mem_size 0x%x is too "
			    "small for its stack (0x%x) + guard page (0x%x) + at least "
			    "one page of image", i, p->name, p->mem_size, stack,
			    BH_PAGE_SIZE);
	image_end = BH_PART_BASE + p->mem_size - stack - BH_PAGE_SIZE;
	if (p->entry && (p->entry < BH_PART_BASE || p->entry >= image_end))
		return fail(c, BH_EINVAL, "partition %u (\"%s\") entry 0x%08x is outside "
			    "its image area 0x%08x..0x%08x (use 0 for the ELF entry point)",
			    i, p->name, p->entry, BH_PART_BASE, image_end - 1);
	return 0;
}

static int ranges_overlap(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
	return a < b + bn && b < a + an;
}

/* Overlap with the ranges of partitions 0..i-1 or with earlier ranges of i. */
static int check_io_conflict(struct check *c, uint32_t i, uint32_t k)
{
	const struct bh_io_range *r = &part(c, i)->io[k];

	for (uint32_t j = 0; j <= i; j++) {
		uint32_t end = j == i ? k : BH_MAX_IO_RANGES;

		for (uint32_t m = 0; m < end; m++) {
			const struct bh_io_range *o = &part(c, j)->io[m];

			if (!o->count || !ranges_overlap(r->base, r->count,
							 o->base, o->count))
				continue;
			if (j == i)
				return fail(c, BH_EINVAL, "partition %u (\"%s\") io[%u] "
					    "ports 0x%x..0x%x overlap its own io[%u] ports "
					    "0x%x..0x%x", i, part(c, i)->name, k, r->base,
					    r->base + r->count - 1u, m, o->base,
					    o->base + o->count - 1u);
			return fail(c, BH_EINVAL, "partition %u (\"%s\") io[%u] ports "
				    "0x%x..0x%x overlap partition %u (\"%s\") io[%u] ports "
				    "0x%x..0x%x: a port can be granted to one partition only",
				    i, part(c, i)->name, k, r->base,
				    r->base + r->count - 1u, j, part(c, j)->name, m,
				    o->base, o->base + o->count - 1u);
		}
	}
	return 0;
}

/* The first entry of ranges[0..n) that [base, base + count) overlaps. */
static const struct port_range *port_conflict(const struct port_range *ranges,
					      uint32_t n, uint32_t base, uint32_t count)
{
	for (uint32_t d = 0; d < n; d++)
		if (ranges_overlap(base, count, ranges[d].first,
				   ranges[d].last - ranges[d].first + 1u))
			return &ranges[d];
	return 0;
}

static int check_io_range(struct check *c, uint32_t i, uint32_t k)
{
	const struct bh_partition_config *p = part(c, i);
	const struct bh_io_range *r = &p->io[k];
	uint32_t last = (uint32_t)r->base + r->count - 1u;
	const struct port_range *d;

	if (r->flags & ~BH_IO_F_DELIBERATE)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") io[%u] flags 0x%x has "
			    "unknown bits 0x%x (known: BH_IO_F_DELIBERATE = 0x%x)", i,
			    p->name, k, r->flags, r->flags & ~BH_IO_F_DELIBERATE,
			    BH_IO_F_DELIBERATE);
	if (last >= NR_IO_PORTS)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") io[%u] ports "
			    "0x%x..0x%x run past the last I/O port 0xffff",
			    i, p->name, k, r->base, last);
	d = port_conflict(kernel_ports, BH_ARRAY_SIZE(kernel_ports), r->base, r->count);
	if (d)
		return fail(c, BH_EPERM, "partition %u (\"%s\") io[%u] ports "
			    "0x%x..0x%x overlap %s at 0x%x..0x%x, which the "
			    "kernel owns", i, p->name, k, r->base, last,
			    d->what, d->first, d->last);
	d = port_conflict(dangerous_ports, BH_ARRAY_SIZE(dangerous_ports), r->base, r->count);
	if (d && !(r->flags & BH_IO_F_DELIBERATE))
		return fail(c, BH_EPERM, "partition %u (\"%s\") io[%u] ports "
			    "0x%x..0x%x overlap %s at 0x%x..0x%x, which reaches the "
			    "whole machine: grant it only deliberately, with "
			    ".flags = BH_IO_F_DELIBERATE in io[%u]", i, p->name, k,
			    r->base, last, d->what, d->first, d->last, k);
	return check_io_conflict(c, i, k);
}

static int check_io(struct check *c, uint32_t i)
{
	for (uint32_t k = 0; k < BH_MAX_IO_RANGES; k++) {
		const struct bh_io_range *r = &part(c, i)->io[k];
		int err;

		if (!r->count) {
			if (r->flags)   /* a flag on nothing: probably a typo'd count */
				return fail(c, BH_EINVAL, "partition %u (\"%s\") io[%u] "
					    "has flags 0x%x but count 0", i,
					    part(c, i)->name, k, r->flags);
			continue;       /* unused entry */
		}
		if ((err = check_io_range(c, i, k)))
			return err;
	}
	return 0;
}

/*
 * A line granted to two partitions could be withheld: the kernel masks a
 * routed line until every subscriber has acknowledged it, so a subscriber
 * that never does would keep the other from its device.  One owner each.
 */
static int check_irqs(struct check *c, uint32_t i)
{
	const struct bh_partition_config *p = part(c, i);
	uint32_t kernel = p->irq_lines & BH_KERNEL_IRQ_LINES;

	if (p->irq_lines >> NR_IRQ_LINES)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") irq_lines 0x%x names "
			    "lines above %u: the PIC has lines 0..%u", i, p->name,
			    p->irq_lines, NR_IRQ_LINES - 1, NR_IRQ_LINES - 1);
	if (kernel) {
		unsigned line = (unsigned)__builtin_ctz(kernel);

		return fail(c, BH_EPERM, "partition %u (\"%s\") is granted IRQ line %u, "
			    "which belongs to the kernel (%s); lines %u, %u and %u "
			    "cannot be granted", i, p->name, line, irq_owner[line],
			    BH_IRQ_TIMER, BH_IRQ_CASCADE, BH_IRQ_CONSOLE);
	}
	for (uint32_t j = 0; j < i; j++) {
		uint32_t shared = p->irq_lines & part(c, j)->irq_lines;

		if (shared)
			return fail(c, BH_EINVAL, "partition %u (\"%s\") irq_lines grants "
				    "IRQ line %u, already granted to partition %u "
				    "(\"%s\"): a hardware line can be granted to one "
				    "partition only", i, p->name,
				    (unsigned)__builtin_ctz(shared), j, part(c, j)->name);
	}
	return 0;
}

/* IGNORE set for a fault: the message names the events that may be ignored. */
static int fail_ignore(struct check *c, uint32_t i, uint32_t e)
{
	const char *sep = "";

	fail(c, BH_EINVAL, "partition %u (\"%s\") hm_action[%s] is BH_HM_ACT_IGNORE: "
	     "ignoring a fault would re-execute it forever; only traps may be "
	     "ignored:", i, part(c, i)->name, hm_event_names[e]);
	for (uint32_t t = 0; t < BH_HM_NR_EVENTS; t++) {
		if (BH_HM_TRAPS >> t & 1) {
			append(c, "%s %s", sep, hm_event_names[t]);
			sep = ",";
		}
	}
	return -BH_EINVAL;
}

static int check_hm(struct check *c, uint32_t i)
{
	const struct bh_partition_config *p = part(c, i);

	for (uint32_t e = 0; e < BH_HM_NR_EVENTS; e++) {
		uint8_t act = p->hm_action[e];

		if (act >= NR_HM_ACTIONS)
			return fail(c, BH_EINVAL, "partition %u (\"%s\") hm_action[%s] is "
				    "%u: use BH_HM_ACT_HALT, BH_HM_ACT_RESTART, "
				    "BH_HM_ACT_WARM_RESTART, BH_HM_ACT_IGNORE or "
				    "BH_HM_ACT_DELIVER", i, p->name, hm_event_names[e], act);
		/* A fault returns to the faulting instruction: ignoring it
		 * loops (hm.c would halt instead; BH_HM_TRAPS says which). */
		if (act == BH_HM_ACT_IGNORE && !(BH_HM_TRAPS >> e & 1))
			return fail_ignore(c, i, e);
	}
	/* The fallback of a delivery: it must end the error, so neither
	 * ignore nor deliver again. */
	if (p->hm_escalate != BH_HM_ACT_HALT && p->hm_escalate != BH_HM_ACT_RESTART &&
	    p->hm_escalate != BH_HM_ACT_WARM_RESTART)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") hm_escalate is %u: use "
			    "BH_HM_ACT_HALT, BH_HM_ACT_RESTART or BH_HM_ACT_WARM_RESTART",
			    i, p->name, p->hm_escalate);
	if (p->restart_limit > RESTART_LIMIT_MAX)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") restart_limit %u exceeds "
			    "the maximum of %u", i, p->name, p->restart_limit,
			    RESTART_LIMIT_MAX);
	return 0;
}

static int check_partition(struct check *c, uint32_t i)
{
	const struct bh_partition_config *p = part(c, i);
	int err;

	if ((err = check_name(c, i)) || (err = check_module(c, i)) ||
	    (err = check_memory(c, i)))
		return err;
	if (p->flags & ~BH_PART_F_KNOWN)
		return fail(c, BH_EINVAL, "partition %u (\"%s\") flags 0x%x has unknown "
			    "bits 0x%x (known: BH_PART_F_SYSTEM = 0x%x, BH_PART_F_FPU = 0x%x)",
			    i, p->name, p->flags, p->flags & ~BH_PART_F_KNOWN,
			    BH_PART_F_SYSTEM, BH_PART_F_FPU);
	if ((err = check_io(c, i)) || (err = check_irqs(c, i)) || (err = check_hm(c, i)))
		return err;
	return 0;
}

/* ----------------------------------------------------------------- plans */

static void describe_window(struct check *c, uint32_t w, const struct bh_window *win)
{
	append(c, "window %u (part \"%s\", offset %u us, %u us)", w,
	       part(c, win->partition)->name, win->offset_us, win->duration_us);
}

static int window_fail(struct check *c, uint32_t pl, uint32_t w, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "plan P window W (part ...)" followed by what is wrong with it. */
static int window_fail(struct check *c, uint32_t pl, uint32_t w, const char *fmt, ...)
{
	int err = fail(c, BH_EINVAL, "plan %u ", pl);
	va_list ap;

	describe_window(c, w, &c->cfg->plans[pl].windows[w]);
	va_start(ap, fmt);
	vappend(c, fmt, ap);
	va_end(ap);
	return err;
}

static int check_window(struct check *c, uint32_t pl, uint32_t w)
{
	const struct bh_plan *plan = &c->cfg->plans[pl];
	const struct bh_window *win = &plan->windows[w];

	if (win->partition >= c->cfg->n_partitions)
		return fail(c, BH_EINVAL, "plan %u window %u names partition %u, but "
			    "only partitions 0..%u exist", pl, w, win->partition,
			    c->cfg->n_partitions - 1);
	if (!win->duration_us)
		return window_fail(c, pl, w, " has a duration of 0");
	/* Written so that offset + duration cannot wrap. */
	if (win->offset_us >= plan->major_frame_us ||
	    win->duration_us > plan->major_frame_us - win->offset_us)
		return window_fail(c, pl, w, " runs past the major frame of %u us",
				   plan->major_frame_us);
	return 0;
}

static int check_overlaps(struct check *c, uint32_t pl)
{
	const struct bh_plan *plan = &c->cfg->plans[pl];

	/* At most 16 windows, any order: checking every pair is cheap enough. */
	for (uint32_t a = 0; a < plan->n_windows; a++)
		for (uint32_t b = a + 1; b < plan->n_windows; b++) {
			const struct bh_window *x = &plan->windows[a], *y = &plan->windows[b];
			int err;

			if (!ranges_overlap(x->offset_us, x->duration_us,
					    y->offset_us, y->duration_us))
				continue;
			err = window_fail(c, pl, a, " overlaps ");
			describe_window(c, b, y);
			return err;
		}
	return 0;
}

/*
 * The scheduler switches only on a timer tick, acting on a window boundary
 * at the first tick at or after it; the tick period (divisor / 1193182 s)
 * is no whole number of microseconds, so its phase drifts through the
 * frame, and a window shorter than a period runs only in the frames where
 * a tick happens to land in it.  A window of at least two periods is
 * entered less than one period after its start and left less than one
 * period after its end, every frame: it runs for its length +- one period,
 * so at least half of it.  And should the kernel miss a tick (never two in
 * a row), the window still holds one of the ticks it does take.  The
 * promise is checked by simulation in tests/unit/test_ticks.c; one-shot
 * timing will lift the rule.
 */
static void tick_setup(struct check *c)
{
	uint32_t div;

	c->tick_hz = c->cfg->tick_hz ? c->cfg->tick_hz : BH_DEFAULT_TICK_HZ;
	div = time_divisor_for_hz(c->tick_hz);
	c->tick_ns = (uint32_t)(((uint64_t)div * 1000000000u + BH_TIMER_INPUT_HZ / 2) /
				BH_TIMER_INPUT_HZ);
	/* The least whole us >= TICKS_PER_WINDOW * div / BH_TIMER_INPUT_HZ s. */
	c->min_us = (uint32_t)(((uint64_t)TICKS_PER_WINDOW * div * 1000000u +
				BH_TIMER_INPUT_HZ - 1) / BH_TIMER_INPUT_HZ);
}

static int check_timing(struct check *c, uint32_t pl)
{
	const struct bh_plan *plan = &c->cfg->plans[pl];

	if (plan->major_frame_us < c->min_us)
		return fail(c, BH_EINVAL, "plan %u major_frame_us %u is shorter than two "
			    "timer ticks (%u us at tick_hz %u, one tick is %u ns)", pl,
			    plan->major_frame_us, c->min_us, c->tick_hz, c->tick_ns);
	for (uint32_t w = 0; w < plan->n_windows; w++)
		if (plan->windows[w].duration_us < c->min_us)
			return window_fail(c, pl, w, " is shorter than two timer ticks "
					   "(%u us at tick_hz %u, one tick is %u ns): the "
					   "scheduler switches only on a tick, so a shorter "
					   "window could be cut short or skipped", c->min_us,
					   c->tick_hz, c->tick_ns);
	return 0;
}

static int check_plan(struct check *c, uint32_t pl)
{
	const struct bh_plan *plan = &c->cfg->plans[pl];
	int err;

	if (!plan->major_frame_us)
		return fail(c, BH_EINVAL, "plan %u has major_frame_us 0: set the length "
			    "of its cycle", pl);
	if (plan->n_windows < 1 || plan->n_windows > BH_MAX_WINDOWS)
		return fail(c, BH_EINVAL, "plan %u has n_windows %u: a plan needs 1..%u "
			    "windows", pl, plan->n_windows, BH_MAX_WINDOWS);
	for (uint32_t w = 0; w < plan->n_windows; w++)
		if ((err = check_window(c, pl, w)))
			return err;
	if ((err = check_overlaps(c, pl)))
		return err;
	return check_timing(c, pl);
}

/* ----------------------------------------------------- ports, channels */

static const struct bh_port_config *cport(struct check *c, uint32_t i)
{
	return &c->cfg->ports[i];
}

/* Port and area names: as partition names, unique among their kind. */
static int check_obj_name(struct check *c, const char *kind, uint32_t i,
			  const char *name)
{
	size_t n;

	if (!name || !(n = bh_strnlen(name, BH_NAME_MAX + 1)))
		return fail(c, BH_EINVAL, "%s %u has no name: set .name (1..%u "
			    "characters)", kind, i, BH_NAME_MAX);
	if (n > BH_NAME_MAX)
		return fail(c, BH_EINVAL, "%s %u name \"%.31s...\" is longer than %u "
			    "characters", kind, i, name, BH_NAME_MAX);
	if (bad_char(name, ""))
		return fail(c, BH_EINVAL, "%s %u name contains the byte 0x%02x: names "
			    "are printable ASCII without spaces", kind, i,
			    bad_char(name, ""));
	return 0;
}

static int check_port(struct check *c, uint32_t i)
{
	const struct bh_port_config *pc = cport(c, i);
	int err;

	if ((err = check_obj_name(c, "port", i, pc->name)))
		return err;
	for (uint32_t j = 0; j < i; j++)
		if (bh_strcmp(pc->name, cport(c, j)->name) == 0)
			return fail(c, BH_EINVAL, "port %u (\"%s\") has the same name as "
				    "port %u: port names must be unique", i, pc->name, j);
	if (pc->partition >= c->cfg->n_partitions)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .partition %u does not exist: "
			    "partitions are 0..%u", i, pc->name, pc->partition,
			    c->cfg->n_partitions - 1);
	if (pc->kind != BH_PORT_SAMPLING && pc->kind != BH_PORT_QUEUING)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .kind %u: use BH_PORT_SAMPLING "
			    "or BH_PORT_QUEUING", i, pc->name, pc->kind);
	if (pc->direction > BH_PORT_DESTINATION)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .direction %u: use "
			    "BH_PORT_SOURCE or BH_PORT_DESTINATION", i, pc->name,
			    pc->direction);
	if (!pc->max_msg_size || pc->max_msg_size > BH_PORT_MSG_MAX)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .max_msg_size %u: use 1..%u "
			    "bytes (BH_PORT_MSG_MAX)", i, pc->name, pc->max_msg_size,
			    BH_PORT_MSG_MAX);
	if (pc->kind == BH_PORT_SAMPLING) {
		if (pc->max_nb_msgs || pc->discipline)
			return fail(c, BH_EINVAL, "port %u (\"%s\") is a sampling port: "
				    ".max_nb_msgs and .discipline are for queuing ports "
				    "(leave them 0)", i, pc->name);
		return 0;
	}
	if (!pc->max_nb_msgs || pc->max_nb_msgs > BH_PORT_DEPTH_MAX)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .max_nb_msgs %u: a queuing "
			    "port holds 1..%u messages (BH_PORT_DEPTH_MAX)", i, pc->name,
			    pc->max_nb_msgs, BH_PORT_DEPTH_MAX);
	if (pc->discipline > BH_QUEUE_PRIORITY)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .discipline %u: use "
			    "BH_QUEUE_FIFO or BH_QUEUE_PRIORITY", i, pc->name,
			    pc->discipline);
	if (pc->refresh_us)
		return fail(c, BH_EINVAL, "port %u (\"%s\") .refresh_us %u: a refresh "
			    "period is for sampling ports (leave it 0)", i, pc->name,
			    pc->refresh_us);
	return 0;
}

/* Port p of channel ch, in role dest (or source): does it fit? */
static int check_end(struct check *c, uint32_t ch, uint32_t p, int dest,
		     uint32_t *owner)
{
	const struct bh_port_config *src = cport(c, c->cfg->channels[ch].source);
	const char *role = dest ? "destination" : "source";
	const struct bh_port_config *pc;

	if (p >= c->cfg->n_ports)
		return fail(c, BH_EINVAL, "channel %u %s port %u does not exist: ports "
			    "are 0..%u", ch, role, p, c->cfg->n_ports - 1);
	pc = cport(c, p);
	if (pc->direction != (dest ? BH_PORT_DESTINATION : BH_PORT_SOURCE))
		return fail(c, BH_EINVAL, "channel %u %s port %u (\"%s\") has .direction "
			    "%s", ch, role, p, pc->name, dest ? "BH_PORT_SOURCE" :
			    "BH_PORT_DESTINATION");
	if (owner[p])
		return fail(c, BH_EINVAL, "channel %u port %u (\"%s\") is already in "
			    "channel %u: a port belongs to one channel, once", ch, p,
			    pc->name, owner[p] - 1);
	owner[p] = ch + 1;
	if (!dest)
		return 0;
	if (pc->kind != src->kind)
		return fail(c, BH_EINVAL, "channel %u destination port %u (\"%s\") is "
			    "not the same kind (sampling/queuing) as its source \"%s\"",
			    ch, p, pc->name, src->name);
	if (pc->max_msg_size != src->max_msg_size ||
	    pc->max_nb_msgs != src->max_nb_msgs)
		return fail(c, BH_EINVAL, "channel %u destination port %u (\"%s\") "
			    ".max_msg_size %u / .max_nb_msgs %u differ from its source "
			    "\"%s\" (%u / %u): sizes must agree", ch, p, pc->name,
			    pc->max_msg_size, pc->max_nb_msgs, src->name,
			    src->max_msg_size, src->max_nb_msgs);
	return 0;
}

static int check_channel(struct check *c, uint32_t ch, uint32_t *owner)
{
	const struct bh_channel *cc = &c->cfg->channels[ch];
	uint32_t most;
	int err;

	if ((err = check_end(c, ch, cc->source, 0, owner)))
		return err;
	most = cport(c, cc->source)->kind == BH_PORT_QUEUING ? 1 : BH_MAX_DESTS;
	if (cc->n_dests < 1 || cc->n_dests > most)
		return fail(c, BH_EINVAL, "channel %u .n_dests %u: a %s channel has "
			    "%s destination%s", ch, cc->n_dests, most == 1 ? "queuing" :
			    "sampling", most == 1 ? "exactly 1" : "1..4 (BH_MAX_DESTS)",
			    most == 1 ? "" : "s");
	for (uint32_t d = 0; d < cc->n_dests; d++)
		if ((err = check_end(c, ch, cc->dests[d], 1, owner)))
			return err;
	return 0;
}

static int check_ports(struct check *c)
{
	const struct bh_config *cfg = c->cfg;
	uint32_t owner[BH_MAX_PORTS] = { 0 }, bytes = 0;
	int err;

	if (cfg->n_ports > BH_MAX_PORTS)
		return fail(c, BH_EINVAL, "n_ports is %u: at most %u ports (BH_MAX_PORTS)",
			    cfg->n_ports, BH_MAX_PORTS);
	if (cfg->n_channels > BH_MAX_CHANNELS)
		return fail(c, BH_EINVAL, "n_channels is %u: at most %u channels "
			    "(BH_MAX_CHANNELS)", cfg->n_channels, BH_MAX_CHANNELS);
	for (uint32_t i = 0; i < cfg->n_ports; i++)
		if ((err = check_port(c, i)))
			return err;
	for (uint32_t ch = 0; ch < cfg->n_channels; ch++) {
		if ((err = check_channel(c, ch, owner)))
			return err;
		bytes += port_channel_bytes(cport(c, cfg->channels[ch].source));
	}
	for (uint32_t i = 0; i < cfg->n_ports; i++)
		if (!owner[i])
			return fail(c, BH_EINVAL, "port %u (\"%s\") is in no channel: "
				    "connect it or remove it", i, cport(c, i)->name);
	if (bytes > BH_PORT_POOL_BYTES)
		return fail(c, BH_ENOSPC, "channels need %u bytes of message storage "
			    "(max_msg_size x max_nb_msgs each), more than the kernel's "
			    "%u (BH_PORT_POOL_BYTES)", bytes, BH_PORT_POOL_BYTES);
	return 0;
}

/* ---------------------------------------------------------- memory areas */

/* An area's page tables are its own: it takes whole 4 MiB slots. */
static uint32_t area_span(const struct bh_area *a)
{
	return (a->size + BH_AREA_ALIGN - 1u) & ~(BH_AREA_ALIGN - 1u);
}

static int check_area_users(struct check *c, uint32_t i)
{
	const struct bh_area *a = &c->cfg->areas[i];

	if (a->n_users < 1 || a->n_users > BH_MAX_AREA_USERS)
		return fail(c, BH_EINVAL, "area %u (\"%s\") .n_users %u: an area has "
			    "1..%u users (BH_MAX_AREA_USERS)", i, a->name, a->n_users,
			    BH_MAX_AREA_USERS);
	for (uint32_t u = 0; u < a->n_users; u++) {
		const struct bh_area_user *us = &a->users[u];

		if (us->partition >= c->cfg->n_partitions)
			return fail(c, BH_EINVAL, "area %u (\"%s\") users[%u].partition "
				    "%u does not exist: partitions are 0..%u", i, a->name,
				    u, us->partition, c->cfg->n_partitions - 1);
		if (us->access != BH_AREA_READ &&
		    us->access != (BH_AREA_READ | BH_AREA_WRITE))
			return fail(c, BH_EINVAL, "area %u (\"%s\") users[%u].access 0x%x: "
				    "use BH_AREA_READ or BH_AREA_READ | BH_AREA_WRITE",
				    i, a->name, u, us->access);
		for (uint32_t v = 0; v < u; v++)
			if (a->users[v].partition == us->partition)
				return fail(c, BH_EINVAL, "area %u (\"%s\") users[%u] "
					    "names partition %u again (users[%u])", i,
					    a->name, u, us->partition, v);
	}
	return 0;
}

static int check_area(struct check *c, uint32_t i)
{
	const struct bh_area *a = &c->cfg->areas[i];
	int err;

	if ((err = check_obj_name(c, "area", i, a->name)))
		return err;
	if (!a->size || a->size % BH_PAGE_SIZE)
		return fail(c, BH_EINVAL, "area %u (\"%s\") .size 0x%x is not a non-zero "
			    "multiple of the page size (0x%x)", i, a->name, a->size,
			    BH_PAGE_SIZE);
	if (a->va % BH_AREA_ALIGN || a->va < BH_SHMEM_BASE || a->va >= BH_SHMEM_END ||
	    a->size > BH_SHMEM_END - a->va)
		return fail(c, BH_EINVAL, "area %u (\"%s\") .va 0x%08x + .size 0x%x: an "
			    "area starts on a 4 MiB boundary (BH_AREA_ALIGN) and lies "
			    "inside 0x%08x..0x%08x, above partition memory and apart "
			    "from the kernel", i, a->name, a->va, a->size, BH_SHMEM_BASE,
			    BH_SHMEM_END - 1);
	for (uint32_t j = 0; j < i; j++) {
		const struct bh_area *o = &c->cfg->areas[j];

		if (bh_strcmp(a->name, o->name) == 0)
			return fail(c, BH_EINVAL, "area %u (\"%s\") has the same name as "
				    "area %u: area names must be unique", i, a->name, j);
		if (ranges_overlap(a->va, area_span(a), o->va, area_span(o)))
			return fail(c, BH_EINVAL, "area %u (\"%s\") at 0x%08x..0x%08x "
				    "overlaps area %u (\"%s\") at 0x%08x..0x%08x (each area "
				    "takes whole 4 MiB slots): one area with several users "
				    "is how memory is shared", i, a->name, a->va,
				    a->va + area_span(a) - 1, j, o->name,
				    o->va + 0u, o->va + area_span(o) - 1);
	}
	return check_area_users(c, i);
}

static int check_areas(struct check *c)
{
	int err;

	if (c->cfg->n_areas > BH_MAX_AREAS)
		return fail(c, BH_EINVAL, "n_areas is %u: at most %u memory areas "
			    "(BH_MAX_AREAS)", c->cfg->n_areas, BH_MAX_AREAS);
	for (uint32_t i = 0; i < c->cfg->n_areas; i++)
		if ((err = check_area(c, i)))
			return err;
	return 0;
}

/* --------------------------------------------------------------- machine */

/* Each partition's memory plus the kernel's pages for it (core/boot.h). */
static int check_machine_memory(struct check *c)
{
	uint64_t own = 0, kernel = 0;

	for (uint32_t i = 0; i < c->cfg->n_partitions; i++) {
		own += part(c, i)->mem_size;
		kernel += (uint64_t)PMEM_PART_KERNEL_PAGES(part(c, i)->mem_size) *
			  BH_PAGE_SIZE;
	}
	for (uint32_t i = 0; i < c->cfg->n_areas; i++) {
		const struct bh_area *a = &c->cfg->areas[i];

		own += a->size;
		kernel += (uint64_t)PMEM_AREA_KERNEL_PAGES(a->size, a->n_users) *
			  BH_PAGE_SIZE;
	}
	if (own + kernel > c->machine->mem_bytes)
		return fail(c, BH_ENOSPC, "partitions need %u KiB of memory in total "
			    "(%u KiB mem_size%s + %u KiB of kernel pages: vCPU page, I/O "
			    "bitmap, page tables), but the machine has only %u KiB "
			    "for partitions", (uint32_t)((own + kernel) >> 10),
			    (uint32_t)(own >> 10),
			    c->cfg->n_areas ? " and area sizes" : "", (uint32_t)(kernel >> 10),
			    c->machine->mem_bytes >> 10);
	return 0;
}

static int check_machine_module(struct check *c, uint32_t i)
{
	const struct bh_machine *m = c->machine;
	const struct bh_partition_config *p = part(c, i);
	uint32_t found = 0, first = 0;
	int err;

	for (uint32_t k = 0; k < m->n_modules; k++) {
		if (!m->module_names || !m->module_names[k] ||
		    !bh_module_matches(p->module, m->module_names[k]))
			continue;
		if (found++)
			return fail(c, BH_EINVAL, "partition %u (\"%s\") module \"%s\" is "
				    "ambiguous: modules %u and %u both have that name",
				    i, p->name, p->module, first, k);
		first = k;
	}
	if (found)
		return 0;
	err = fail(c, BH_ENOENT, "partition %u (\"%s\") needs module \"%s\", which "
		   "was not loaded (modules:", i, p->name, bh_basename(p->module));
	for (uint32_t k = 0; m->module_names && k < m->n_modules; k++)
		append(c, " %s", m->module_names[k] ? bh_basename(m->module_names[k]) : "?");
	append(c, m->n_modules ? ")" : " none)");
	return err;
}

static int check_machine(struct check *c)
{
	int err = check_machine_memory(c);

	for (uint32_t i = 0; !err && i < c->cfg->n_partitions; i++)
		err = check_machine_module(c, i);
	return err;
}

int bh_config_validate(const struct bh_config *cfg, const struct bh_machine *machine,
		       char *msg, unsigned len)
{
	struct check c = { .cfg = cfg, .machine = machine, .msg = msg, .len = len };
	int err;

	if (len)
		msg[0] = '\0';     /* stays empty when the configuration is fine */
	if (!cfg)
		return fail(&c, BH_EINVAL, "no configuration");
	if ((err = check_header(&c)) || (err = check_trace(&c)))
		return err;
	tick_setup(&c);
	for (uint32_t i = 0; i < cfg->n_partitions; i++)
		if ((err = check_partition(&c, i)))
			return err;
	for (uint32_t pl = 0; pl < cfg->n_plans; pl++)
		if ((err = check_plan(&c, pl)))
			return err;
	if ((err = check_ports(&c)) || (err = check_areas(&c)))
		return err;
	return machine ? check_machine(&c) : 0;
}
