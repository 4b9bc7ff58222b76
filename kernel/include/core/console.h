#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stdarg.h>

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
void kputs(const char *s);
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
