/* The CMOS real-time clock, read only as an independent check of the tick. */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "core/time.h"

static uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, (uint8_t)(0x80 | reg));     /* NMI stays disabled */
	return inb(0x71);
}

/* The seconds register, read when no update is in progress. */
uint8_t rtc_seconds(void)
{
	while (cmos_read(0x0a) & 0x80)
		;
	return cmos_read(0x00);
}

/*
 * Timer ticks counted over one RTC second, from one seconds edge to the
 * next: an independent check of the tick rate.  Waits up to two seconds.
 */
uint64_t rtc_ticks_per_second(void)
{
	uint8_t s = rtc_seconds();
	uint64_t t0;

	while (rtc_seconds() == s)
		cpu_relax_halt();
	s = rtc_seconds();
	t0 = timebase.ticks;
	while (rtc_seconds() == s)
		cpu_relax_halt();
	return timebase.ticks - t0;
}
