/* COM1, the kernel console: a 16550 driven by polling. */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "core/arch.h"

#define COM1 0x3f8

void uart_init(void)
{
	outb(COM1 + 1, 0x00);   /* no interrupts */
	outb(COM1 + 3, 0x80);   /* DLAB */
	outb(COM1 + 0, 0x01);   /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);   /* 8N1 */
	outb(COM1 + 2, 0xc7);   /* FIFO on, cleared */
	outb(COM1 + 4, 0x03);   /* DTR, RTS */
}

void arch_console_putc(char c)
{
	unsigned spin = 100000;

	while (!(inb(COM1 + 5) & 0x20) && --spin)
		;
	outb(COM1, (uint8_t)c);
}

void arch_system_exit(int status)
{
	/* QEMU's isa-debug-exit: exit code (v << 1) | 1, so 0x10 -> 33. */
	outb(QEMU_EXIT_PORT, status == 0 ? 0x10 : 0x11);
	for (;;)
		__asm__ volatile("cli; hlt");
}
