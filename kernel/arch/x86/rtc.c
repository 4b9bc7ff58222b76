/* The CMOS real-time clock, read only as an independent check of the tick. */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "core/arch.h"

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, (uint8_t)(0x80 | reg));     /* NMI stays disabled */
	return inb(CMOS_DATA);
}

/* The seconds register, read when no update is in progress. */
unsigned arch_rtc_seconds(void)
{
	while (cmos_read(0x0a) & 0x80)
		;
	return cmos_read(0x00);
}
