#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

/* Ring sizes (powers of two).  8 KiB is about 0.7 s of a 115200-baud
 * line, or 53 full partition lines: room for a burst (a test suite's
 * report) written in one short window and sent later. */
#define CONSOLE_KERNEL_RING 8192
#define CONSOLE_PART_RING   8192

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
void kputs(const char *s);
/* A kernel line about partition p (health monitor, restart, halt): queued
 * with p's own output, so it keeps its place among p's lines; like kprintf,
 * a line may be built from several calls. */
struct partition;
void kprintf_part(struct partition *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The console's lock (console.c says what it covers). */
struct tlock;
extern struct tlock con_lock;
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Partition console output: filtered, buffered per partition, one
 * prefixed line at a time. */
void console_part_write(struct partition *p, const char *buf, uint32_t len);

/* From polled to queued output (once the partitions are loaded). */
void console_start_async(void);
/* On every timer tick: memory only unless a line waits for the UART. */
void console_tick(void);

/* What console_tick reads first (console.c's, under its lock): queued
 * output on, the transmitter's interrupt on, bytes sent, and sent at the
 * last tick.  Plain globals: entry.S's virtual timer case (ticktraps)
 * reads them by these names too. */
extern int console_async, console_tx_on;
extern uint32_t console_sent, console_sent_at_tick;

/* console_tick where one CPU runs (nobody else changes that state
 * meanwhile, and its lock is not needed): with the transmitter off it
 * only notes the bytes sent (as ticktraps' virtual timer case does);
 * the window switch's own path does that inline. */
static inline void console_tick_one(void)
{
	if (console_async) {
		if (console_tx_on)
			console_tick();
		else
			console_sent_at_tick = console_sent;
	}
}
/* Poll out everything queued and print synchronously from then on: for
 * the paths that stop the machine. */
void console_flush(void);
/* Bytes queued; bytes dropped since boot by a source (0 = the kernel,
 * 1 + id = a partition). */
uint32_t console_queued(void);
uint32_t console_dropped(unsigned src);

#endif
