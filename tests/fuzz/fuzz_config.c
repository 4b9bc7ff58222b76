/*
 * Fuzz the configuration validator (kernel/core/config_check.c).
 *
 * The input is decoded into a struct bh_config (names and module names go
 * into bounded buffers of this file, always NUL-terminated, as a compiled
 * configuration's string literals are) and a machine.  Values lean towards
 * the valid ones, so that many configurations pass and their invariants
 * get checked.  For every configuration the validator accepts, check_*()
 * below re-derive, independently and in 64-bit arithmetic, what the kernel
 * relies on; for every one it refuses, the message must be a non-empty C
 * string inside the buffer, whatever the buffer's length.
 */
#include <string.h>

#include "fuzz.h"
#include "bulkhead/config.h"
#include "bulkhead/errno.h"
#include "bulkhead/layout.h"
#include "core/boot.h"
#include "core/time.h"

/* The 8254's input clock, stated here independently of the kernel. */
#define PIT_HZ 1193182u

#define NAME_BUF (BH_MODULE_NAME_MAX + 8)   /* room for names too long */

static char names[BH_MAX_PARTITIONS][NAME_BUF];
static char modules[BH_MAX_PARTITIONS][NAME_BUF];
static const char *mod_list[BH_MAX_PARTITIONS + 2];
static struct bh_config cfg;
static struct bh_machine machine;

/* A string: one of a few (so that duplicates happen) or the input's bytes. */
static const char *decode_string(struct reader *r, char *buf, const char *prefix)
{
	static const char *const common[] = { "a", "b", "dir/a", "a/", "", "c" };
	uint8_t how = rd8(r);
	size_t n;

	if (how < 16)
		return NULL;
	if (how < 128) {
		snprintf(buf, NAME_BUF, "%s%s", prefix, common[how % 6]);
		return buf;
	}
	n = how % NAME_BUF;          /* 0 .. NAME_BUF - 1 bytes, then NUL */
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)rd8(r);
	buf[n] = '\0';
	return buf;
}

static void decode_io(struct reader *r, struct bh_io_range *io)
{
	static const uint16_t bases[] = {
		0x2f8, 0x3f8, 0x20, 0x60, 0xfff0, 0x80, 0xcf8, 0x92, 0xe9, 0x8900, 0x378,
	};
	uint8_t how = rd8(r);

	if (how < 128)
		return;                       /* unused entry */
	io->base = (how & 1) ? rd16(r) : pick(r, bases);
	io->count = (how & 2) ? rd16(r) : (uint16_t)(rd8(r) % 16);
	io->flags = (how & 4) ? rd16(r) : (how & 8) ? BH_IO_F_DELIBERATE : 0;
}

static void decode_partition(struct reader *r, uint32_t i)
{
	struct bh_partition_config *p = &cfg.partitions[i];
	uint8_t how = rd8(r);

	memset(names[i], 0, NAME_BUF);
	memset(modules[i], 0, NAME_BUF);
	p->name = decode_string(r, names[i], "p");
	p->module = decode_string(r, modules[i], "m");
	p->mem_size = (how & 1) ? rd32(r) : (uint32_t)(rd8(r) + 1) * BH_PAGE_SIZE;
	p->stack_size = (how & 2) ? rd32(r) : (uint32_t)(rd8(r) % 8) * BH_PAGE_SIZE;
	p->entry = (how & 4) ? rd32(r) : 0;
	p->flags = (how & 8) ? rd32(r) : rd8(r) & 1;
	for (unsigned k = 0; k < BH_MAX_IO_RANGES; k++)
		decode_io(r, &p->io[k]);
	p->irq_lines = (how & 16) ? rd32(r) : (how & 32) ? 1u << (rd8(r) % 16) : 0;
	if (how & 64)
		for (unsigned e = 0; e < BH_HM_NR_EVENTS; e++)
			p->hm_action[e] = rd8(r) % 6;
	p->hm_escalate = (how & 64) ? rd8(r) % 6 : 0;
	p->restart_limit = (how & 128) ? rd32(r) : rd8(r);
}

static void decode_plan(struct reader *r, struct bh_plan *plan)
{
	static const uint32_t frames[] = { 1000, 10000, 20000, 100000, 0xffffffffu };
	uint8_t how = rd8(r);

	plan->major_frame_us = (how & 1) ? rd32(r) : pick(r, frames);
	plan->n_windows = (how & 2) ? rd32(r) : (uint32_t)rd8(r) % (BH_MAX_WINDOWS + 1);
	for (unsigned w = 0; w < BH_MAX_WINDOWS; w++) {
		struct bh_window *win = &plan->windows[w];
		uint8_t wh = rd8(r);

		win->partition = (wh & 1) ? rd32(r) : rd8(r) % BH_MAX_PARTITIONS;
		win->offset_us = (wh & 2) ? rd32(r) : (uint32_t)rd16(r) * 10;
		win->duration_us = (wh & 4) ? rd32(r) : (uint32_t)rd16(r) * 10;
	}
}

/* The machine: memory, and modules named after the partitions' (or not). */
static const struct bh_machine *decode_machine(struct reader *r)
{
	uint8_t how = rd8(r);
	uint32_t n = 0;

	if (how < 32)
		return NULL;
	machine.mem_bytes = (how & 1) ? rd32(r) : (uint32_t)rd8(r) << 16;
	for (uint32_t i = 0; i < cfg.n_partitions && i < BH_MAX_PARTITIONS; i++)
		if (rd8(r) >= 16)
			mod_list[n++] = cfg.partitions[i].module;
	if (how & 2)
		mod_list[n++] = (how & 8) ? "boot/extra.elf" : "extra.elf";
	if ((how & 4) && n)
		mod_list[n++] = mod_list[0];  /* a duplicate */
	machine.n_modules = n;
	machine.module_names = mod_list;
	return &machine;
}

static void decode(struct reader *r)
{
	uint8_t how = rd8(r);

	memset(&cfg, 0, sizeof(cfg));
	cfg.signature = (how & 1) ? rd32(r) : BH_CONFIG_SIGNATURE;
	cfg.revision = (how & 2) ? rd32(r) : BH_CONFIG_REVISION;
	cfg.tick_hz = (how & 4) ? rd32(r) : (uint32_t)rd8(r) * 50;
	cfg.n_partitions = (how & 8) ? rd32(r) : 1 + rd8(r) % BH_MAX_PARTITIONS;
	cfg.n_plans = (how & 16) ? rd32(r) : 1 + rd8(r) % BH_MAX_PLANS;
	cfg.initial_plan = (how & 32) ? rd32(r) : rd8(r) % BH_MAX_PLANS;
	for (unsigned m = 0; m < BH_MOD_NR_EVENTS; m++)
		cfg.module_action[m] = rd8(r) % 5;
	for (uint32_t i = 0; i < BH_MAX_PARTITIONS; i++)
		decode_partition(r, i);
	for (uint32_t pl = 0; pl < BH_MAX_PLANS; pl++)
		decode_plan(r, &cfg.plans[pl]);
}

/* ------------------------------------------------ what an accepted one is */

static const char *base_name(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

static void check_header(void)
{
	check(cfg.signature == BH_CONFIG_SIGNATURE && cfg.revision == BH_CONFIG_REVISION,
	      "signature 0x%x revision %u", cfg.signature, cfg.revision);
	check(cfg.tick_hz == 0 || (cfg.tick_hz >= 100 && cfg.tick_hz <= 10000),
	      "tick_hz %u", cfg.tick_hz);
	check(cfg.n_partitions >= 1 && cfg.n_partitions <= BH_MAX_PARTITIONS,
	      "n_partitions %u", cfg.n_partitions);
	check(cfg.n_plans >= 1 && cfg.n_plans <= BH_MAX_PLANS, "n_plans %u", cfg.n_plans);
	for (unsigned m = 0; m < BH_MOD_NR_EVENTS; m++)
		check(cfg.module_action[m] <= BH_MODULE_ACT_LOG &&
		      (cfg.module_action[m] != BH_MODULE_ACT_LOG || (BH_HM_MODULE_LOGGABLE >> m & 1)),
		      "module_action[%u] = %u", m, cfg.module_action[m]);
	check(cfg.initial_plan < cfg.n_plans, "initial_plan %u of %u",
	      cfg.initial_plan, cfg.n_plans);
}

/* Printable ASCII without spaces: what reaches consoles and boot loaders. */
static int printable(const char *s)
{
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return 0;
	return 1;
}

static void check_names(uint32_t i)
{
	const struct bh_partition_config *p = &cfg.partitions[i];

	check(p->name && memchr(p->name, 0, BH_NAME_MAX + 1) && p->name[0] &&
	      printable(p->name), "partition %u: name missing, empty, longer than "
	      "%u or not printable", i, BH_NAME_MAX);
	/* A file name: the boot loader's directories are not kept. */
	check(p->module && p->module[0] && memchr(p->module, 0, BH_MODULE_NAME_MAX + 1) &&
	      printable(p->module) && !strchr(p->module, '/'),
	      "partition %u: module missing, too long or not a plain file name", i);
	for (uint32_t j = 0; j < i; j++) {
		check(strcmp(p->name, cfg.partitions[j].name) != 0,
		      "partitions %u and %u are both \"%s\"", j, i, p->name);
		check(strcmp(p->module, cfg.partitions[j].module) != 0,
		      "partitions %u and %u share module \"%s\"", j, i, p->module);
	}
}

static void check_memory(uint32_t i)
{
	const struct bh_partition_config *p = &cfg.partitions[i];
	uint32_t stack = p->stack_size ? p->stack_size : BH_DEFAULT_STACK;
	uint64_t image_end;

	check(p->mem_size && p->mem_size % BH_PAGE_SIZE == 0 &&
	      p->mem_size <= BH_PART_MAX_SIZE, "partition %u: mem_size 0x%x", i, p->mem_size);
	check(stack % BH_PAGE_SIZE == 0 && (uint64_t)stack + 2 * BH_PAGE_SIZE <= p->mem_size,
	      "partition %u: stack 0x%x in 0x%x bytes", i, stack, p->mem_size);
	image_end = (uint64_t)BH_PART_BASE + p->mem_size - stack - BH_PAGE_SIZE;
	check(!p->entry || (p->entry >= BH_PART_BASE && p->entry < image_end),
	      "partition %u: entry 0x%08x outside its image area", i, p->entry);
	check(!(p->flags & ~BH_PART_F_SYSTEM), "partition %u: flags 0x%x", i, p->flags);
}

/* The port lists of include/bulkhead/config.h are the specification. */
#define IN_LIST(first, last, what) || (port >= (first) && port <= (last))

static int kernel_port(uint32_t port)
{
	return 0 BH_KERNEL_PORTS(IN_LIST);
}

static int dangerous_port(uint32_t port)
{
	return 0 BH_DANGEROUS_PORTS(IN_LIST);
}

static void check_io(uint32_t i)
{
	const struct bh_partition_config *p = &cfg.partitions[i];

	for (unsigned k = 0; k < BH_MAX_IO_RANGES; k++) {
		const struct bh_io_range *a = &p->io[k];
		uint64_t end = (uint64_t)a->base + a->count;

		if (!a->count)
			continue;
		check(end <= 0x10000, "partition %u io[%u]: 0x%x + %u wraps", i, k,
		      a->base, a->count);
		check(!(a->flags & ~BH_IO_F_DELIBERATE), "partition %u io[%u]: flags "
		      "0x%x", i, k, a->flags);
		for (uint64_t port = a->base; port < end; port++) {
			check(!kernel_port((uint32_t)port), "partition %u io[%u] grants "
			      "kernel port 0x%x", i, k, (unsigned)port);
			check(!dangerous_port((uint32_t)port) ||
			      (a->flags & BH_IO_F_DELIBERATE), "partition %u io[%u] "
			      "grants port 0x%x without BH_IO_F_DELIBERATE", i, k,
			      (unsigned)port);
		}
		/* No port granted twice: earlier ranges of all partitions. */
		for (uint32_t j = 0; j <= i; j++)
			for (unsigned m = 0; m < (j == i ? k : BH_MAX_IO_RANGES); m++) {
				const struct bh_io_range *b = &cfg.partitions[j].io[m];

				check(!b->count || end <= b->base ||
				      (uint64_t)b->base + b->count <= a->base,
				      "io ranges overlap: partition %u io[%u] and "
				      "partition %u io[%u]", i, k, j, m);
			}
	}
}

static void check_irq_hm(uint32_t i)
{
	const struct bh_partition_config *p = &cfg.partitions[i];

	check(p->irq_lines < 0x10000 && !(p->irq_lines & 0x15u),
	      "partition %u: irq_lines 0x%x (lines 0..15, not 0, 2, 4)", i, p->irq_lines);
	/* A shared line could be held masked by one of its holders. */
	for (uint32_t j = 0; j < i; j++)
		check(!(p->irq_lines & cfg.partitions[j].irq_lines),
		      "partitions %u and %u share irq lines 0x%x", j, i,
		      p->irq_lines & cfg.partitions[j].irq_lines);
	for (unsigned e = 0; e < BH_HM_NR_EVENTS; e++) {
		unsigned act = p->hm_action[e];

		check(act == BH_HM_ACT_HALT || act == BH_HM_ACT_RESTART ||
		      act == BH_HM_ACT_IGNORE || act == BH_HM_ACT_WARM_RESTART ||
		      act == BH_HM_ACT_DELIVER,
		      "partition %u: hm_action[%u] = %u", i, e, act);
		/* Ignoring a fault re-executes the faulting instruction forever;
		 * from ring 3 only #DB is a trap (BH_HM_OVERFLOW is #BR). */
		check(act != BH_HM_ACT_IGNORE || e == BH_HM_DEBUG_TRAP ||
		      e == BH_HM_APPLICATION_ERROR,
		      "partition %u: ignores fault event %u", i, e);
	}
	/* An undeliverable error must end: never ignored or delivered again. */
	check(p->hm_escalate == BH_HM_ACT_HALT || p->hm_escalate == BH_HM_ACT_RESTART ||
	      p->hm_escalate == BH_HM_ACT_WARM_RESTART,
	      "partition %u: hm_escalate = %u", i, p->hm_escalate);
}

/*
 * The scheduler acts only on ticks: a window shorter than two tick periods
 * (divisor / PIT_HZ s each) could be skipped in some frames.
 */
static uint64_t two_ticks_ns(void)
{
	uint32_t hz = cfg.tick_hz ? cfg.tick_hz : BH_DEFAULT_TICK_HZ;

	return 2 * (uint64_t)time_divisor_for_hz(hz) * 1000000000u / PIT_HZ;
}

static void check_plan(uint32_t pl)
{
	const struct bh_plan *plan = &cfg.plans[pl];
	uint64_t min_ns = two_ticks_ns();

	check(plan->major_frame_us > 0, "plan %u: empty major frame", pl);
	check(plan->n_windows >= 1 && plan->n_windows <= BH_MAX_WINDOWS,
	      "plan %u: %u windows", pl, plan->n_windows);
	for (uint32_t w = 0; w < plan->n_windows; w++) {
		const struct bh_window *a = &plan->windows[w];
		uint64_t end = (uint64_t)a->offset_us + a->duration_us;

		check(a->partition < cfg.n_partitions, "plan %u window %u: partition %u",
		      pl, w, a->partition);
		check(a->duration_us > 0 && end <= plan->major_frame_us,
		      "plan %u window %u: %u + %u us outside the %u us frame", pl, w,
		      a->offset_us, a->duration_us, plan->major_frame_us);
		check((uint64_t)a->duration_us * 1000 >= min_ns, "plan %u window %u: "
		      "%u us, shorter than two ticks (%llu ns)", pl, w, a->duration_us,
		      (unsigned long long)min_ns);
		for (uint32_t v = 0; v < w; v++) {
			const struct bh_window *b = &plan->windows[v];

			check(end <= b->offset_us ||
			      (uint64_t)b->offset_us + b->duration_us <= a->offset_us,
			      "plan %u: windows %u and %u overlap", pl, v, w);
		}
	}
}

static void check_machine(const struct bh_machine *m)
{
	uint64_t total = 0;

	for (uint32_t i = 0; i < cfg.n_partitions; i++) {
		const char *want = cfg.partitions[i].module;
		unsigned found = 0;

		/* Its memory and the kernel's pages for it (vCPU page, I/O
		 * bitmap, page tables: core/boot.h), all from the same pool. */
		total += cfg.partitions[i].mem_size + (uint64_t)BH_PAGE_SIZE *
			 PMEM_PART_KERNEL_PAGES(cfg.partitions[i].mem_size);
		for (uint32_t k = 0; k < m->n_modules; k++)
			found += m->module_names[k] &&
				 strcmp(base_name(m->module_names[k]), want) == 0;
		check(found == 1, "partition %u: module \"%s\" found %u times", i, want, found);
	}
	check(total <= m->mem_bytes, "partitions need 0x%llx bytes, the machine has 0x%x",
	      (unsigned long long)total, m->mem_bytes);
}

static void check_accepted(const struct bh_machine *m)
{
	check_header();
	for (uint32_t i = 0; i < cfg.n_partitions; i++) {
		check_names(i);
		check_memory(i);
		check_io(i);
		check_irq_hm(i);
	}
	for (uint32_t pl = 0; pl < cfg.n_plans; pl++)
		check_plan(pl);
	if (m)
		check_machine(m);
}

/* A refusal explains itself in a C string inside a buffer of len bytes. */
static void check_refused(int err, const struct bh_machine *m, unsigned len)
{
	char *msg = malloc(len ? len : 1);    /* exactly len: ASan sees overruns */
	int again = bh_config_validate(&cfg, m, msg, len);

	check(err < 0 && err > -BH_NR_ERRNO, "refused with %d", err);
	check(again == err, "same configuration, %d then %d", err, again);
	if (len)
		check(memchr(msg, 0, len) && (len == 1 || msg[0]),
		      "message of %d not a non-empty string in %u bytes", err, len);
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size };
	const struct bh_machine *m;
	char msg[256];
	unsigned len;
	int err;

	decode(&r);
	m = decode_machine(&r);
	len = rd8(&r) % 48;                  /* 0 .. 47: short messages truncate */
	err = bh_config_validate(&cfg, m, msg, sizeof(msg));
	if (err == 0) {
		check(msg[0] == '\0', "accepted with message \"%.100s\"", msg);
		check_accepted(m);
	} else {
		check(memchr(msg, 0, sizeof(msg)) && msg[0], "refused (%d), no message", err);
		check_refused(err, m, len);
	}
	return 0;
}
