/*
 * COM1, the kernel console: a 16550.  Polled output for boot and panic;
 * otherwise the core (core/console.c) fills the transmit FIFO from the
 * transmitter-empty interrupt and never waits here.
 */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/pc.h"
#include "core/arch.h"

#define COM1_IRQ BH_IRQ_CONSOLE
#define IER      1
#define IIR      2
#define MCR      4
#define LSR      5
#define IER_THRE 0x02
#define LSR_THRE 0x20          /* transmit holding register / FIFO empty */
/* OUT2 gates the UART's interrupt output to the PIC on a PC: without it
 * line 4 never fires on real hardware (QEMU does not model the gate). */
#define MCR_DTR_RTS_OUT2 0x0b

static unsigned fifo_size = 1;

void arch_console_init(void)
{
	outb(COM1 + IER, 0x00);     /* no interrupts until the console asks */
	outb(COM1 + 3, 0x80);       /* DLAB */
	outb(COM1 + 0, 0x01);       /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);       /* 8N1 */
	outb(COM1 + 2, 0xc7);       /* FIFO on, cleared */
	outb(COM1 + MCR, MCR_DTR_RTS_OUT2);
	/* A 16550A reports its FIFO in IIR bits 7:6; an 8250 has none. */
	fifo_size = (inb(COM1 + IIR) & 0xc0) == 0xc0 ? 16 : 1;
}

void arch_console_putc(char c)
{
	unsigned spin = 100000;

	while (!(inb(COM1 + LSR) & LSR_THRE) && --spin)
		;
	outb(COM1, (uint8_t)c);
}

unsigned arch_console_tx_room(void)
{
	return inb(COM1 + LSR) & LSR_THRE ? fifo_size : 0;
}

void arch_console_tx(char c)
{
	outb(COM1, (uint8_t)c);
}

void arch_console_tx_irq(int on)
{
	outb(COM1 + IER, on ? IER_THRE : 0);
}

/* Reading IIR clears a transmitter-empty interrupt. */
void arch_console_irq_ack(void)
{
	(void)inb(COM1 + IIR);
}

unsigned arch_console_irq_line(void)
{
	return COM1_IRQ;
}

