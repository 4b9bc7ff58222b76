/*
 * com2echo: device passthrough in a native partition.  The configuration
 * grants it COM2's ports (0x2f8..0x2ff) and interrupt line 3; libpart's
 * ring-3 16550 driver takes received bytes in its interrupt handler, and
 * this loop sends every one of them back.
 *
 * Once the UART is set up it sends a greeting line on COM2, so whoever is
 * at the other end knows from when bytes are echoed (bytes sent before
 * that may be lost while the UART is being reset).  Each received line is
 * also reported on the console.  With system authority (the test
 * configuration), an EOT byte (0x04) ends the run with bh_shutdown(0);
 * otherwise EOT is echoed like any byte.
 */
#include "libpart.h"
#include "uart16550.h"

#define GREETING  "com2echo: ready, every byte comes back\r\n"
#define EOT       0x04
#define LINE_MAX  72

static char line[LINE_MAX + 1];
static unsigned line_len;
static int system_part;

static void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

/* Report a finished line on the console (long lines in pieces). */
static void note_byte(int c)
{
	if (c == '\r' || c == '\n' || line_len == LINE_MAX) {
		if (line_len) {
			line[line_len] = 0;
			bh_printf("echoed: %s\n", line);
		}
		line_len = 0;
		if (c == '\r' || c == '\n')
			return;
	}
	line[line_len++] = (char)c;
}

static BH_NORETURN void echo_forever(void)
{
	int c;

	for (;;) {
		c = uart_getc();
		if (c < 0) {
			/* Nothing left: the rest of the window is someone else's.
			 * A byte arriving meanwhile waits in the UART's FIFO. */
			bh_yield();
			continue;
		}
		if (c == EOT && system_part) {
			note_byte('\n');
			bh_printf("end of transmission after %u dropped bytes: shutting down\n",
				  (unsigned)uart_rx_dropped());
			bh_shutdown(0);
		}
		uart_putc((char)c);
		note_byte(c);
	}
}

int main(void)
{
	struct bh_part_info info;
	int r;

	if (bh_self(&info) < 0)
		bh_panic("cannot read my partition information");
	system_part = (info.flags & BH_PART_F_SYSTEM) != 0;
	bh_set_mode(BH_MODE_NORMAL);
	r = uart_init(UART_COM2_PORT, UART_COM2_LINE, 115200);
	if (r == -BH_ENOENT) {
		bh_puts("no UART at COM2 (QEMU gives one with a second -serial): echo off");
		return 0;
	}
	if (r < 0)
		bh_panic("COM2 not usable (%d): are ports 0x2f8..0x2ff and line 3 granted?", r);
	bh_virq_enable();
	uart_puts(GREETING);
	bh_printf("ready: echoing COM2 (port %x, line %u)\n", UART_COM2_PORT, UART_COM2_LINE);
	echo_forever();
}
