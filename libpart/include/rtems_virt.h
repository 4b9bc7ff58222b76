/*
 * The RTEMS virtualization layer on bulkhead (libpart/rtems_layer.c).
 *
 * The functions the RTEMS "virtualpok" BSP expects from its hypervisor's
 * guest library, with the semantics the original left undefined or wrong:
 *
 * Levels.  A level is 0 (virtual interrupts enabled) or 1 (disabled) --
 * saved, never counted.  _disable returns the previous level; _enable(level)
 * restores exactly that level, so nested sections unwind correctly.  The
 * int argument of _disable and _get_level is ignored (kept for source
 * compatibility with the BSP); use the macros below:
 *     RTEMS_VIRT_ISR_DISABLE(level); ... RTEMS_VIRT_ISR_ENABLE(level);
 * None of them traps unless an interrupt is pending on enable.
 *
 * Vectors are bulkhead virtual lines: 0..15 the hardware (8259) lines
 * granted to the partition, 16 BH_VIRQ_TIMER, 17 BH_VIRQ_WINDOW.  Every
 * delivered line is passed to C_dispatch_isr(line), the RTOS's dispatcher;
 * a weak default that counts and ignores it exists if the RTOS has none.
 * For a hardware line the layer calls bh_irq_unmask(line) after
 * C_dispatch_isr returns (the device has been serviced by then).
 *
 * Console.  Writes go to the buffered libpart console (one hypercall per
 * line).  Reads come from the input ring of the partition's 16550 UART
 * (uart16550.h), filled by its RX interrupt; _BSP_Virtual_Char_read never
 * blocks and returns RTEMS_VIRT_NO_CHAR (-1) when the ring is empty, or
 * when no UART is configured.
 *
 * Clock.  _BSP_Virtual_Clock_init arms a periodic virtual timer on the wall
 * clock (rtems_virt_set_tick_us, default 10000 us) and requests its line
 * (BH_VIRQ_TIMER) so each expiry reaches C_dispatch_isr(BH_VIRQ_TIMER).
 * While the partition is outside its window, expiries coalesce into one
 * delivery: rtems_virt_clock_ticks_missed() tells the tick ISR how many
 * extra ticks to announce.  _BSP_Virtual_Clock_read returns ticks since
 * Clock_init, computed from the wall clock (it never loses ticks).
 *
 * Idle.  _CPU_Virtual_Idle_thread gives the rest of the window away (one
 * BH_HC_YIELD, with interrupts enabled) and returns when the partition runs
 * again; the RTOS idle task calls it in a loop.  It never spins.
 */
#ifndef RTEMS_VIRT_H
#define RTEMS_VIRT_H

#include <stdint.h>

#define RTEMS_VIRT_NO_CHAR  ((char)-1)
#define RTEMS_VIRT_DEFAULT_TICK_US  10000u

/* Interrupts */
int _CPU_Virtual_Irq_request(int vector);   /* 0 or negative BH_E* */
void _CPU_Virtual_Irq_detach(int vector);
void _CPU_Virtual_Interrupts_enable(int level);    /* restore level */
int _CPU_Virtual_Interrupts_disable(int level);    /* -> previous level */
void _CPU_Virtual_Interrupts_flash(int level);     /* restore, then disable */
void _CPU_Virtual_Interrupts_open(void);           /* enable */
void _CPU_Virtual_Interrupts_close(void);          /* disable */
int _CPU_Virtual_Interrupts_get_level(int level);  /* -> current level */

#define RTEMS_VIRT_ISR_DISABLE(level) \
	((level) = _CPU_Virtual_Interrupts_disable(0))
#define RTEMS_VIRT_ISR_ENABLE(level)  _CPU_Virtual_Interrupts_enable(level)
#define RTEMS_VIRT_ISR_FLASH(level)   _CPU_Virtual_Interrupts_flash(level)

/* Idle and errors */
void _CPU_Virtual_Idle_thread(void);
void _CPU_Virtual_Stop_with_error(int error) __attribute__((noreturn));

/* Console */
int _BSP_Virtual_Console_init(void);     /* 0; sets up the UART if granted */
char _BSP_Virtual_Char_read(void);       /* next byte or RTEMS_VIRT_NO_CHAR */
void _BSP_Virtual_Char_write(char *c);   /* writes the one character *c; '\r' dropped */

/* Clock */
int _BSP_Virtual_Clock_init(void);       /* 0 or negative BH_E* */
int _BSP_Virtual_Clock_read(void);       /* ticks since Clock_init */

/*
 * Faults: bulkhead handles a partition's CPU faults in its health monitor
 * (the configured action: halt, restart or ignore) and forwards none to the
 * guest, so there is nothing to install.  Returns 0.
 */
int _BSP_Virtual_faulthandler(void);

/*
 * The RTOS workspace: the address of the partition's free memory (between
 * the end of the image and the stack guard page), 0 if there is none.
 * Its size is _BSP_Virtual_getworkspacesize().
 */
int _BSP_Virtual_getworkspacearea(void);
uint32_t _BSP_Virtual_getworkspacesize(void);

/* The RTOS's interrupt dispatcher, called once per delivered line. */
void C_dispatch_isr(int vector);

/* Upstream RTEMS_PARAVIRT contract (levels as above: 0 on, 1 off). */
uint32_t i386_disable_interrupts(void);
void i386_enable_interrupts(uint32_t level);
void i386_flash_interrupts(uint32_t level);
void i386_set_interrupt_level(uint32_t level);
uint32_t i386_get_interrupt_level(void);

/* bulkhead additions */
/* Tick length for _BSP_Virtual_Clock_init (call before it); 0 = default. */
void rtems_virt_set_tick_us(uint32_t us);
uint32_t rtems_virt_tick_us(void);
/*
 * Expiries of the tick timer not delivered separately since the last call
 * (coalesced while the partition was not running).  Call from the tick ISR.
 */
uint32_t rtems_virt_clock_ticks_missed(void);
/*
 * The partition's UART for _BSP_Virtual_Console_init (call before it): its
 * ports and line must be granted.  Without one, reads return no character.
 */
void rtems_virt_set_uart(uint16_t port, unsigned line);
/* Lines delivered to the weak default C_dispatch_isr (no RTOS one). */
uint32_t rtems_virt_default_isr_count(void);

#endif
