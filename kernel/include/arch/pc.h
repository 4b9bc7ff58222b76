/* PC platform devices (kernel/arch/x86). */
#ifndef ARCH_PC_H
#define ARCH_PC_H

#include <stdint.h>

void pic_init(void);
uint16_t pic_read_irr(void);
void pit_init(uint32_t hz);
uint32_t pit_divisor(void);
void uart_init(void);
uint8_t rtc_seconds(void);
uint64_t rtc_ticks_per_second(void);

#define QEMU_EXIT_PORT 0xf4

#endif
