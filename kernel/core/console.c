/* The kernel console: formatted output to the arch console. */
#include "core/console.h"
#include "core/lib.h"
#include "core/arch.h"

void kputs(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

void kvprintf(const char *fmt, va_list ap)
{
	char buf[256];

	bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	kputs(buf);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}
