/*
 * Ending a run.  The tests run the kernel on two emulators, which stop in
 * different ways, and on a real PC nothing stops at all:
 *
 *   QEMU   the isa-debug-exit device at port 0xf4 exits the emulator with
 *          status (value << 1) | 1, so 0x10 -> 33 (success), 0x11 -> 35;
 *   Bochs  has no such device.  With `port_e9_hack` it copies bytes written
 *          to port 0xe9 into its log, and the string "Shutdown" written to
 *          port 0x8900 ends the simulation;
 *   a PC   has neither (nor has a plain `qemu-system-i386 -cdrom ...`):
 *          the kernel turns the machine off through ACPI (acpi.c), and
 *          where that fails says "bulkhead: halted" and halts with
 *          interrupts off.
 *
 * So the value meant for 0xf4 is first announced in one fixed line,
 * "bulkhead: exit code 0x10" (or 0x11), on port 0xe9 and on COM1: a runner
 * on a machine without the exit device reads the status from it (see
 * tools/bochs.py).  The line is written synchronously and the UART drained
 * before the machine stops, so it is the console's last line.
 */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "arch/acpi.h"
#include "core/arch.h"

#define LSR_THR_EMPTY   0x20
#define LSR_IDLE        0x40    /* transmitter empty: the last bit is out */
#define BOCHS_E9_PORT   BH_PORT_DEBUG_E9
#define BOCHS_OFF_PORT  BH_PORT_BOCHS_OFF

/* Bounded waits: a missing or broken UART must not keep the machine up. */
static void uart_wait(uint8_t bit)
{
	unsigned spin = 1000000;

	while (!(inb(COM1 + 5) & bit) && --spin)
		;
}

static void exit_puts(const char *s)
{
	for (; *s; s++) {
		outb(BOCHS_E9_PORT, (uint8_t)*s);
		uart_wait(LSR_THR_EMPTY);
		outb(COM1, (uint8_t)*s);
	}
	uart_wait(LSR_IDLE);
}

void arch_system_exit(int status)
{
	uint8_t code = status == 0 ? 0x10 : 0x11;

	__asm__ volatile("cli");
	exit_puts(code == 0x10 ? "bulkhead: exit code 0x10\n"
			       : "bulkhead: exit code 0x11\n");
	outb(QEMU_EXIT_PORT, code);
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_OFF_PORT, (uint8_t)*s);   /* byte port: outb */
	acpi_poweroff();
	exit_puts("bulkhead: halted (no exit device, no ACPI power-off): "
		  "the machine can be switched off\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}

/*
 * A reset: the keyboard controller's reset pulse (command 0xfe), which
 * every PC and both emulators have; should it do nothing, a triple fault
 * (an empty IDT, then an exception) resets the processor all the same.
 */
void arch_system_reset(void)
{
	static const struct { uint16_t limit; uint32_t base; } __attribute__((packed)) none;

	__asm__ volatile("cli");
	exit_puts("bulkhead: reset\n");
	outb(KBC_CMD, 0xfe);
	for (unsigned spin = 1000000; --spin;)
		__asm__ volatile("pause");
	__asm__ volatile("lidt %0; int3" : : "m"(none));
	for (;;)
		__asm__ volatile("cli; hlt");
}
