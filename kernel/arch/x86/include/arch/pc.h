/* PC platform devices (kernel/arch/x86). */
#ifndef ARCH_PC_H
#define ARCH_PC_H

#include <stdint.h>

uint32_t pit_divisor(void);

#define QEMU_EXIT_PORT 0xf4

#endif
