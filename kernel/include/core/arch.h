/*
 * The hooks the portable core needs from an architecture.  Each is
 * implemented in kernel/arch/<arch>/ and, for host unit tests, by fakes.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include <stdint.h>

/* Console.  arch_console_putc polls (boot, panic); the rest never wait:
 * tx_room is how many bytes tx may write now (0 while the transmitter is
 * busy), tx_irq enables the transmitter-empty interrupt on line
 * arch_console_irq_line(), and irq_ack clears its cause. */
void arch_console_putc(char c);
unsigned arch_console_tx_room(void);
void arch_console_tx(char c);
void arch_console_tx_irq(int on);
void arch_console_irq_ack(void);
unsigned arch_console_irq_line(void);

/* Interrupt controller. */
enum irq_eoi { EOI_NONE, EOI_MASTER, EOI_BOTH };
void arch_irq_mask(unsigned line);
void arch_irq_unmask(unsigned line);
int arch_irq_masked(unsigned line);
uint16_t arch_irq_in_service(void);
void arch_irq_eoi(enum irq_eoi how);

/* Timer: counts of the timer's input clock since the last tick (may exceed
 * one period if a tick is pending but not yet handled). */
uint32_t arch_timer_counts_since_tick(void);

/* Print the processor state a panic report needs (control registers,
 * stack and frame pointer, a few return addresses). */
void arch_dump_state(void);

/* Stop the machine: status 0 = success.  In QEMU this exits the emulator. */
void arch_system_exit(int status) __attribute__((noreturn));

#endif
