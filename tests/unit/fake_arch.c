/*
 * The out-of-line hooks of the fake architecture (fake_arch/include/arch/
 * hooks.h has the inline ones): enough machine for core files to run on
 * the host.  A test regains control from the idle loop and from panic
 * through fake_escape.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arch.h"
#include "core/hm.h"
#include "fake_arch.h"

struct fake_switch fake_switches[FAKE_MAX_SWITCHES];
unsigned fake_n_switches;
jmp_buf *fake_escape;
unsigned fake_idles, fake_panics;
uint16_t fake_irq_mask = 0xffff;
char fake_console[8192];
unsigned fake_console_len;

static void escape(void)
{
	if (fake_escape)
		longjmp(*fake_escape, 1);
}

void arch_idle(void)
{
	fake_idles++;
	escape();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	fake_panics++;
	va_start(ap, fmt);
	vsnprintf(fake_console, sizeof(fake_console), fmt, ap);
	va_end(ap);
	escape();
	abort();
}

void arch_system_exit(int status)
{
	fake_panics++;
	escape();
	abort();
}

int fake_resets;

void arch_system_reset(void)
{
	fake_resets++;
	escape();
	abort();
}

void arch_console_init(void) {}
void arch_init(uint32_t ram_end) {}
unsigned arch_smp_init(unsigned max_cpus) { return 1; }
void arch_smp_release(unsigned n) {}
int arch_timer_per_cpu(void) { return 1; }
int fake_tick_one_pass = 1;
int arch_tick_one_pass(void) { return fake_tick_one_pass; }
void arch_cpu_kick(unsigned cpu) {}
unsigned arch_stop_others(void) { return 0; }
void arch_irq_route(unsigned line, unsigned cpu) {}
void arch_console_putc(char c)
{
	if (fake_console_len < sizeof(fake_console) - 1)
		fake_console[fake_console_len++] = c;
}
unsigned arch_console_tx_room(void) { return 0; }
void arch_console_tx(char c) { arch_console_putc(c); }
void arch_console_tx_irq(int on) {}
void arch_console_irq_ack(void) {}
unsigned arch_console_irq_line(void) { return 4; }

void arch_irq_mask(unsigned line) { fake_irq_mask |= (uint16_t)(1u << line); }
void arch_irq_unmask(unsigned line) { fake_irq_mask &= (uint16_t)~(1u << line); }
int arch_irq_masked(unsigned line) { return (fake_irq_mask >> line) & 1; }
void arch_irq_eoi(enum irq_eoi how) {}
enum irq_eoi fake_eoi_for(unsigned line, int *spurious)
{
	*spurious = 0;
	return line < 8 ? EOI_MASTER : EOI_BOTH;
}

/* A 1 GHz counter a test moves by hand; the one-shot timer records what
 * it was armed for. */
uint64_t fake_cycles;
uint32_t fake_armed_ns, fake_arms;
int arch_timer_init(struct timer_setup *t)
{
	t->cycles_hz = 1000000000u;
	t->timer_hz = 1000000000u;
	t->oneshot = 1;
	t->name = "fake";
	return 0;
}
void arch_timer_arm(uint32_t delta_ns) { fake_armed_ns = delta_ns; fake_arms++; }
uint64_t arch_cycles(void) { return fake_cycles; }
unsigned arch_rtc_seconds(void) { return 0; }

int part_arch_space(struct part_arch *a, const struct part_space *s,
		    arch_page_alloc_t alloc)
{
	return 0;
}

int part_arch_map_area(struct part_arch *a, uint32_t va, uint32_t phys, uint32_t size,
		       int writable, arch_page_alloc_t alloc)
{
	return 0;
}

void part_arch_reset(struct part_arch *a, uint32_t kstack_top, uint32_t entry,
		     uint32_t sp, uint32_t arg, int running)
{
	a->kstack_top = kstack_top;
	a->entry = entry;
	a->sp = sp;
	a->arg = arg;
	a->fpu_fresh = 1;
	a->resets++;
}

void part_arch_restart_context(struct part_arch *a, uint32_t kstack_top,
			       void (*fn)(void))
{
	a->restarts++;
}

/* A selector-like value: the core only hands it back to the partition. */
int32_t part_arch_set_tls(struct part_arch *a, uint32_t base, uint32_t size)
{
	return 0x43;
}

/* Every fake exception is a general-protection fault (never ignorable). */
void hm_arch_fault(const struct trap_frame *tf, struct hm_fault *f)
{
	f->ev = BH_HM_GENERAL_PROTECTION;
	f->vector = tf->vector;
	f->eip = tf->pc;
	f->addr = 0;
	f->error = tf->error;
	f->esp = tf->sp;
	f->tf = 0;
	f->msg = 0;
	f->msg_len = 0;
}

void hm_arch_call_site(const struct trap_frame *tf, struct hm_fault *f)
{
	f->eip = tf->pc;
	f->esp = tf->sp;
}

void arch_dump_state(void) {}
