/*
 * A ring-3 driver for a 16550 UART granted to the partition (ports and
 * interrupt line in its configuration), e.g. COM2 at 0x2f8, line 3.
 *
 * Received bytes are moved by the RX interrupt handler into an input ring
 * (UART_RX_RING bytes; when full, new bytes are dropped and counted), then
 * the line is unmasked at the PIC with bh_irq_unmask.  Transmission polls
 * the line-status register.  One UART per partition.
 */
#ifndef UART16550_H
#define UART16550_H

#include <stdint.h>

#define UART_COM1_PORT  0x3f8
#define UART_COM1_LINE  4
#define UART_COM2_PORT  0x2f8
#define UART_COM2_LINE  3
#define UART_RX_RING    256     /* a power of two */

/*
 * Register the RX handler on line (attaching it), then program the UART
 * (8N1 at baud, FIFO on, RX interrupt on).  Returns 0, or a negative BH_E*
 * code: -BH_EPERM if the line is not granted (the ports are then never
 * touched), -BH_ENOENT if no UART answers.  Granting the line without the
 * ports is a configuration error: the first port access faults.
 */
int uart_init(uint16_t port, unsigned line, uint32_t baud);
int uart_ready(void);           /* 1 once uart_init succeeded */
int uart_getc(void);            /* next byte 0..255, or -1 if the ring is empty */
void uart_putc(char c);         /* polls the transmitter; no-op before uart_init */
uint32_t uart_rx_dropped(void); /* bytes lost to a full ring */

#endif
