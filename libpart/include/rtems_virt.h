/*
 * The RTEMS virtualization layer on bulkhead (libpart/rtems_layer.c): the
 * functions RTEMS calls when built with the virtualpok BSP and the i386
 * "virtual" libcpu (the 2013-2014 port to POK), and upstream RTEMS's
 * RTEMS_PARAVIRT i386 hooks -- with their names, signatures and the
 * meaning that code gives them.  docs/guest-guide.md ("The RTEMS
 * virtualization layer") records each function's contract and where
 * bulkhead departs from the reference.
 *
 * Two level conventions, as in RTEMS:
 *  - the virtualpok libcpu: _CPU_Virtual_Interrupts_disable(level) is void
 *    and its macro never writes level, so the layer itself remembers, on a
 *    stack, the level each disable found; _enable pops and restores it;
 *  - upstream RTEMS_PARAVIRT: i386_disable_interrupts() returns the saved
 *    level as EFLAGS would hold it -- 0x200 (IF) if interrupts were
 *    enabled, 0 if not -- and every restore tests level & 0x200, as
 *    _CPU_ISR_Is_enabled does; i386_get_interrupt_level() and
 *    i386_set_interrupt_level() use RTEMS's ISR level (0 on, 1 off).
 *
 * Vectors are the BSP's 0..15: vector 0 is the clock (bulkhead's virtual
 * timer, line 16), 1..15 the hardware lines of the same number (granted in
 * the configuration).  C_dispatch_isr never sees a vector above 15.
 */
#ifndef RTEMS_VIRT_H
#define RTEMS_VIRT_H

#include <stdint.h>

#define RTEMS_VIRT_NO_CHAR  ((char)-1)
#define RTEMS_VIRT_DEFAULT_TICK_US  10000u
#define RTEMS_VIRT_CLOCK_VECTOR     0        /* the BSP's CLOCK_VECTOR */
#define RTEMS_VIRT_VECTORS          16
#define RTEMS_VIRT_EFLAGS_IF        0x200u   /* EFLAGS_INTR_ENABLE */

/* ------------------------------------------- virtualpok libcpu (CPU) -- */

int _CPU_Virtual_Irq_request(int vector);   /* 0 or negative BH_E* */
void _CPU_Virtual_Irq_detach(int vector);
/* Restore the level the matching disable found (level is not read then). */
void _CPU_Virtual_Interrupts_enable(int level);
/* Disable; the level found is remembered by the layer, nothing returned. */
void _CPU_Virtual_Interrupts_disable(int level);
/* enable then disable: pending interrupts come in if the level was on. */
void _CPU_Virtual_Interrupts_flash(int level);
void _CPU_Virtual_Interrupts_open(void);           /* enable, forget nesting */
void _CPU_Virtual_Interrupts_close(void);          /* disable */
int _CPU_Virtual_Interrupts_get_level(int level);  /* 0 enabled, 1 disabled */

/* The libcpu's own macros, as its interrupts.h has them. */
#define RTEMS_VIRT_ISR_DISABLE(level) \
	do { (level) = 0; _CPU_Virtual_Interrupts_disable(level); } while (0)
#define RTEMS_VIRT_ISR_ENABLE(level)  _CPU_Virtual_Interrupts_enable(level)
#define RTEMS_VIRT_ISR_FLASH(level)   _CPU_Virtual_Interrupts_flash(level)

/* Idle and errors: the reference's names and the 2014 capitalised ones. */
void _CPU_Virtual_idle_thread(void);
void _CPU_Virtual_Idle_thread(void);
void _CPU_Virtual_exec_stop_error(int error) __attribute__((noreturn));
void _CPU_Virtual_Stop_with_error(int error) __attribute__((noreturn));

/* ----------------------------------------------- virtualpok BSP part -- */

int _BSP_Virtual_Console_init(void);     /* 0; sets up the UART if one is set */
/* Blocks until a byte arrives (RTEMS_VIRT_NO_CHAR at once if no UART). */
char _BSP_Virtual_Char_read(void);
/* A string in read-only data (a literal) is written whole; any other
 * pointer (outbyte's &ch) writes the one character *c.  '\r' dropped. */
void _BSP_Virtual_Char_write(char *c);
int _BSP_Virtual_Clock_init(void);       /* = _CPU_Virtual_Irq_request(0) */
int _BSP_Virtual_Clock_read(void);       /* ticks since the clock started */
/*
 * Install the layer's fault path: a CPU fault whose hm_action is
 * BH_HM_ACT_DELIVER reaches RTEMS's i386 exception handler,
 * (*_currentExcHandler)(frame), with the frame RTEMS knows (below); the
 * registers and eip it leaves there are what resumes.  Without one, the
 * partition stops (_CPU_Virtual_exec_stop_error).  0 or negative BH_E*.
 */
int _BSP_Virtual_faulthandler(void);
#define RTEMS_VIRT_FAULT_LINE 31           /* the line the kernel delivers on */

/* RTEMS i386's CPU_Exception_frame, field for field. */
struct rtems_virt_exception_frame {
	uint32_t edi, esi, ebp, esp0, ebx, edx, ecx, eax;
	uint32_t idtIndex;       /* the CPU vector */
	uint32_t faultCode;      /* the CPU's error code */
	uint32_t eip, cs, eflags;
};
typedef void (*rtems_virt_exc_handler)(struct rtems_virt_exception_frame *frame);
extern rtems_virt_exc_handler _currentExcHandler __attribute__((weak));
int _BSP_Virtual_getworkspacearea(void); /* free memory start, 0 if none */
uint32_t _BSP_Virtual_getworkspacesize(void);

/* The RTOS's interrupt dispatcher, called once per delivered vector. */
void C_dispatch_isr(int vector);

/* The BSP's tick length, if it links one (virtualpok's clock driver sets
 * it before requesting vector 0); the layer reads it then. */
extern volatile uint32_t pc386_microseconds_per_isr __attribute__((weak));

/* ------------------------------------- upstream RTEMS_PARAVIRT (i386) -- */

uint32_t i386_disable_interrupts(void);          /* -> 0x200 or 0 */
void i386_enable_interrupts(uint32_t level);     /* on iff level & 0x200 */
void i386_flash_interrupts(uint32_t level);
void i386_set_interrupt_level(uint32_t new_level);   /* 0 on, else off */
uint32_t i386_get_interrupt_level(void);             /* 0 on, 1 off */

/* ---------------------------------------------------- bulkhead additions -- */

/* Tick length when the BSP links no pc386_microseconds_per_isr; 0 = default. */
void rtems_virt_set_tick_us(uint32_t us);
uint32_t rtems_virt_tick_us(void);
/* Clock expiries coalesced into the delivery being handled (call from the
 * clock ISR: announce 1 + this many ticks). */
uint32_t rtems_virt_clock_ticks_missed(void);
/* The partition's UART for the console (before _BSP_Virtual_Console_init). */
void rtems_virt_set_uart(uint16_t port, unsigned line);
/* The next input byte or -1, never waiting. */
int rtems_virt_char_poll(void);
/* Vectors delivered to the weak default C_dispatch_isr (no RTOS one). */
uint32_t rtems_virt_default_isr_count(void);
/*
 * Thread-local storage: BH_HC_SET_TLS (32) makes base the start of the
 * partition's TLS segment, which the layer then loads into %gs, so
 * %gs:0 reads base.  RTEMS's i386 context switch calls it where the
 * native code rewrites its GDT entry.  0, or -BH_EFAULT for a base
 * outside the partition's memory (%gs is left as it was).
 */
int rtems_virt_set_tls(const void *base);

#endif
