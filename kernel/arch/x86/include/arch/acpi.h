/* ACPI soft-off (acpi.c): returns only if the machine is still on. */
#ifndef ARCH_ACPI_H
#define ARCH_ACPI_H

void acpi_poweroff(void);

#endif
