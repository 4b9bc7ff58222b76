/* ACPI soft-off (acpi.c): returns only if the machine is still on. */
#ifndef ARCH_ACPI_H
#define ARCH_ACPI_H

#include <stdint.h>

void acpi_poweroff(void);

/* What the MADT says of the machine's interrupt hardware (acpi_madt). */
#define MADT_MAX_CPUS 16
struct madt_info {
	unsigned ncpus;                    /* enabled processors listed */
	unsigned cpus_ignored;             /* enabled, past MADT_MAX_CPUS */
	uint8_t apic_id[MADT_MAX_CPUS];    /* their local APIC ids, table order */
	uint32_t lapic_pa;
	uint32_t ioapic_pa;                /* 0: none */
	uint32_t ioapic_gsi_base;
	uint8_t ioapic_id;
	uint32_t gsi[16];                  /* ISA line -> global interrupt */
	uint16_t gsi_flags[16];            /* MPS INTI flags (0: bus default) */
};

/* Fill m from the MADT; -1 if there is none (m then says: no CPUs). */
int acpi_madt(struct madt_info *m);

#endif
