/*
 * ======================================================================
 *  The core/arch boundary: what the portable core needs of an
 *  architecture.  kernel/arch/<arch>/ implements every hook below; the
 *  host unit tests link core files against fakes (tests/unit/fake_arch).
 *  Names say the core module that uses a hook: <module>_arch_<verb>, or
 *  arch_<verb> for the machine as a whole.
 *
 *  Hot-path hooks (context switch, upcall frame push, iret restore,
 *  hypercall argument decoding) are static inline in the arch's own
 *  <arch/hooks.h>, with the types core holds without looking inside
 *  (struct part_arch, struct trap_frame, struct hc_args).  This header is
 *  the one place in core that includes an arch header.
 * ======================================================================
 *
 * From <arch/hooks.h> (inline):
 *   struct part_arch    a partition's processor state, held in struct partition
 *   struct trap_frame   an entry's saved registers (core passes it along)
 *   struct hc_args      a hypercall's arguments a0..a4 (decoded by the arch)
 *   sched_arch_switch   address space, entry stack, FPU/SSE, kernel context
 *   vcpu_arch_user_sp   a ring-3 frame's stack pointer
 *   vcpu_arch_upcall    push an upcall frame, enter the guest's entry
 *   vcpu_arch_iret      restore an upcall frame, sanitized
 *   hc_arch_args/frame  a frame's hypercall arguments, and back
 *   irq_arch_eoi_for    the end-of-interrupt a line needs; the spurious rule
 *   arch_idle, arch_irq_enable, arch_irq_disable
 *   arch_cpu_id         the running CPU's number (0: the boot CPU)
 *   arch_copy           copy bytes fast (the port message paths)
 *   arch_cycles_now/since  the time base's counter, and it less a stamp
 *   arch_timer_arm      the one-shot event timer, delta_ns from now
 *   ARCH_REGCALL        the convention of hot calls (arguments in registers)
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include <stdint.h>
#include <bulkhead/config.h>

/* Which end-of-interrupt an interrupt line needs (the arch's rule). */
enum irq_eoi { EOI_NONE, EOI_MASTER, EOI_BOTH };

#include "arch/hooks.h"

struct hm_fault;

/* Boot: the console first, then the processor and the platform (paging
 * of the first ram_end bytes, descriptors, interrupt controller, FPU). */
void arch_console_init(void);
void arch_init(uint32_t ram_end);
/* The other processors: started (at most max_cpus CPUs in all, 0 = every
 * one the machine has), each waiting on its own for work; returns how
 * many CPUs run, the boot CPU included.  arch_cpu_id (<arch/hooks.h>)
 * is the running CPU's number, 0 = the boot CPU. */
unsigned arch_smp_init(unsigned max_cpus);
/* CPUs 1..n-1 call sched_start_cpu (each on its own stack, its timer on). */
void arch_smp_release(unsigned n);
/* An application processor's entry into core once released: its
 * schedule (never returns). */
void kmain_ap(void) __attribute__((noreturn));
/* Each CPU has a one-shot timer of its own (else only the boot CPU may
 * run windows). */
int arch_timer_per_cpu(void);
/* The timer's interrupt entry may call sched_window_end_one itself (x86:
 * ticktraps, with the local APIC's timer and timer_event the timer
 * line's handler); asked once, by sched_start, after both are set. */
int arch_tick_one_pass(void);
/* Interrupt CPU cpu (T_IPI on x86): it then calls kernel_ipi(). */
void arch_cpu_kick(unsigned cpu);
/* Core's side of that interrupt, on the CPU it reached. */
void kernel_ipi(int from_user);
/* Core's, after every tick the general path took (irq_tick). */
void kernel_tick_done(int from_user);
/* Deliver device line's interrupts to CPU cpu (the I/O APIC's; a no-op
 * with the 8259, which has one CPU). */
void arch_irq_route(unsigned line, unsigned cpu);
/* What the boot loader handed kmain (magic, info), into boot_info
 * (core/boot.h); stops the machine if there is no usable memory. */
void boot_arch_parse(uint32_t magic, uint32_t info);

/* Console.  arch_console_putc polls (boot, panic); the rest never wait:
 * tx_room is how many bytes tx may write now (0 while the transmitter is
 * busy), tx_irq enables the transmitter-empty interrupt on line
 * arch_console_irq_line(), and irq_ack clears its cause. */
void arch_console_putc(char c);
unsigned arch_console_tx_room(void);
void arch_console_tx(char c);
void arch_console_tx_irq(int on);
void arch_console_irq_ack(void);
unsigned arch_console_irq_line(void);

/* Interrupt controller (and irq_arch_eoi_for in <arch/hooks.h>: which
 * end-of-interrupt a line needs now, *spurious set when the controller
 * raised it without a request — the rule is the controller's). */
void arch_irq_mask(unsigned line);
void arch_irq_unmask(unsigned line);
int arch_irq_masked(unsigned line);
void arch_irq_eoi(enum irq_eoi how);

/* Time.  arch_cycles is the time base: a free-running counter that runs
 * with interrupts off, at cycles_hz (measured at boot).  The event timer
 * raises the timer line (irq_tick) once, at least delta_ns after
 * arch_timer_arm (one-shot; a delta past the timer's reach fires early),
 * or, periodic, every period_counts of BH_TIMER_INPUT_HZ (arm does
 * nothing).  want: "lapic", "pit", "periodic" or NULL, the best there is. */
struct timer_setup {
	const char *want;          /* in: the command line's timer= */
	uint32_t hz;               /* in: the periodic tick's rate */
	const char *name;          /* out: the timer chosen */
	int oneshot;               /* out: 0 = periodic */
	uint32_t period_counts;    /* out: periodic: its divisor */
	uint64_t cycles_hz;        /* out: the time base's rate, measured */
	uint64_t timer_hz;         /* out: the event timer's input clock */
};
int arch_timer_init(struct timer_setup *t);
/* arch_timer_arm(uint32_t delta_ns): inline in <arch/hooks.h> (every
 * rearm and window switch arms it). */
uint64_t arch_cycles(void);       /* also arch_cycles_now, inline in <arch/hooks.h>,
				   * and arch_cycles_since(&stamp): now less a stamp */
/* An independent clock's seconds (the RTC), to check the tick against. */
unsigned arch_rtc_seconds(void);

/* Partitions: an address space for [phys, phys + size) at BH_PART_BASE
 * (read-only below ro_end, no page at guard_va, the vCPU page, the I/O
 * ports granted), its tables from alloc. */
struct part_space {
	uint32_t phys, size, ro_end, guard_va, vcpu_page;
	const struct bh_io_range *io;     /* BH_MAX_IO_RANGES of them */
	int fpu;                          /* may use the FPU/SSE (BH_PART_F_FPU) */
};
typedef uint32_t (*arch_page_alloc_t)(uint32_t pages);
int part_arch_space(struct part_arch *a, const struct part_space *s,
		    arch_page_alloc_t alloc);
/* Map a memory area, [phys, phys + size), at va (BH_AREA_ALIGN-aligned,
 * in [BH_SHMEM_BASE, BH_SHMEM_END)) in the partition's space, user-
 * accessible, writable or read-only; its page tables come from alloc
 * (PMEM_AREA_KERNEL_PAGES for each user). */
int part_arch_map_area(struct part_arch *a, uint32_t va, uint32_t phys, uint32_t size,
		       int writable, arch_page_alloc_t alloc);
/* A cold start: a user frame entering entry with stack sp and arg in the
 * first argument register, fresh FPU state; unless running (the partition
 * is on that kernel stack now), a kernel context that returns to it. */
void part_arch_reset(struct part_arch *a, uint32_t kstack_top, uint32_t entry,
		     uint32_t sp, uint32_t arg, int running);
/* Thread-local storage of the running partition a: a ring-3 data segment
 * of size bytes from base (the caller checked both lie in the partition's
 * own memory), kept across its switches and dropped by part_arch_reset;
 * returns the selector the partition loads into its TLS register. */
int32_t part_arch_set_tls(struct part_arch *a, uint32_t base, uint32_t size);
/* A kernel context that runs fn, then returns to the user frame at the
 * top of the kernel stack (fn's work builds it). */
void part_arch_restart_context(struct part_arch *a, uint32_t kstack_top,
			       void (*fn)(void));

/* Health monitor: the record of the exception that made the entry tf —
 * its event (the arch knows its vectors), faulting address, eip and error
 * code.  Only a ring-3 trap may map to an event BH_HM_TRAPS calls a trap:
 * the health monitor lets those, and only those, be ignored. */
void hm_arch_fault(const struct trap_frame *tf, struct hm_fault *f);
/* ... and of an event a hypercall raised: the caller's eip (the
 * instruction after the call) and stack pointer, from its entry tf. */
void hm_arch_call_site(const struct trap_frame *tf, struct hm_fault *f);

/* Print the processor state a panic report needs (control registers,
 * stack and frame pointer, a few return addresses). */
void arch_dump_state(void);

/* Stop the machine: status 0 = success.  QEMU and Bochs exit; the last
 * console line says which (kernel/arch/x86/exit.c). */
void arch_system_exit(int status) __attribute__((noreturn));
/* Reset the machine (a reboot; QEMU run with -no-reboot exits, status 0). */
void arch_system_reset(void) __attribute__((noreturn));
/* Before the machine stops: park every other CPU for good (they may have
 * interrupts off or spin on a lock: an NMI on x86), waiting a bounded
 * time for each.  Returns how many did not answer.  The first CPU to call
 * it owns the machine (a second call of its own returns 0 at once); any
 * other CPU calling it then parks itself.  From then on that CPU waits
 * for no lock (arch_cpu_alone, core/lock.h). */
unsigned arch_stop_others(void);

#endif
