/*
 * Unit tests of bh_config_validate (kernel/core/config_check.c).
 *
 * Three kinds of cases:
 *  - every fixture in configs/invalid/ (see tests/unit/config.mk for how
 *    they are compiled in), checked for its error code and message;
 *  - the valid tests/unit/config_good.c, as is and with a machine;
 *  - targeted edits of a copy of config_good.c: limits that must still be
 *    accepted and rules the fixtures do not cover.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bulkhead/config.h"
#include "bulkhead/layout.h"

struct fixture {
	const char *file;
	int (*validate)(const struct bh_machine *machine, char *msg, unsigned len);
	int code;              /* BH_E*, positive */
	const char *expect;    /* substring of the message */
	const char *machine;   /* "BYTES MODULE..." or "" */
};

#include "config_fixtures.h"

/*
 * Fail with a formatted message.  Going through _assert_true (not
 * print_error) puts the message in cmocka's TAP output as a "# " comment
 * of the failing test, where tests/run.py picks it up.
 */
#define fail_with(...) do {                                                     \
	char why_[1024];                                                        \
	snprintf(why_, sizeof(why_), __VA_ARGS__);                              \
	_assert_true(0, why_, __FILE__, __LINE__);                              \
} while (0)

/* Fail unless err == -code and msg contains expect; says what and where. */
#define check_result(what, err, msg, code, expect) do {                        \
	if ((err) != -(code) || !strstr((msg), (expect))) {                    \
		fail_with("%s: expected %d with a message containing \"%s\"; " \
			  "got %d: \"%s\"", (what), -(code), (expect), (err),  \
			  (msg));                                               \
	}                                                                       \
} while (0)

/* ------------------------------------------------------------ fixtures -- */

/* "BYTES MODULE..." as in the fixture's machine line and check-config. */
static void parse_machine(const char *spec, struct bh_machine *m, char *buf,
			  size_t len, const char **names, unsigned max)
{
	char *save = NULL, *tok;

	snprintf(buf, len, "%s", spec);
	tok = strtok_r(buf, " ", &save);
	assert_non_null(tok);
	m->mem_bytes = (uint32_t)strtoul(tok, NULL, 0);
	m->n_modules = 0;
	while ((tok = strtok_r(NULL, " ", &save)) && m->n_modules < max)
		names[m->n_modules++] = tok;
	m->module_names = names;
}

static void test_fixture(void **state)
{
	const struct fixture *fx = *state;
	struct bh_machine machine, *mp = NULL;
	const char *names[16];
	char spec[256], msg[512];
	int err;

	if (!*fx->expect) {
		fail_with("%s: no /* expect: ... */ line", fx->file);
	}
	if (*fx->machine) {
		parse_machine(fx->machine, &machine, spec, sizeof(spec), names, 16);
		mp = &machine;
	}
	err = fx->validate(mp, msg, sizeof(msg));
	check_result(fx->file, err, msg, fx->code, fx->expect);
}

/* Without its machine a machine-only fixture must pass: the static checks
 * would otherwise be hiding the error the fixture is about. */
static void test_fixture_needs_machine(void **state)
{
	const struct fixture *fx = *state;
	char msg[512];
	int err = fx->validate(NULL, msg, sizeof(msg));

	check_result(fx->file, err, msg, 0, "");
}

/* -------------------------------------------------------- good config -- */

static const char *const good_modules[] = { "/boot/rtos.elf", "monitor.elf", "iodrv.elf" };
static const struct bh_machine good_machine = {
	.mem_bytes = 0x200000, .n_modules = 3, .module_names = good_modules,
};

static void test_good_config(void **state)
{
	char msg[256] = "junk";
	int err = bh_config_validate(&bh_config, NULL, msg, sizeof(msg));

	check_result("config_good.c", err, msg, 0, "");
	assert_string_equal(msg, "");
	err = bh_config_validate(&bh_config, &good_machine, msg, sizeof(msg));
	check_result("config_good.c with a machine", err, msg, 0, "");
}

static void test_null_and_short_buffers(void **state)
{
	char msg[8];
	int err;

	err = bh_config_validate(NULL, NULL, msg, sizeof(msg));
	check_result("NULL config", err, msg, BH_EINVAL, "no conf");
	assert_int_equal(strlen(msg), 7);      /* truncated, NUL-terminated */
	assert_int_equal(bh_config_validate(NULL, NULL, NULL, 0), -BH_EINVAL);
}

/* The one rule the validator and the boot-time lookup share. */
static void test_module_matches(void **state)
{
	static const struct { const char *module, *loaded; int match; } cases[] = {
		{ "a.elf", "a.elf", 1 },
		{ "a.elf", "/boot/a.elf", 1 },          /* the loader's path is ignored */
		{ "a.elf", "build/guests/a.elf", 1 },
		{ "a.elf", "a.elfx", 0 },
		{ "a.elf", "xa.elf", 0 },
		{ "a", "a.elf", 0 },                    /* no prefix matching */
		{ "A.elf", "a.elf", 0 },                /* case matters */
		{ "guests/a.elf", "guests/a.elf", 0 },  /* refused by the validator anyway */
		{ "a.elf", "", 0 },                     /* a name too long for boot */
		{ NULL, "a.elf", 0 },
		{ "a.elf", NULL, 0 },
	};

	for (size_t i = 0; i < BH_ARRAY_SIZE(cases); i++)
		if (bh_module_matches(cases[i].module, cases[i].loaded) != cases[i].match)
			fail_with("bh_module_matches(\"%s\", \"%s\") should be %d",
				  cases[i].module ? cases[i].module : "NULL",
				  cases[i].loaded ? cases[i].loaded : "NULL", cases[i].match);
}

/* ----------------------------------------------------- targeted edits -- */

struct edit {
	const char *what;
	void (*apply)(struct bh_config *c);
	int code;
	const char *expect;
	int with_machine;
};

/* Every time in the plans times k: at 100 Hz windows need 20001 us. */
static void scale_plans(struct bh_config *c, uint32_t k)
{
	for (uint32_t p = 0; p < c->n_plans; p++) {
		c->plans[p].major_frame_us *= k;
		for (uint32_t w = 0; w < c->plans[p].n_windows; w++) {
			c->plans[p].windows[w].offset_us *= k;
			c->plans[p].windows[w].duration_us *= k;
		}
	}
}
static void tick_min(struct bh_config *c) { c->tick_hz = 100; scale_plans(c, 11); }
static void tick_max(struct bh_config *c) { c->tick_hz = 10000; }
static void tick_default(struct bh_config *c) { c->tick_hz = 0; }
static void tick_over(struct bh_config *c) { c->tick_hz = 10001; }
static void plans_over(struct bh_config *c) { c->n_plans = BH_MAX_PLANS + 1; }
static void windows_over(struct bh_config *c) { c->plans[0].n_windows = BH_MAX_WINDOWS + 1; }
static void null_name(struct bh_config *c) { c->partitions[1].name = NULL; }
static void empty_module(struct bh_config *c) { c->partitions[1].module = ""; }
static void dir_module(struct bh_config *c) { c->partitions[1].module = "dir/"; }
static void path_module(struct bh_config *c) { c->partitions[1].module = "guests/monitor.elf"; }
static void space_module(struct bh_config *c) { c->partitions[1].module = "monitor.elf x"; }
static void long_module(struct bh_config *c)
{
	c->partitions[1].module = "m23456789012345678901234567890123456789012345.elf";
}
static void max_module(struct bh_config *c)
{
	c->partitions[1].module = "m234567890123456789012345678901234567890123.elf";
}
static void escape_name(struct bh_config *c) { c->partitions[1].name = "mon\x1b[2J"; }
static void c1_name(struct bh_config *c) { c->partitions[1].name = "mon\xc2\x9b"; }
static void space_name(struct bh_config *c) { c->partitions[1].name = "my monitor"; }
static void mem_zero(struct bh_config *c) { c->partitions[0].mem_size = 0; }
static void mem_max(struct bh_config *c) { c->partitions[0].mem_size = BH_PART_MAX_SIZE; }
static void stack_exact(struct bh_config *c)
{
	c->partitions[0].mem_size = 0x6000;     /* 16 KiB stack + guard + 1 page */
	c->partitions[0].stack_size = 0x4000;
}
static void stack_unaligned(struct bh_config *c) { c->partitions[0].stack_size = 0x2100; }
static void stack_huge(struct bh_config *c) { c->partitions[0].stack_size = 0xfffff000; }
static void entry_ok(struct bh_config *c) { c->partitions[0].entry = BH_PART_BASE + 0x100; }
static void entry_in_stack(struct bh_config *c) { c->partitions[0].entry = BH_PART_BASE + 0xff000; }
static void set_io(struct bh_config *c, int p, int k, uint16_t base, uint16_t count,
		   uint16_t flags)
{
	c->partitions[p].io[k] = (struct bh_io_range){ .base = base, .count = count,
						       .flags = flags };
}
static void io_last_port(struct bh_config *c) { set_io(c, 2, 1, 0xfff0, 0x10, 0); }
static void io_next_to_com1(struct bh_config *c) { set_io(c, 2, 1, 0x3f0, 8, 0); }
static void io_touch_com1(struct bh_config *c) { set_io(c, 2, 1, 0x3f7, 2, 0); }
static void io_unused_entry(struct bh_config *c) { set_io(c, 2, 1, 0x3f8, 0, 0); }
static void io_debug_exit(struct bh_config *c) { set_io(c, 2, 1, 0xf0, 8, 0); }
static void io_port_61(struct bh_config *c) { set_io(c, 2, 1, 0x61, 1, 0); }
static void io_cross_later(struct bh_config *c) { set_io(c, 0, 3, 0x31f, 2, 0); }
static void io_kernel_deliberate(struct bh_config *c) { set_io(c, 2, 1, 0x40, 4, BH_IO_F_DELIBERATE); }
static void io_e9(struct bh_config *c) { set_io(c, 2, 1, 0xe9, 1, BH_IO_F_DELIBERATE); }
static void io_reset_port(struct bh_config *c) { set_io(c, 2, 1, 0x92, 1, 0); }
static void io_reset_deliberate(struct bh_config *c) { set_io(c, 2, 1, 0x92, 1, BH_IO_F_DELIBERATE); }
static void io_pci_last(struct bh_config *c) { set_io(c, 2, 1, 0xcff, 1, 0); }
static void io_pci_after(struct bh_config *c) { set_io(c, 2, 1, 0xd00, 0x10, 0); }
static void io_post_port(struct bh_config *c) { set_io(c, 2, 1, 0x80, 1, 0); }
static void io_dma_page(struct bh_config *c) { set_io(c, 2, 1, 0x80, 2, 0); }
static void io_dma2_deliberate(struct bh_config *c) { set_io(c, 2, 1, 0xc0, 0x20, BH_IO_F_DELIBERATE); }
static void io_unknown_flag(struct bh_config *c) { set_io(c, 2, 1, 0x600, 2, 2); }
static void io_flag_no_count(struct bh_config *c) { set_io(c, 2, 1, 0x92, 0, BH_IO_F_DELIBERATE); }
static void irq_cascade(struct bh_config *c) { c->partitions[2].irq_lines = 1u << 2; }
static void irq_line15(struct bh_config *c) { c->partitions[2].irq_lines = 1u << 15; }
static void irq_rtc(struct bh_config *c) { c->partitions[2].irq_lines = 1u << 8; }
static void irq_shared(struct bh_config *c) { c->partitions[2].irq_lines = (1u << 5) | (1u << 11); }
static void hm_ignore_ovf(struct bh_config *c) { c->partitions[1].hm_action[BH_HM_OVERFLOW] = BH_HM_ACT_IGNORE; }
static void hm_ignore_upcall(struct bh_config *c) { c->partitions[1].hm_action[BH_HM_UPCALL_FAULT] = BH_HM_ACT_IGNORE; }
static void hm_warm(struct bh_config *c) { c->partitions[1].hm_action[BH_HM_PAGE_FAULT] = BH_HM_ACT_WARM_RESTART; }
static void hm_deliver(struct bh_config *c) { c->partitions[1].hm_action[BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER; }
static void hm_deliver_trap(struct bh_config *c) { c->partitions[1].hm_action[BH_HM_APPLICATION_ERROR] = BH_HM_ACT_DELIVER; }
static void hm_past_deliver(struct bh_config *c) { c->partitions[1].hm_action[BH_HM_PAGE_FAULT] = BH_HM_ACT_DELIVER + 1; }
static void hm_escalate_warm(struct bh_config *c) { c->partitions[1].hm_escalate = BH_HM_ACT_WARM_RESTART; }
static void hm_escalate_ignore(struct bh_config *c) { c->partitions[1].hm_escalate = BH_HM_ACT_IGNORE; }
static void hm_escalate_deliver(struct bh_config *c) { c->partitions[1].hm_escalate = BH_HM_ACT_DELIVER; }
static void mod_nmi_reset(struct bh_config *c) { c->module_action[BH_MOD_NMI] = BH_MODULE_ACT_RESET; }
static void mod_image_log(struct bh_config *c) { c->module_action[BH_MOD_BOOT_IMAGE] = BH_MODULE_ACT_LOG; }
static void mod_mc_log(struct bh_config *c) { c->module_action[BH_MOD_MACHINE_CHECK] = BH_MODULE_ACT_LOG; }
static void mod_config_log(struct bh_config *c) { c->module_action[BH_MOD_BOOT_CONFIG] = BH_MODULE_ACT_LOG; }
static void mod_self_log(struct bh_config *c) { c->module_action[BH_MOD_SELF_CHECK] = BH_MODULE_ACT_LOG; }
static void mod_self_reset(struct bh_config *c) { c->module_action[BH_MOD_SELF_CHECK] = BH_MODULE_ACT_RESET; }
static void mod_past_log(struct bh_config *c) { c->module_action[BH_MOD_BOOT_IMAGE] = BH_MODULE_ACT_LOG + 1; }
static void restart_max(struct bh_config *c) { c->partitions[0].restart_limit = 1000; }
static void window_adjacent(struct bh_config *c) { c->plans[1].windows[1].offset_us = 3000; }
static void window_last_us(struct bh_config *c) { c->plans[1].windows[1].offset_us = 3900; }
static void window_1_past(struct bh_config *c) { c->plans[1].windows[1].offset_us = 3901; }
static void window_two_ticks(struct bh_config *c) { c->plans[1].windows[1].duration_us = 2000; }
static void window_under_two_ticks(struct bh_config *c) { c->plans[1].windows[1].duration_us = 1999; }
static void window_fast_tick(struct bh_config *c)
{
	c->tick_hz = 10000;                     /* 119 counts: 99.73 us */
	c->plans[1].windows[1].duration_us = 200;
}
static void window_fast_tick_short(struct bh_config *c)
{
	c->tick_hz = 10000;
	c->plans[1].windows[1].duration_us = 199;
}
static void window_default_tick(struct bh_config *c)
{
	c->tick_hz = 0;                         /* 1000: the same rule */
	c->plans[1].windows[1].duration_us = 1999;
}
static void window_slow_tick(struct bh_config *c)
{
	tick_min(c);                            /* 11932 counts: 10.0002 ms */
	c->plans[0].windows[1].duration_us = 20000;
}
static void frame_under_two_ticks(struct bh_config *c)
{
	tick_min(c);
	c->plans[1].major_frame_us = 20000;     /* two ticks are 20000.3 us */
	c->plans[1].windows[0] = (struct bh_window){ 0, 0, 20000 };
	c->plans[1].n_windows = 1;
}
static void window_dup(struct bh_config *c) { c->plans[1].windows[1] = c->plans[1].windows[0]; }
static void window_inside(struct bh_config *c)
{
	c->plans[1].windows[1] = (struct bh_window){ 1, 500, 2000 };   /* inside window 0 */
}
static void window_unsorted(struct bh_config *c)
{
	c->plans[0].windows[2].offset_us = 5000;   /* now overlaps window 0 only */
}
/* good_machine has 0x200000 bytes; the kernel takes 6 pages per partition
 * below 4 MiB (vCPU, 2 I/O bitmap, directory, 2 page tables). */
static void machine_exact(struct bh_config *c)
{
	c->partitions[0].mem_size = 0x200000 - 0x40000 - 0x10000 - 3 * 6 * 0x1000;
}
static void machine_page_over(struct bh_config *c)
{
	c->partitions[0].mem_size = 0x200000 - 0x40000 - 0x10000 - 3 * 6 * 0x1000 + 0x1000;
}
static void machine_wrap(struct bh_config *c)
{
	/* 5 x 0x3f000000 needs more than 32 bits: the total must not wrap. */
	c->n_partitions = 5;
	for (int i = 0; i < 5; i++) {
		static const char *const n[] = { "p0", "p1", "p2", "p3", "p4" };
		c->partitions[i] = (struct bh_partition_config){ .name = n[i], .module = n[i],
			.mem_size = BH_PART_MAX_SIZE };
	}
}

static const struct edit edits[] = {
	{ "tick_hz 100", tick_min, 0, "", 0 },
	{ "tick_hz 10000", tick_max, 0, "", 0 },
	{ "tick_hz 0", tick_default, 0, "", 0 },
	{ "tick_hz 10001", tick_over, BH_EINVAL, "tick_hz 10001 is out of range", 0 },
	{ "n_plans 5", plans_over, BH_EINVAL, "n_plans is 5: a configuration needs 1..4", 0 },
	{ "17 windows", windows_over, BH_EINVAL, "plan 0 has n_windows 17", 0 },
	{ "NULL name", null_name, BH_EINVAL, "partition 1 has no name", 0 },
	{ "module empty", empty_module, BH_EINVAL, "partition 1 (\"monitor\") has no module", 0 },
	{ "module is a directory", dir_module, BH_EINVAL, "partition 1 (\"monitor\") module \"dir/\" contains '/'", 0 },
	{ "module with a path", path_module, BH_EINVAL, "module \"guests/monitor.elf\" contains '/': "
	  ".module is the image's file name only (\"monitor.elf\")", 0 },
	{ "module with a space", space_module, BH_EINVAL, "module contains the byte 0x20", 0 },
	{ "module 48 characters", long_module, BH_EINVAL, "is longer than 47 characters", 0 },
	{ "module 47 characters", max_module, 0, "", 0 },
	{ "name with an escape", escape_name, BH_EINVAL, "partition 1 name contains the byte 0x1b", 0 },
	{ "name with a C1 control", c1_name, BH_EINVAL, "partition 1 name contains the byte 0xc2", 0 },
	{ "name with a space", space_name, BH_EINVAL, "partition 1 name contains the byte 0x20", 0 },
	{ "mem_size 0", mem_zero, BH_EINVAL, "mem_size 0x0 is not a non-zero multiple", 0 },
	{ "mem_size max", mem_max, 0, "", 0 },
	{ "stack exactly fits", stack_exact, 0, "", 0 },
	{ "stack not page multiple", stack_unaligned, BH_EINVAL, "stack_size 0x2100 is not a multiple", 0 },
	{ "stack 0xfffff000", stack_huge, BH_EINVAL, "too small for its stack (0xfffff000)", 0 },
	{ "entry in image", entry_ok, 0, "", 0 },
	{ "entry in stack", entry_in_stack, BH_EINVAL, "entry 0x400ff000 is outside its image area 0x40000000..0x400fcfff", 0 },
	{ "io up to 0xffff", io_last_port, 0, "", 0 },
	{ "io 0x3f0..0x3f7", io_next_to_com1, 0, "", 0 },
	{ "io 0x3f7..0x3f8", io_touch_com1, BH_EPERM, "io[1] ports 0x3f7..0x3f8 overlap COM1", 0 },
	{ "io unused entry", io_unused_entry, 0, "", 0 },
	{ "io debug-exit", io_debug_exit, BH_EPERM, "the QEMU debug-exit device at 0xf4..0xf7", 0 },
	{ "io port 0x61", io_port_61, BH_EPERM, "port 0x61", 0 },
	{ "io kernel port even if deliberate", io_kernel_deliberate, BH_EPERM, "overlap the PIT at 0x40..0x43, which the kernel owns", 0 },
	{ "io port 0xe9", io_e9, BH_EPERM, "the emulator debug port 0xe9", 0 },
	{ "io reset port", io_reset_port, BH_EPERM, "io[1] ports 0x92..0x92 overlap system control port A "
	  "(fast reset, A20) at 0x92..0x92, which reaches the whole machine: grant it only "
	  "deliberately, with .flags = BH_IO_F_DELIBERATE in io[1]", 0 },
	{ "io reset port, deliberate", io_reset_deliberate, 0, "", 0 },
	{ "io PCI data port 0xcff", io_pci_last, BH_EPERM, "PCI configuration space", 0 },
	{ "io 0xd00 after PCI", io_pci_after, 0, "", 0 },
	{ "io POST port 0x80", io_post_port, 0, "", 0 },
	{ "io 0x80..0x81", io_dma_page, BH_EPERM, "the DMA page registers at 0x81..0x8f", 0 },
	{ "io DMA 2, deliberate", io_dma2_deliberate, 0, "", 0 },
	{ "io unknown flag", io_unknown_flag, BH_EINVAL, "io[1] flags 0x2 has unknown bits 0x2", 0 },
	{ "io flag on unused entry", io_flag_no_count, BH_EINVAL, "io[1] has flags 0x1 but count 0", 0 },
	{ "io overlap with a later partition", io_cross_later, BH_EINVAL,
	  "partition 2 (\"io\") io[2] ports 0x310..0x31f overlap partition 0 (\"rtos\") io[3] ports 0x31f..0x320", 0 },
	{ "irq 2", irq_cascade, BH_EPERM, "IRQ line 2, which belongs to the kernel (the PIC cascade)", 0 },
	{ "irq 15", irq_line15, 0, "", 0 },
	{ "irq 8 (RTC, unused by the kernel)", irq_rtc, 0, "", 0 },
	{ "irq shared", irq_shared, BH_EINVAL, "partition 2 (\"io\") irq_lines grants IRQ line 11, "
	  "already granted to partition 1 (\"monitor\"): a hardware line can be granted to one "
	  "partition only", 0 },
	{ "ignore overflow", hm_ignore_ovf, BH_EINVAL, "hm_action[BH_HM_OVERFLOW] is "
	  "BH_HM_ACT_IGNORE: ignoring a fault would re-execute it forever; only traps may "
	  "be ignored: BH_HM_DEBUG_TRAP, BH_HM_APPLICATION_ERROR", 0 },
	{ "ignore upcall fault", hm_ignore_upcall, BH_EINVAL, "hm_action[BH_HM_UPCALL_FAULT] is BH_HM_ACT_IGNORE", 0 },
	{ "hm warm restart", hm_warm, 0, "", 0 },
	{ "hm deliver a fault", hm_deliver, 0, "", 0 },
	{ "hm deliver a trap", hm_deliver_trap, 0, "", 0 },
	{ "hm action past deliver", hm_past_deliver, BH_EINVAL, "hm_action[BH_HM_PAGE_FAULT] "
	  "is 5: use BH_HM_ACT_HALT, BH_HM_ACT_RESTART, BH_HM_ACT_WARM_RESTART, "
	  "BH_HM_ACT_IGNORE or BH_HM_ACT_DELIVER", 0 },
	{ "hm escalate warm", hm_escalate_warm, 0, "", 0 },
	{ "hm escalate ignore", hm_escalate_ignore, BH_EINVAL, "partition 1 (\"monitor\") "
	  "hm_escalate is 2: use BH_HM_ACT_HALT, BH_HM_ACT_RESTART or BH_HM_ACT_WARM_RESTART", 0 },
	{ "hm escalate deliver", hm_escalate_deliver, BH_EINVAL, "hm_escalate is 4", 0 },
	{ "module NMI reset", mod_nmi_reset, 0, "", 0 },
	{ "module broken image log", mod_image_log, 0, "", 0 },
	{ "module self-check reset", mod_self_reset, 0, "", 0 },
	{ "module machine check log", mod_mc_log, BH_EINVAL, "module_action[BH_MOD_MACHINE_CHECK] "
	  "is BH_MODULE_ACT_LOG: carrying on after it is not safe", 0 },
	{ "module refused config log", mod_config_log, BH_EINVAL,
	  "module_action[BH_MOD_BOOT_CONFIG] is BH_MODULE_ACT_LOG", 0 },
	{ "module self-check log", mod_self_log, BH_EINVAL,
	  "module_action[BH_MOD_SELF_CHECK] is BH_MODULE_ACT_LOG", 0 },
	{ "module action past log", mod_past_log, BH_EINVAL,
	  "module_action[BH_MOD_BOOT_IMAGE] is 4: use BH_MODULE_ACT_DEFAULT", 0 },
	{ "restart_limit 1000", restart_max, 0, "", 0 },
	{ "adjacent windows", window_adjacent, 0, "", 0 },
	{ "window ends at the frame", window_last_us, 0, "", 0 },
	{ "window 1 us past the frame", window_1_past, BH_EINVAL,
	  "plan 1 window 1 (part \"monitor\", offset 3901 us, 2100 us) runs past the major frame of 6000 us", 0 },
	{ "window of two ticks", window_two_ticks, 0, "", 0 },
	{ "window under two ticks", window_under_two_ticks, BH_EINVAL,
	  "plan 1 window 1 (part \"monitor\", offset 3400 us, 1999 us) is shorter than two timer "
	  "ticks (2000 us at tick_hz 1000, one tick is 999847 ns)", 0 },
	{ "window of two ticks at 10 kHz", window_fast_tick, 0, "", 0 },
	{ "window under two ticks at 10 kHz", window_fast_tick_short, BH_EINVAL,
	  "is shorter than two timer ticks (200 us at tick_hz 10000, one tick is 99733 ns)", 0 },
	{ "window under two ticks at the default rate", window_default_tick, BH_EINVAL,
	  "(2000 us at tick_hz 1000,", 0 },
	{ "window under two ticks at 100 Hz", window_slow_tick, BH_EINVAL,
	  "plan 0 window 1 (part \"rtos\", offset 0 us, 20000 us) is shorter than two timer "
	  "ticks (20001 us at tick_hz 100, one tick is 10000151 ns)", 0 },
	{ "major frame under two ticks", frame_under_two_ticks, BH_EINVAL,
	  "plan 1 major_frame_us 20000 is shorter than two timer ticks (20001 us at tick_hz 100", 0 },
	{ "identical windows", window_dup, BH_EINVAL, "plan 1 window 0 (part \"rtos\", offset 0 us, 3000 us) overlaps window 1", 0 },
	{ "window inside another", window_inside, BH_EINVAL, "overlaps window 1 (part \"monitor\", offset 500 us, 2000 us)", 0 },
	{ "unsorted overlap", window_unsorted, BH_EINVAL, "plan 0 window 0 (part \"monitor\", "
	  "offset 6000 us, 2000 us) overlaps window 2 (part \"io\", offset 5000 us, 2000 us)", 0 },
	{ "memory exactly fits, kernel pages included", machine_exact, 0, "", 1 },
	{ "memory one page short", machine_page_over, BH_ENOSPC, "partitions need 2052 KiB of memory "
	  "in total (1980 KiB mem_size + 72 KiB of kernel pages: vCPU page, I/O bitmap, page "
	  "tables), but the machine has only 2048 KiB", 1 },
	{ "memory total beyond 4 GiB", machine_wrap, BH_ENOSPC, "need 5166100 KiB of memory in total (5160960 KiB mem_size + 5140 KiB of kernel pages", 2 },
};

static void test_edit(void **state)
{
	const struct edit *e = *state;
	static const char *const wrap_modules[] = { "p0", "p1", "p2", "p3", "p4" };
	const struct bh_machine wrap_machine = { 0xffffffffu, 5, wrap_modules };
	struct bh_config cfg = bh_config;
	char msg[512];
	int err;

	e->apply(&cfg);
	err = bh_config_validate(&cfg, e->with_machine == 1 ? &good_machine
				 : e->with_machine == 2 ? &wrap_machine : NULL,
				 msg, sizeof(msg));
	check_result(e->what, err, msg, e->code, e->expect);
}

/*
 * IGNORE is accepted for exactly the events the kernel can resume past: on
 * x86 from ring 3 that is #DB alone (#BR, BH_HM_OVERFLOW, is a fault), so
 * the validator and hm.c, which both read BH_HM_TRAPS, agree.
 */
static void test_ignore_only_traps(void **state)
{
	char msg[512];

	for (unsigned e = 0; e < BH_HM_NR_EVENTS; e++) {
		struct bh_config cfg = bh_config;
		int err;

		cfg.partitions[1].hm_action[e] = BH_HM_ACT_IGNORE;
		err = bh_config_validate(&cfg, NULL, msg, sizeof(msg));
		if (e == BH_HM_DEBUG_TRAP || e == BH_HM_APPLICATION_ERROR ? err != 0
		    : err != -BH_EINVAL)
			fail_with("IGNORE for event %u: got %d (\"%s\")", e, err, msg);
	}
}

static int run_all(void)
{
	enum { NF = BH_ARRAY_SIZE(fixtures), NE = BH_ARRAY_SIZE(edits) };
	static char no_machine[NF][160];
	struct CMUnitTest tests[4 + 2 * NF + NE];
	size_t n = 0;

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_good_config);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_null_and_short_buffers);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_module_matches);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_ignore_only_traps);
	for (size_t i = 0; i < NF; i++) {
		tests[n++] = (struct CMUnitTest){ fixtures[i].file, test_fixture,
						  NULL, NULL, (void *)&fixtures[i] };
		if (!*fixtures[i].machine)
			continue;
		snprintf(no_machine[i], sizeof(no_machine[i]), "%s without its machine",
			 fixtures[i].file);
		tests[n++] = (struct CMUnitTest){ no_machine[i], test_fixture_needs_machine,
						  NULL, NULL, (void *)&fixtures[i] };
	}
	for (size_t i = 0; i < NE; i++)
		tests[n++] = (struct CMUnitTest){ edits[i].what, test_edit, NULL, NULL,
						  (void *)&edits[i] };
	return _cmocka_run_group_tests("config", tests, n, NULL, NULL);
}

int main(void)
{
	if (BH_ARRAY_SIZE(fixtures) < 20) {
		fprintf(stderr, "only %zu fixtures in configs/invalid/\n",
			BH_ARRAY_SIZE(fixtures));
		return 1;
	}
	return run_all();
}
