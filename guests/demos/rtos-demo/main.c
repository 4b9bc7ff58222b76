/*
 * rtos-demo: the classic RTEMS "ticker" on the bulkhead guest RTOS.
 *
 * Three periodic tasks print the time at different rates -- TA1 every 5
 * ticks, TA2 every 10, TA3 every 15 (a tick is 100 ms here) -- until tick
 * 35, then delete themselves.  If the partition is granted COM2 (ports
 * 0x2f8-0x2ff and line 3), an ECHO task sends back every byte it receives
 * there: it sleeps on a semaphore released at the end of each COM2
 * interrupt (after libpart's 16550 driver has filled its input ring) and
 * reads the ring through the RTEMS layer's character read.  Where the
 * configuration gives it the demo's ports (configs/demo/demo.c), a CTRL
 * task sleeps on a semaphore released by temp-in's notification line,
 * reads each new sensor sample and commands a heater over cmd-out.
 */
#include "libpart.h"
#include "rtems_virt.h"
#include "uart16550.h"
#include "rtos.h"
#include "../sensor/demo_ports.h"

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

/* -------------------------------------------------------------- control -- */

static rtos_id ctrl_sem;
static int temp_in, cmd_out;

/* temp-in's notification (a new sample): wake the control task. */
static void sample_isr(void *arg)
{
	rtos_semaphore_release(ctrl_sem);
}

/*
 * CTRL: blocked on the semaphore the port notification releases; reads
 * the latest sample and commands the heater over cmd-out, on each change
 * and every 50th sample.
 */
static void control(rtos_task_argument arg)
{
	struct demo_sample s = { 0, 0 };
	struct bh_sampling_result r = { 0 };
	char cmd[DEMO_CMD_MAX];
	int heater = 0, want, len;
	uint32_t n = 0;

	for (;;) {
		rtos_semaphore_obtain(ctrl_sem, RTOS_WAIT, RTOS_NO_TIMEOUT);
		if (bh_sampling_read(temp_in, &s, sizeof(s), &r) < 0 || !r.valid)
			continue;
		want = s.temp_mc < 20000 ? 1 : s.temp_mc > 22000 ? 0 : heater;
		if (want == heater && n++ % 50)
			continue;
		heater = want;
		len = bh_snprintf(cmd, sizeof(cmd), "sample %u: %d.%03d C, heater %s",
				  (unsigned)s.seq, (int)(s.temp_mc / 1000),
				  (int)(s.temp_mc % 1000), heater ? "on" : "off");
		if (bh_queuing_send(cmd_out, cmd, (uint32_t)len + 1) == -BH_ENOSPC)
			bh_puts("CTRL - cmd-out full: command dropped");
	}
}

/* Only where the configuration gives this partition the demo's ports. */
static void start_control(void)
{
	rtos_id id;

	temp_in = bh_port_open("temp-in", BH_PORT_SAMPLING);
	cmd_out = bh_port_open("cmd-out", BH_PORT_QUEUING);
	if (temp_in < 0 || cmd_out < 0)
		return;
	if (rtos_semaphore_create(RTOS_BUILD_NAME('C', 'T', 'R', 'L'), 0,
				  RTOS_SIMPLE_BINARY_SEMAPHORE, &ctrl_sem) != RTOS_SUCCESSFUL ||
	    rtos_interrupt_catch(DEMO_PORT_LINE, sample_isr, NULL) != RTOS_SUCCESSFUL ||
	    bh_port_notify(temp_in, DEMO_PORT_LINE) != 0 ||
	    rtos_task_create(RTOS_BUILD_NAME('C', 'T', 'R', 'L'), 3, 0,
			     RTOS_DEFAULT_MODES, RTOS_DEFAULT_ATTRIBUTES, &id) != RTOS_SUCCESSFUL ||
	    rtos_task_start(id, control, 0) != RTOS_SUCCESSFUL) {
		bh_puts("cannot start the control task");
		return;
	}
	bh_puts("CTRL task waits on temp-in's notification");
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
	start_control();
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
