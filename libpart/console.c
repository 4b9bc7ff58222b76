/*
 * Line-buffered console over BH_HC_CONSOLE_WRITE: one hypercall per line
 * instead of one per character.  The buffer is shared by main code and
 * upcall handlers, so it is updated with virtual interrupts disabled; the
 * formatting itself runs with interrupts as the caller had them.
 */
#include "libpart.h"

#define LINE_MAX_CHARS  160     /* a longer line goes out in pieces */
#define FORMAT_MAX      256     /* one bh_printf call; longer output is cut */

static char line_buf[LINE_MAX_CHARS];
static size_t line_used;

/* Caller has virtual interrupts disabled. */
static void flush_locked(void)
{
	if (line_used) {
		bh_console_write(line_buf, line_used);
		line_used = 0;
	}
}

void bh_console_put(const char *s, size_t len)
{
	unsigned level = bh_virq_disable();

	while (len--) {
		char c = *s++;

		line_buf[line_used++] = c;
		if (c == '\n' || line_used == sizeof(line_buf))
			flush_locked();
	}
	bh_virq_restore(level);
}

void bh_console_flush(void)
{
	unsigned level = bh_virq_disable();

	flush_locked();
	bh_virq_restore(level);
}

void bh_putc(char c)
{
	bh_console_put(&c, 1);
}

void bh_puts(const char *s)
{
	bh_console_put(s, strlen(s));
	bh_putc('\n');
}

int bh_vprintf(const char *fmt, va_list ap)
{
	char buf[FORMAT_MAX];
	int n = bh_vsnprintf(buf, sizeof(buf), fmt, ap);

	bh_console_put(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int bh_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void bh_panic(const char *fmt, ...)
{
	va_list ap;

	bh_virq_disable();      /* nothing else runs in a dying partition */
	if (line_used)
		bh_putc('\n');  /* the message starts its own line */
	bh_console_put("FATAL: ", 7);
	va_start(ap, fmt);
	bh_vprintf(fmt, ap);
	va_end(ap);
	bh_putc('\n');
	bh_halt();
}
