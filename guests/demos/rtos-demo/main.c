/*
 * rtos-demo: the classic RTEMS "ticker" on the bulkhead guest RTOS.
 *
 * Three periodic tasks print the time at different rates -- TA1 every 5
 * ticks, TA2 every 10, TA3 every 15 (a tick is 100 ms here) -- until tick
 * 35, then delete themselves.  If the partition is granted COM2 (ports
 * 0x2f8-0x2ff and line 3), an ECHO task sends back every byte it receives
 * there: it sleeps on a semaphore released at the end of each COM2
 * interrupt (after libpart's 16550 driver has filled its input ring) and
 * reads the ring through the RTEMS layer's character read.
 */
#include "libpart.h"
#include "rtems_virt.h"
#include "uart16550.h"
#include "rtos.h"

#define TICK_US        100000u
#define TICKER_END     35u        /* ticks */

static rtos_id echo_sem;
static volatile unsigned tickers_left = 3;

static void print_name(rtos_name n)
{
	bh_printf("%c%c%c%c", (char)(n >> 24), (char)(n >> 16), (char)(n >> 8), (char)n);
}

static void print_time(void)
{
	uint64_t ns = rtos_clock_get_ticks64() * rtos_clock_tick_ns();

	bh_printf(" - tick %3u, %u.%03u s since start, %u late ticks\n",
		  (unsigned)rtos_clock_get_ticks_since_boot(),
		  (unsigned)(ns / 1000000000u), (unsigned)(ns / 1000000u % 1000u),
		  (unsigned)rtos_clock_late_ticks());
}

/* argument: the task's rate in ticks */
static void ticker(rtos_task_argument rate)
{
	rtos_name name;

	rtos_task_get_name(RTOS_SELF, &name);
	while (rtos_clock_get_ticks_since_boot() + rate <= TICKER_END) {
		rtos_task_wake_after(rate);
		print_name(name);
		print_time();
	}
	if (--tickers_left == 0)
		bh_puts("*** END OF TICKER ***");
	rtos_task_delete(RTOS_SELF);
}

/* At the end of each COM2 interrupt: the driver has new bytes for us. */
static void com2_notify(void *arg)
{
	rtos_semaphore_release(echo_sem);
}

/* Echo each byte at once; log each complete line on the console. */
static void echo(rtos_task_argument arg)
{
	char line[64];
	unsigned len = 0;     /* line[] keeps room for the NUL */
	char c;

	for (;;) {
		rtos_semaphore_obtain(echo_sem, RTOS_WAIT, RTOS_NO_TIMEOUT);
		while ((c = _BSP_Virtual_Char_read()) != RTEMS_VIRT_NO_CHAR) {
			uart_putc(c);
			if (c != '\n' && c != '\r' && len < sizeof(line) - 1)
				line[len++] = c;
			if (c == '\n') {
				line[len] = 0;
				bh_printf("ECHO - echoed \"%s\"\n", line);
				len = 0;
			}
		}
	}
}

static void start_echo(void)
{
	rtos_id id;
	int r;

	rtems_virt_set_uart(UART_COM2_PORT, UART_COM2_LINE);
	r = _BSP_Virtual_Console_init();
	if (r < 0) {
		bh_printf("no COM2 (%d): no echo task\n", r);
		return;
	}
	if (rtos_semaphore_create(RTOS_BUILD_NAME('E', 'C', 'H', 'O'), 0,
				  RTOS_SIMPLE_BINARY_SEMAPHORE, &echo_sem) != RTOS_SUCCESSFUL ||
	    rtos_interrupt_notify(UART_COM2_LINE, com2_notify, NULL) != RTOS_SUCCESSFUL ||
	    rtos_task_create(RTOS_BUILD_NAME('E', 'C', 'H', 'O'), 5, 0,
			     RTOS_DEFAULT_MODES, RTOS_DEFAULT_ATTRIBUTES, &id) != RTOS_SUCCESSFUL ||
	    rtos_task_start(id, echo, 0) != RTOS_SUCCESSFUL) {
		bh_puts("cannot start the echo task");
		return;
	}
	bh_puts("uart ready: ECHO task echoes COM2");
	/* Tell whoever is on the other end of COM2 that we are listening. */
	for (const char *g = "rtos-demo: type a line, it comes back\r\n"; *g; g++)
		uart_putc(*g);
}

static void start_ticker(char digit, rtos_interval rate)
{
	rtos_id id;
	rtos_status_code r;

	r = rtos_task_create(RTOS_BUILD_NAME('T', 'A', digit, ' '), 1, 0,
			     RTOS_DEFAULT_MODES, RTOS_DEFAULT_ATTRIBUTES, &id);
	if (r == RTOS_SUCCESSFUL)
		r = rtos_task_start(id, ticker, rate);
	if (r != RTOS_SUCCESSFUL)
		rtos_fatal(r, "cannot start a ticker task");
}

static void init_task(rtos_task_argument arg)
{
	bh_puts("*** RTOS TICKER ***");
	start_ticker('1', 5);
	start_ticker('2', 10);
	start_ticker('3', 15);
	start_echo();
	rtos_task_delete(RTOS_SELF);
}

int main(void)
{
	static const struct rtos_config cfg = {
		.tick_us = TICK_US,
		.init_priority = 1,
		.init_entry = init_task,
	};

	bh_set_mode(BH_MODE_NORMAL);
	rtos_start(&cfg);
}
