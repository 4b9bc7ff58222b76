/*
 * Ring-3 16550 UART driver (uart16550.h).  The partition must be granted
 * the UART's 8 ports and its interrupt line in the configuration.
 *
 * Input: the RX handler drains the receive FIFO into a ring, then unmasks
 * the line (the kernel masked and acknowledged it when it fired, so the
 * device cannot storm while we were not running).  The ring has one
 * producer, the handler, which runs with virtual interrupts disabled, and
 * one consumer, uart_getc in ordinary code; free-running indices make it
 * lock-free.
 */
#include "libpart.h"
#include "uart16550.h"

/* Register offsets and bits. */
#define RBR 0           /* receive buffer (read) */
#define THR 0           /* transmit holding (write) */
#define DLL 0           /* divisor low (DLAB = 1) */
#define IER 1           /* interrupt enable */
#define DLM 1           /* divisor high (DLAB = 1) */
#define IIR 2           /* interrupt identification (read) */
#define FCR 2           /* FIFO control (write) */
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7           /* scratch: used to detect the chip */

#define IER_RX_DATA   0x01
#define FCR_ENABLE    0x07  /* enable, clear RX and TX FIFOs, 1-byte trigger */
#define LCR_8N1       0x03
#define LCR_DLAB      0x80
#define MCR_DTR_RTS_OUT2 0x0b  /* OUT2 gates the interrupt to the PIC on a PC */
#define LSR_DATA      0x01
#define LSR_THR_EMPTY 0x20
#define UART_CLOCK_BAUD 115200u
#define TX_SPIN_LIMIT   100000  /* a stuck transmitter must not hang us */

_Static_assert((UART_RX_RING & (UART_RX_RING - 1)) == 0, "ring size: power of two");

static uint16_t base;
static int ready;
static uint8_t ring[UART_RX_RING];
static volatile uint32_t ring_head;     /* written by the handler */
static volatile uint32_t ring_tail;     /* written by uart_getc */
static volatile uint32_t dropped;

static void rx_push(uint8_t c)
{
	uint32_t head = ring_head;

	if (head - ring_tail == UART_RX_RING) {
		dropped++;
		return;
	}
	ring[head % UART_RX_RING] = c;
	BH_BARRIER();           /* the byte before the index that publishes it */
	ring_head = head + 1;
}

static void uart_rx_handler(unsigned line, void *arg)
{
	while (bh_inb(base + LSR) & LSR_DATA)
		rx_push(bh_inb(base + RBR));
	(void)bh_inb(base + IIR);       /* clear any other cause */
	bh_irq_unmask(line);
}

static int uart_present(uint16_t port)
{
	bh_outb(port + SCR, 0x5a);
	if (bh_inb(port + SCR) != 0x5a)
		return 0;
	bh_outb(port + SCR, 0xa5);
	return bh_inb(port + SCR) == 0xa5;
}

static void uart_program(uint16_t port, uint32_t baud)
{
	uint32_t div = baud ? UART_CLOCK_BAUD / baud : 1;

	if (div == 0)
		div = 1;
	bh_outb(port + IER, 0);
	bh_outb(port + LCR, LCR_DLAB);
	bh_outb(port + DLL, (uint8_t)div);
	bh_outb(port + DLM, (uint8_t)(div >> 8));
	bh_outb(port + LCR, LCR_8N1);
	bh_outb(port + FCR, FCR_ENABLE);
	bh_outb(port + MCR, MCR_DTR_RTS_OUT2);
	/* Drop stale state so the first interrupt is a fresh one. */
	while (bh_inb(port + LSR) & LSR_DATA)
		(void)bh_inb(port + RBR);
	(void)bh_inb(port + IIR);
	(void)bh_inb(port + MSR);
}

int uart_init(uint16_t port, unsigned line, uint32_t baud)
{
	int r;

	if (line >= BH_NR_HW_LINES)
		return -BH_EINVAL;
	/*
	 * Attach first: a line not granted fails cleanly with -BH_EPERM,
	 * whereas touching ports not granted would fault.  base is set
	 * first because a UART left interrupting by an earlier run of the
	 * partition may call the handler as soon as the line is attached.
	 */
	base = port;
	r = bh_virq_register(line, uart_rx_handler, 0);
	if (r < 0)
		return r;
	if (!uart_present(port)) {
		bh_virq_unregister(line);
		return -BH_ENOENT;
	}
	uart_program(port, baud);
	bh_outb(port + IER, IER_RX_DATA);
	ready = 1;
	return 0;
}

int uart_ready(void)
{
	return ready;
}

int uart_getc(void)
{
	uint32_t tail = ring_tail;
	uint8_t c;

	if (tail == ring_head)
		return -1;
	BH_BARRIER();           /* read the byte after seeing the index */
	c = ring[tail % UART_RX_RING];
	BH_BARRIER();
	ring_tail = tail + 1;
	return c;
}

void uart_putc(char c)
{
	int spin = TX_SPIN_LIMIT;

	if (!ready)
		return;
	while (!(bh_inb(base + LSR) & LSR_THR_EMPTY) && --spin)
		;
	bh_outb(base + THR, (uint8_t)c);
}

uint32_t uart_rx_dropped(void)
{
	return dropped;
}
