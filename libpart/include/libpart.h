/*
 * libpart: the guest side of bulkhead.
 *
 * A partition links libpart.a and libpart/guest.ld and defines
 *     int main(void);
 * libpart's _start records the partition id, registers the upcall entry
 * (frames pushed on the interrupted stack) and calls main; if main returns,
 * the partition halts itself.  main starts with virtual interrupts
 * disabled, as the kernel starts every partition.
 *
 * Only the public ABI headers (include/bulkhead/) and this library are used;
 * nothing here depends on the kernel's internals.
 */
#ifndef LIBPART_H
#define LIBPART_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/errno.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/layout.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/trace.h>
#include <bhlib.h>          /* bh_snprintf, bh_mem*, bh_str*: shared with the kernel */

#define BH_NORETURN  __attribute__((noreturn))
#define BH_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define BH_BARRIER() __asm__ volatile("" ::: "memory")

/* ------------------------------------------------------------ start-up -- */

int main(void);

/* The partition id the kernel passed in eax at start-up. */
extern uint32_t bh_partition_id;

/* Image bounds from libpart/guest.ld (all page-aligned). */
extern char _image_start[];   /* == BH_PART_BASE */
extern char _image_end[];     /* end of .bss: free memory starts here */

/*
 * The partition's free memory: from the end of the image (page-aligned)
 * to the guard page below the initial stack.  Nothing in libpart uses it;
 * whoever takes it (a heap, an RTOS workspace) owns it.  Returns 0, or a
 * negative BH_E* code if the partition information cannot be read or the
 * image leaves no room.
 */
int bh_free_memory(uintptr_t *start, uint32_t *size);

/* ---------------------------------------------------------- hypercalls -- */
/* Thin wrappers; all return >= 0 on success or a negated BH_E* code. */

uint32_t bh_abi_version(void);
int bh_self(struct bh_part_info *out);              /* -> partition id */
int bh_console_write(const char *buf, size_t len);  /* raw, unbuffered */
int bh_yield(void);                 /* give up the rest of this window */
int bh_set_mode(uint32_t mode);     /* BH_MODE_*; IDLE/restarts do not return */
BH_NORETURN void bh_halt(void);     /* flushes the console, halts self */
int bh_shutdown(int status);        /* system partitions; returns only on error */
int bh_plan_switch(uint32_t plan);  /* system partitions */
int bh_hm_read(struct bh_hm_entry *buf, uint32_t max, uint32_t first_seq);
int bh_part_restart(uint32_t id);   /* self, or any if system */
/* System partitions: another partition to BH_MODE_IDLE (stopped),
 * COLD_START or WARM_START ((re)started); its status (self: any). */
int bh_part_control(uint32_t id, uint32_t mode);
int bh_part_status(uint32_t id, struct bh_part_status *out);
/* ARINC RAISE_APPLICATION_ERROR: message printed, code logged, then the
 * partition's hm_action[BH_HM_APPLICATION_ERROR] (0 back if IGNORE). */
int bh_raise_app_error(uint32_t code, const char *msg, uint32_t len);
int bh_irq_attach(unsigned line);   /* low level: prefer bh_virq_register */
/* ------------------------------------------------------ error handler -- */
/*
 * The partition's error handler (BH_HM_ACT_DELIVER; the contract is in
 * bulkhead/vcpu.h, struct bh_error_status, and docs/abi.md).  fn runs in
 * the error's upcall, virtual interrupts disabled, with a copy of the
 * error status and the frame of the context the error left (eip: the
 * faulting instruction, or after a trap the next one).  For a fault it
 * must not leave the frame as it came: move frame->eip past the
 * instruction, or to code that ends the failed process (the kernel
 * escalates a fault resumed unchanged).  Returning BH_HM_HANDLED
 * acknowledges the error at once; BH_HM_KEEP leaves it unacknowledged,
 * for bh_hm_ack later (an error process of a guest RTOS) — meanwhile any
 * further error is escalated by the kernel, not delivered.
 */
#define BH_HM_HANDLED 0
#define BH_HM_KEEP    1
typedef int (*bh_error_handler_t)(const struct bh_error_status *st,
				  struct bh_upcall_frame *frame, void *arg);
/* Register fn on line (BH_VIRQ_PORT_FIRST..BH_NR_VLINES-1, used for
 * nothing else): attaches the line and tells the kernel. */
int bh_hm_set_handler(unsigned line, bh_error_handler_t fn, void *arg);
int bh_hm_clear_handler(void);
/* ARINC GET_ERROR_STATUS: the last delivered error, copied; 0 if it is
 * still unacknowledged, -BH_ENOENT if there is none pending (out still
 * gets the last one, seq 0 if there never was one). */
int bh_hm_get_error_status(struct bh_error_status *out);
int bh_hm_ack(uint32_t seq);        /* the error seq is handled */
/* The guest's current process, copied into the status at an error. */
static inline void bh_hm_set_process(uint32_t id)
{
	bh_hm_shared->process_hint = id;
}
int bh_irq_detach(unsigned line);
int bh_irq_unmask(unsigned line);   /* hardware line serviced: unmask at PIC */
int bh_virq_sync(void);             /* let pending upcalls in now */

/* ---------------------------------------------------------------- time -- */

/*
 * The current value of a clock (BH_CLOCK_WALL: ns since boot; BH_CLOCK_EXEC:
 * ns this partition has run).  Returns 0 if the call fails (only possible
 * for an invalid clock number): neither clock reads 0 once a partition runs.
 */
uint64_t bh_time(unsigned clock);
static inline uint64_t bh_now_ns(void)  { return bh_time(BH_CLOCK_WALL); }
static inline uint64_t bh_exec_ns(void) { return bh_time(BH_CLOCK_EXEC); }

/*
 * Arm the partition's virtual timer: first expiry at the ABSOLUTE time
 * first_ns on that clock, then every period_ns (0 = one-shot).  It raises
 * BH_VIRQ_TIMER, which must be registered (bh_virq_register) to be seen.
 * first_ns == 0 disarms.
 */
int bh_timer_set(unsigned clock, uint64_t first_ns, uint64_t period_ns);
int bh_timer_cancel(unsigned clock);
/* Convenience: first expiry period_ns from now on the wall clock. */
int bh_timer_periodic(uint64_t period_ns);

/* ------------------------------------------------------------- console -- */

/*
 * Buffered console: output is collected per line and written with one
 * BH_HC_CONSOLE_WRITE at each '\n' (or when the line buffer is full, or on
 * bh_console_flush).  The kernel prefixes each line with the partition name.
 * Safe to call from upcall handlers: the buffer is updated with virtual
 * interrupts disabled.
 * Formats: bhlib's (bhlib.h): %d %i %u %x %X %p %s %c %% with flags '-'
 * '0', a width, a precision for %s (also .*), and the length modifiers l
 * and ll.
 */
void bh_putc(char c);
void bh_puts(const char *s);        /* s, then '\n' (like puts) */
void bh_console_put(const char *s, size_t len);
void bh_console_flush(void);
int bh_printf(const char *fmt, ...) BH_PRINTF(1, 2);
int bh_vprintf(const char *fmt, va_list ap);
/* bh_snprintf and bh_vsnprintf come from bhlib.h (the same formatter). */

/* Print "FATAL: <message>" and halt the partition. */
BH_NORETURN void bh_panic(const char *fmt, ...) BH_PRINTF(1, 2);

/* ------------------------------------------------- virtual interrupts -- */
/*
 * The level is 0 when virtual interrupts are enabled and 1 when disabled
 * (the value of bh_vcpu->irq_masked).  Disabling is one store to the shared
 * vCPU page; enabling is a store plus a re-check of upcall_pending, with a
 * hypercall only if something arrived while disabled (closing the race
 * between "enable" and "check pending").  An interrupt arriving after the
 * store is delivered by the kernel on its own way back to the guest.
 * A disable/restore pair is 9 instructions, no trap, when nothing is pending.
 * Uniprocessor: the kernel runs on the same CPU, so program order suffices
 * and no fence is needed; the barriers only stop the compiler moving memory
 * accesses across the flag writes.
 */

static inline unsigned bh_virq_level(void)
{
	return bh_vcpu->irq_masked != 0;
}

/* Disable; returns the previous level for bh_virq_restore. */
static inline unsigned bh_virq_disable(void)
{
	unsigned prev = bh_vcpu->irq_masked;

	BH_BARRIER();
	bh_vcpu->irq_masked = 1;
	BH_BARRIER();
	return prev != 0;
}

static inline void bh_virq_enable(void)
{
	BH_BARRIER();
	bh_vcpu->irq_masked = 0;
	BH_BARRIER();
	if (__builtin_expect(bh_vcpu->upcall_pending != 0, 0))
		bh_hc0(BH_HC_VIRQ_SYNC);
}

/* Restore exactly the level a bh_virq_disable returned. */
static inline void bh_virq_restore(unsigned level)
{
	if (level) {
		BH_BARRIER();
		bh_vcpu->irq_masked = 1;
		BH_BARRIER();
	} else {
		bh_virq_enable();
	}
}

/* Let pending interrupts in, then disable again (from a disabled state). */
static inline void bh_virq_flash(void)
{
	bh_virq_enable();
	BH_BARRIER();
	bh_vcpu->irq_masked = 1;
	BH_BARRIER();
}

/*
 * Handlers.  A handler runs in the upcall, on the interrupted stack (or a
 * nested handler's), with virtual interrupts disabled; it must not use the
 * FPU/SSE registers (they are not saved for it).  A hardware-line handler
 * calls bh_irq_unmask(line) once its device is serviced.
 */
typedef void (*bh_virq_handler_t)(unsigned line, void *arg);

/* Install fn for line (0..BH_NR_VLINES-1) and attach the line. */
int bh_virq_register(unsigned line, bh_virq_handler_t fn, void *arg);
/* Detach the line and remove its handler. */
int bh_virq_unregister(unsigned line);
/* Occurrences the kernel has raised on a line since start (wraps). */
static inline uint32_t bh_virq_raised(unsigned line)
{
	return line < BH_NR_VLINES ? bh_vcpu->raised[line] : 0;
}
/* Upcalls for lines with no handler (kept for tests and diagnosis). */
extern volatile uint32_t bh_virq_spurious;

/*
 * Exit hook, for an RTOS that preempts tasks on interrupts.  Called at the
 * end of every upcall, after the line's handler, with virtual interrupts
 * disabled and the frame of the interrupted context (which lies on the
 * interrupted stack, just below frame->esp).  It returns the frame to
 * resume: the same one, or another context's saved frame (a task switch:
 * keep the old frame pointer as that task's saved context).  Resuming a
 * frame restores its virtual interrupt state from its eflags.IF bit.
 * NULL (the default) resumes the interrupted context.
 */
typedef struct bh_upcall_frame *(*bh_virq_exit_hook_t)(struct bh_upcall_frame *frame);
void bh_virq_set_exit_hook(bh_virq_exit_hook_t hook);

/*
 * Upcall stack: by default (0) upcall frames are pushed on the interrupted
 * stack, which is what a preemptive RTOS needs.  A native partition may
 * give a separate stack for upcalls that interrupt non-upcall code.
 */
int bh_virq_set_upcall_stack(void *top);

/* ------------------------------------------------------------- frames -- */
/*
 * Contexts as struct bh_upcall_frame, for switching outside an upcall (a
 * task that blocks voluntarily).  With these, every suspended context can be
 * one frame pointer whichever way it was suspended.
 */

/*
 * Resume a frame in ring 3 without a hypercall (unless interrupts pending
 * for the resumed level must be let in first).  Restores all general
 * registers, eip, esp, the arithmetic flags and DF, and the virtual
 * interrupt level from eflags.IF.  The frame may lie anywhere in the
 * partition's memory; the 40 bytes below frame->esp are overwritten.
 */
BH_NORETURN void bh_frame_resume(const struct bh_upcall_frame *frame);

/*
 * Save the current context as a frame on the current stack, store its
 * address in *save, and resume next.  Returns when some context resumes
 * the saved frame; the saved virtual level is the current one (normally
 * disabled, as a scheduler runs).  Only the callee-saved registers are
 * preserved, as for any function call.
 */
void bh_frame_switch(struct bh_upcall_frame **save,
		     const struct bh_upcall_frame *next);

/*
 * Build the first frame of a new context at the top of a stack: resuming it
 * calls entry(arg) with virtual interrupts enabled iff irq_enabled.  If
 * entry returns, the partition panics.  Returns the frame (inside the
 * stack, just below stack_top).
 */
struct bh_upcall_frame *bh_frame_build(void *stack_top, void (*entry)(void *),
				       void *arg, int irq_enabled);

/* ------------------------------------------------------------- strings -- */
/* Standard names (the compiler may emit calls to these itself) for
 * bhlib's bh_mem* and bh_str*. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* ------------------------------------------------------------ port I/O -- */
/* Ports must be granted to the partition; others fault (health monitor). */
static inline void bh_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t bh_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* --------------------------------------------------------------- ports -- */
/*
 * ARINC 653 ports (include/bulkhead/hypercall.h, docs/abi.md).  Port ids
 * come from bh_port_open by the configured name; the calls never block:
 * bh_queuing_send returns -BH_ENOSPC when the queue is full and
 * bh_queuing_receive -BH_EAGAIN when it is empty.  A read or receive
 * buffer holds the port's max_msg_size bytes.  To wait without polling,
 * bh_port_notify binds a port to a line BH_VIRQ_PORT_FIRST..31, registered
 * like any other (bh_virq_register).
 */
int bh_port_open(const char *name, uint32_t kind);          /* -> port id */
/* The message calls are inline: one trap each, nothing around it. */
static inline int bh_sampling_write(int port, const void *msg, uint32_t len)
{
	return bh_hc3(BH_HC_SAMPLING_WRITE, (uint32_t)port, (uint32_t)(uintptr_t)msg, len);
}
static inline int bh_sampling_read(int port, void *buf, uint32_t buf_len,
				   struct bh_sampling_result *out)   /* -> length */
{
	return bh_hc5(BH_HC_SAMPLING_READ, (uint32_t)port, (uint32_t)(uintptr_t)buf, buf_len,
		      (uint32_t)(uintptr_t)out, 0);
}
static inline int bh_queuing_send(int port, const void *msg, uint32_t len)
{
	return bh_hc3(BH_HC_QUEUING_SEND, (uint32_t)port, (uint32_t)(uintptr_t)msg, len);
}
static inline int bh_queuing_receive(int port, void *buf, uint32_t buf_len)
{
	return bh_hc3(BH_HC_QUEUING_RECEIVE, (uint32_t)port, (uint32_t)(uintptr_t)buf, buf_len);
}   /* -> length */
int bh_port_status(int port, struct bh_port_status *out);
int bh_port_clear(int port);
int bh_port_notify(int port, unsigned line);                /* line 0 unbinds */

/*
 * Memory areas: the configured area is mapped at its .va in each of its
 * users, read-only or read-write as configured (a write to a read-only
 * area is a page fault for the health monitor).
 */

/*
 * The kernel trace (system partitions; bulkhead/trace.h): take up to max
 * events off the ring, oldest first (info, if not NULL, says what is left
 * and how many were dropped); choose the classes recorded from now on.
 */
static inline int bh_trace_read(struct bh_trace_event *buf, uint32_t max,
				struct bh_trace_info *info)   /* -> events */
{
	return bh_hc5(BH_HC_TRACE, BH_TRACE_OP_READ, (uint32_t)(uintptr_t)buf, max,
		      (uint32_t)(uintptr_t)info, 0);
}
static inline int bh_trace_classes(uint32_t classes)  /* -> the classes before */
{
	return bh_hc2(BH_HC_TRACE, BH_TRACE_OP_CLASSES, classes);
}

#endif
