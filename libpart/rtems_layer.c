/*
 * The RTEMS virtualization layer (rtems_virt.h) on libpart: interrupt
 * levels, interrupt lines, idle, fatal stop, console, clock, workspace.
 */
#include "libpart.h"
#include "rtems_virt.h"
#include "uart16550.h"

#define UART_BAUD 115200u

/* ---------------------------------------------------------- interrupts -- */

static volatile uint32_t default_isr_count;

/* Used only when the RTOS links no C_dispatch_isr of its own. */
__attribute__((weak)) void C_dispatch_isr(int vector)
{
	default_isr_count++;
}

uint32_t rtems_virt_default_isr_count(void)
{
	return default_isr_count;
}

/*
 * Every requested line comes here.  BSP drivers written for the original
 * layer do not know that bulkhead masks a hardware line when it fires, so
 * the layer unmasks it once the RTOS has serviced the device.
 */
static void layer_isr(unsigned line, void *arg)
{
	C_dispatch_isr((int)line);
	if (line < BH_NR_HW_LINES)
		bh_irq_unmask(line);
}

int _CPU_Virtual_Irq_request(int vector)
{
	if (vector < 0 || vector >= BH_NR_VLINES)
		return -BH_EINVAL;
	return bh_virq_register((unsigned)vector, layer_isr, 0);
}

void _CPU_Virtual_Irq_detach(int vector)
{
	if (vector >= 0 && vector < BH_NR_VLINES)
		bh_virq_unregister((unsigned)vector);
}

void _CPU_Virtual_Interrupts_enable(int level)
{
	bh_virq_restore(level != 0);
}

int _CPU_Virtual_Interrupts_disable(int level)
{
	return (int)bh_virq_disable();
}

void _CPU_Virtual_Interrupts_flash(int level)
{
	bh_virq_restore(level != 0);
	bh_virq_disable();
}

void _CPU_Virtual_Interrupts_open(void)
{
	bh_virq_enable();
}

void _CPU_Virtual_Interrupts_close(void)
{
	bh_virq_disable();
}

int _CPU_Virtual_Interrupts_get_level(int level)
{
	return (int)bh_virq_level();
}

/* Upstream RTEMS_PARAVIRT names: same levels (0 enabled, 1 disabled). */
uint32_t i386_disable_interrupts(void)
{
	return bh_virq_disable();
}

void i386_enable_interrupts(uint32_t level)
{
	bh_virq_restore(level != 0);
}

void i386_flash_interrupts(uint32_t level)
{
	bh_virq_restore(level != 0);
	bh_virq_disable();
}

void i386_set_interrupt_level(uint32_t level)
{
	bh_virq_restore(level != 0);
}

uint32_t i386_get_interrupt_level(void)
{
	return bh_virq_level();
}

/* ------------------------------------------------------ idle and stop -- */

/*
 * Pending interrupts are taken first (enabling lets them in), so work that
 * makes a task ready is not left waiting a whole major frame; then the rest
 * of the window goes to the schedule.
 */
void _CPU_Virtual_Idle_thread(void)
{
	unsigned level = bh_virq_level();

	bh_virq_enable();
	bh_yield();
	bh_virq_restore(level);
}

void _CPU_Virtual_Stop_with_error(int error)
{
	bh_panic("RTEMS stopped with error %d (0x%x)", error, (unsigned)error);
}

int _BSP_Virtual_faulthandler(void)
{
	return 0;       /* faults go to the health monitor (rtems_virt.h) */
}

/* ------------------------------------------------------------- console -- */

static uint16_t uart_port;
static unsigned uart_line;

void rtems_virt_set_uart(uint16_t port, unsigned line)
{
	uart_port = port;
	uart_line = line;
}

int _BSP_Virtual_Console_init(void)
{
	if (!uart_port || uart_ready())
		return 0;
	return uart_init(uart_port, uart_line, UART_BAUD);
}

char _BSP_Virtual_Char_read(void)
{
	int c = uart_getc();

	return c < 0 ? RTEMS_VIRT_NO_CHAR : (char)c;
}

void _BSP_Virtual_Char_write(char *c)
{
	/* The console is line-based: drop the '\r' RTEMS sends before '\n'. */
	if (c && *c != '\r')
		bh_putc(*c);
}

/* --------------------------------------------------------------- clock -- */

static uint32_t tick_us = RTEMS_VIRT_DEFAULT_TICK_US;
static uint64_t clock_start_ns;     /* 0: clock not started */
static uint32_t timer_raised_seen;

void rtems_virt_set_tick_us(uint32_t us)
{
	tick_us = us ? us : RTEMS_VIRT_DEFAULT_TICK_US;
}

uint32_t rtems_virt_tick_us(void)
{
	return tick_us;
}

int _BSP_Virtual_Clock_init(void)
{
	uint64_t period = (uint64_t)tick_us * 1000u;
	uint64_t now = bh_now_ns();
	int r;

	if (now == 0)
		return -BH_ENOSYS;
	r = _CPU_Virtual_Irq_request(BH_VIRQ_TIMER);
	if (r < 0)
		return r;
	timer_raised_seen = bh_virq_raised(BH_VIRQ_TIMER);
	clock_start_ns = now;
	return bh_timer_set(BH_CLOCK_WALL, now + period, period);
}

int _BSP_Virtual_Clock_read(void)
{
	uint64_t now;

	if (clock_start_ns == 0)
		return 0;
	now = bh_now_ns();
	return (int)((now - clock_start_ns) / ((uint64_t)tick_us * 1000u));
}

uint32_t rtems_virt_clock_ticks_missed(void)
{
	uint32_t raised = bh_virq_raised(BH_VIRQ_TIMER);
	uint32_t n = raised - timer_raised_seen;

	timer_raised_seen = raised;
	return n ? n - 1 : 0;   /* one of them is the delivery being handled */
}

/* ----------------------------------------------------------- workspace -- */

int _BSP_Virtual_getworkspacearea(void)
{
	uintptr_t start;
	uint32_t size;

	return bh_free_memory(&start, &size) < 0 ? 0 : (int)start;
}

uint32_t _BSP_Virtual_getworkspacesize(void)
{
	uintptr_t start;
	uint32_t size;

	return bh_free_memory(&start, &size) < 0 ? 0 : size;
}
