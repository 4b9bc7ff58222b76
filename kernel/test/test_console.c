/*
 * In-kernel tests of the console: COM1's interrupt reaches the PIC, output
 * is queued without waiting and drained by that interrupt, a full queue
 * drops and counts.
 */
#include "ktest.h"
#include "core/console.h"
#include "core/irq.h"
#include "core/time.h"
#include "arch/x86.h"
#include "arch/pc.h"

#define COM1_MCR  (COM1 + 4)
#define MCR_OUT2  0x08

/* On a PC, OUT2 connects the UART's interrupt to the PIC: without it line
 * 4 never fires (Bochs models the gate, QEMU does not). */
KTEST(com1_out2_gates_interrupts_to_the_pic)
{
	uint8_t mcr = inb(COM1_MCR);

	KEXPECT(mcr & MCR_OUT2, "COM1 MCR is %02x: OUT2 clear, IRQ 4 cannot reach the PIC", mcr);
}

/*
 * Interrupts on until the queue is empty, or until n timer interrupts
 * pass without a byte leaving it (a stalled transmitter).  Counted in
 * timer interrupts, not in timebase.ticks: after a long interrupts-off
 * stretch (an earlier case's partitions_init, ~1.4 s on a 100 MIPS
 * Bochs) the clock rightly catches up every period at its first tick,
 * which ended a wait of 1000 ticks at once with the queue still full.
 * Progress, not a total, bounds the wait: any queue size, any CPU speed.
 */
static void wait_drained(uint32_t n)
{
	uint32_t left = console_queued(), since = irq_lines[0].raised;

	while (console_queued() && irq_lines[0].raised - since < n) {
		if (console_queued() != left) {
			left = console_queued();
			since = irq_lines[0].raised;
		}
		cpu_relax_halt();
	}
}

/* The kernel's own lines: queued in an interrupts-off path, sent by the
 * transmitter-empty interrupt once interrupts are on. */
KTEST(console_queues_then_drains_by_interrupt)
{
	uint32_t raised = irq_lines[4].raised, queued;

	console_start_async();
	kprintf("console: this line was queued\n");
	queued = console_queued();
	KEXPECT(queued >= 31, "%u bytes queued after a 31-byte line", queued);
	wait_drained(100);
	KEXPECT(console_queued() == 0, "%u bytes still queued (stalled 100 ticks), IRQ 4 raised %u times",
		console_queued(), irq_lines[4].raised - raised);
	KEXPECT(irq_lines[4].raised > raised, "IRQ 4 never raised");
	console_flush();
	irq_set_handler(4, 0, 0);
}

/* More than the kernel's ring with interrupts off: the excess is dropped
 * and counted, nothing waits, and the next line that fits says how much
 * was lost.  The system test checks the report ("[kernel] ... 1840 bytes
 * dropped": DROP_OVER lines of DROP_LINE bytes) and that no line marked
 * "over" got out. */
#define DROP_LINE 92           /* the line below (27 + 63 bytes) with "\r\n" */
#define DROP_OVER 20

KTEST(console_full_queue_drops_and_counts)
{
	uint32_t dropped = console_dropped(0), fit = CONSOLE_KERNEL_RING / DROP_LINE, i;
	uint64_t t0 = timebase.ticks;

	console_start_async();
	for (i = 0; i < fit + DROP_OVER; i++)
		kprintf("console-drop-test %s %03u %s\n", i < fit ? "kept" : "over", i,
			"...............................................................");
	KEXPECT(console_dropped(0) - dropped == DROP_OVER * DROP_LINE,
		"%u bytes dropped, expected %u", console_dropped(0) - dropped,
		DROP_OVER * DROP_LINE);
	KEXPECT(console_queued() == fit * DROP_LINE, "%u bytes queued, expected %u",
		console_queued(), fit * DROP_LINE);
	KEXPECT(timebase.ticks == t0, "queueing took %llu ticks", timebase.ticks - t0);
	wait_drained(100);
	KEXPECT(console_queued() == 0, "%u bytes still queued: the transmitter stalled",
		console_queued());
	kprintf("console: after the drops\n");
	KEXPECT(console_dropped(0) - dropped == DROP_OVER * DROP_LINE,
		"the line after the drops was dropped too (%u bytes dropped)",
		console_dropped(0) - dropped);
	wait_drained(100);
	KEXPECT(console_queued() == 0, "%u bytes still queued", console_queued());
	console_flush();
	irq_set_handler(4, 0, 0);
}
