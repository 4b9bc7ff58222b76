/*
 * A fake architecture for host unit tests of the portable core: the same
 * hooks core/arch.h lists, over plain structures the tests inspect
 * (tests/unit/fake_arch.c has the out-of-line ones).
 */
#ifndef ARCH_HOOKS_H
#define ARCH_HOOKS_H

#include <stdint.h>
#include <bulkhead/vcpu.h>

/* The host's calling convention is the only one. */
#define ARCH_REGCALL

/* The hypercall arguments, in ABI order. */
struct hc_args {
	uint32_t a0, a1, a2, a3, a4;
};

/* An entry's saved state: just what the hooks below use. */
struct trap_frame {
	struct hc_args args;
	uint32_t ret;              /* the value the entry returns to the guest */
	uint32_t sp, pc;
	int virq_on;               /* what the last fake iret found */
	uint32_t vector, error;
};

struct part_arch {
	uint32_t kesp;             /* unused by the fake */
	uint32_t kstack_top;
	uint32_t entry, sp, arg;   /* the last cold start */
	unsigned resets, restarts;
	int fpu_fresh;
};

/* Every switch the scheduler asked for, in order (fake_arch.c). */
struct fake_switch {
	struct part_arch *prev, *next;
};
#define FAKE_MAX_SWITCHES 64
extern struct fake_switch fake_switches[FAKE_MAX_SWITCHES];
extern unsigned fake_n_switches;

uint64_t arch_cycles(void);
void arch_timer_arm(uint32_t delta_ns);   /* records it (fake_arch.c) */
static inline uint64_t arch_cycles_now(void)
{
	return arch_cycles();
}

static inline uint64_t arch_cycles_since(const uint64_t *then)
{
	return arch_cycles() - *then;
}

static inline void sched_arch_switch(struct part_arch *prev, struct part_arch *next)
{
	if (fake_n_switches < FAKE_MAX_SWITCHES)
		fake_switches[fake_n_switches] = (struct fake_switch){ prev, next };
	fake_n_switches++;
}

/* One CPU running: the same record. */
static inline void sched_arch_switch_one(struct part_arch *prev, struct part_arch *next)
{
	sched_arch_switch(prev, next);
}

static inline uint32_t vcpu_arch_user_sp(const struct trap_frame *tf)
{
	return tf->sp;
}

static inline void vcpu_arch_upcall(struct trap_frame *tf, struct bh_upcall_frame *f,
				    uint32_t at, uint32_t entry, unsigned line)
{
	f->eip = tf->pc;
	f->esp = tf->sp;
	f->eax = tf->ret;
	f->ebx = tf->args.a0;
	f->line = line;
	f->eflags = 0x200;         /* the virtual IF was on */
	tf->sp = at;
	tf->pc = entry;
	tf->ret = line;
}

static inline int32_t vcpu_arch_iret(struct trap_frame *tf, const struct bh_upcall_frame *f,
				     int *virq_on)
{
	tf->pc = f->eip;
	tf->sp = f->esp;
	tf->args.a0 = f->ebx;
	*virq_on = tf->virq_on = (f->eflags & 0x200) != 0;
	return (int32_t)f->eax;
}

static inline struct hc_args *hc_arch_args(struct trap_frame *tf)
{
	return &tf->args;
}

static inline struct trap_frame *hc_arch_frame(struct hc_args *a)
{
	return (struct trap_frame *)((char *)a - __builtin_offsetof(struct trap_frame, args));
}

static inline enum irq_eoi irq_arch_eoi_for(unsigned line, int *spurious)
{
	extern enum irq_eoi fake_eoi_for(unsigned line, int *spurious);

	return fake_eoi_for(line, spurious);
}

void arch_irq_mask(unsigned line);
void arch_irq_eoi(enum irq_eoi how);

static inline void irq_arch_mask_eoi(unsigned line, enum irq_eoi eoi)
{
	arch_irq_mask(line);
	arch_irq_eoi(eoi);
}

/* Idle: a test gets control back here (fake_arch.c). */
void arch_idle(void);
/* The running CPU: 0 unless a test plays another (weak: one variable for
 * every unit binary, whether or not it links fake_arch.c). */
__attribute__((weak)) unsigned fake_cpu;
static inline unsigned arch_cpu_id(void) { return fake_cpu; }
static inline int arch_smp(void) { return fake_cpu != 0; }
/* A spin wait: the test's fake_relax, if it set one (it plays the other
 * CPU that holds the lock; weak as fake_cpu). */
__attribute__((weak)) void (*fake_relax)(void);
static inline void arch_cpu_relax(void)
{
	if (fake_relax)
		fake_relax();
}
static inline int arch_cpu_alone(void) { return 0; }
static inline void arch_irq_enable(void) {}
static inline void arch_irq_disable(void) {}

static inline void arch_copy(void *dst, const void *src, uint32_t n)
{
	__builtin_memcpy(dst, src, n);
}

#endif
