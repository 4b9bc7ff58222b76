/* The 8254 PIT, channel 0, as the periodic kernel tick (rate generator). */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/pc.h"
#include "arch/pic.h"
#include "core/arch.h"
#include "core/time.h"      /* time_divisor_for_hz: the validator's too */

static uint32_t divisor;

uint32_t arch_timer_init(uint32_t hz)
{
	divisor = time_divisor_for_hz(hz);
	outb(PIT_CMD, 0x34);              /* channel 0, lo/hi byte, mode 2 */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, (divisor >> 8) & 0xff);
	return divisor;
}

uint32_t pit_divisor(void)
{
	return divisor;
}

uint32_t pit_read_counter(void)
{
	uint32_t lo, hi;

	outb(PIT_CMD, 0x00);              /* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return lo | (hi << 8);
}

/*
 * Without the request register: the tick finds the periods from the most
 * recent boundary; if a further tick is pending behind it, this one counts
 * two periods and that one none (time.c), so two port reads fewer on every
 * tick.
 */
uint32_t arch_timer_counts_since_boundary(void)
{
	return divisor - pit_read_counter();
}

/*
 * Counts since the last handled tick.  If the counter wrapped but the tick
 * is still pending at the PIC, a small elapsed value really belongs to the
 * next period; the counter is latched before IRR is read, so a large value
 * means the latch came before the wrap.
 */
uint32_t arch_timer_counts_since_tick(void)
{
	uint32_t elapsed = divisor - pit_read_counter();

	if ((pic_read_irr() & 1) && elapsed < divisor / 2)
		elapsed += divisor;
	return elapsed;
}
