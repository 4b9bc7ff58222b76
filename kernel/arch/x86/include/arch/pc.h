/* PC platform devices (kernel/arch/x86). */
#ifndef ARCH_PC_H
#define ARCH_PC_H

#include <stdint.h>
#include <bulkhead/config.h>     /* BH_PORT_*: the ports the kernel owns */

uint32_t pit_divisor(void);
uint32_t pit_read_counter(void);   /* channel 0, latched */

#define PIT_CH0        BH_PORT_PIT
#define PIT_CMD        (BH_PORT_PIT + 3)
#define CMOS_INDEX     BH_PORT_CMOS
#define CMOS_DATA      (BH_PORT_CMOS + 1)
#define COM1           BH_PORT_COM1
#define QEMU_EXIT_PORT BH_PORT_QEMU_EXIT
#define KBC_CMD        0x0064   /* the keyboard controller: 0xfe pulses reset */

#endif
