/*
 * The 8254 PIT, channel 0: the periodic tick (rate generator, mode 2), or
 * the one-shot event timer on a CPU without a local APIC (mode 0,
 * interrupt on terminal count).  Also the reference the TSC is measured
 * against at boot (tsc.c).
 */
#include <stdint.h>
#include "core/arch.h"
#include "arch/x86.h"
#include "arch/pc.h"
#include "arch/timer.h"

#define PIT_MODE0 0x30u           /* channel 0, lo/hi byte, mode 0 */
#define PIT_MODE2 0x34u           /* channel 0, lo/hi byte, mode 2 */
/* 8254 counts per ns, 32.32: 1193182 * 2^32 / 1e9. */
#define COUNTS_PER_NS_Q32 ((uint32_t)(((uint64_t)BH_TIMER_INPUT_HZ << 32) / 1000000000u))

static void load(uint32_t mode, uint32_t count)
{
	outb(PIT_CMD, (uint8_t)mode);
	outb(PIT_CH0, count & 0xff);
	outb(PIT_CH0, (count >> 8) & 0xff);
}

void pit_periodic(uint32_t d)
{
	load(PIT_MODE2, d);
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
 * Mode 0 raises IRQ 0 once when the count runs out, then stays quiet.
 * Counts rounded up, so never early; at most 65535 counts (~54.9 ms):
 * a longer delta fires early and the core arms again.
 */
void pit_oneshot_arm(uint32_t delta_ns)
{
	uint64_t c = ((uint64_t)delta_ns * COUNTS_PER_NS_Q32 + 0xffffffffu) >> 32;

	load(PIT_MODE0, c > 0xffff ? 0xffff : c ? (uint32_t)c : 1);
}
