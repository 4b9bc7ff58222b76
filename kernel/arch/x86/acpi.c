/*
 * ACPI power-off: the clean end of a run on a machine without QEMU's
 * isa-debug-exit device (a plain `qemu-system-i386 -cdrom ...`, a PC).
 *
 * The firmware's tables say how: the RSDP (in the BIOS area) leads to the
 * RSDT, the RSDT to the FADT, which holds the PM1 control ports and the
 * address of the DSDT; the DSDT's \_S5 object holds the sleep type that
 * means "soft off".  Writing SLP_TYP | SLP_EN to PM1a (and PM1b) control
 * turns the machine off.  Every table is checked (signature, length within
 * the kernel's identity map, checksum) before it is read: a PC with odd or
 * missing tables simply stays on, and the caller halts with a line saying
 * so.  Only the subset of AML that firmware uses for \_S5 is understood
 * (Name(_S5, Package(){ a, b, ... }) with byte or Zero/One elements).
 */
#include <stdint.h>
#include "arch/x86.h"
#include "arch/paging.h"
#include "arch/acpi.h"
#include "core/lib.h"

#define BIOS_AREA      0x000e0000u
#define BIOS_AREA_END  0x00100000u
#define SDT_HEADER     36u
#define FADT_DSDT      40u
#define FADT_SMI_CMD   48u
#define FADT_ACPI_EN   52u
#define FADT_PM1A_CNT  64u
#define FADT_PM1B_CNT  68u
#define PM1_SCI_EN     0x0001u
#define PM1_SLP_EN     0x2000u
#define AML_PACKAGE    0x12u
#define AML_BYTE       0x0au
#define AML_ZERO       0x00u
#define AML_ONE        0x01u

static int readable(uint32_t addr, uint32_t len)
{
	/* Page 0 is unmapped; the identity map covers the rest below
	 * paging_kernel_top(). */
	return addr >= 0x1000u && len <= paging_kernel_top() &&
	       addr <= paging_kernel_top() - len;
}

static uint32_t rd32(uint32_t addr)
{
	const uint8_t *p;

	/* Hide the constant from the compiler: low addresses are memory
	 * here (the BIOS data area), not null-pointer offsets. */
	__asm__("" : "+r"(addr));
	p = (const uint8_t *)addr;

	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int sums_to_zero(uint32_t addr, uint32_t len)
{
	uint8_t sum = 0;

	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + *(const uint8_t *)(addr + i));
	return sum == 0;
}

static uint32_t find_rsdp_in(uint32_t from, uint32_t to)
{
	for (uint32_t a = from; a + 20 <= to; a += 16)
		if (bh_memcmp((const void *)a, "RSD PTR ", 8) == 0 && sums_to_zero(a, 20))
			return a;
	return 0;
}

/* Only the BIOS area is searched: the EBDA's segment is kept in page 0,
 * which the kernel leaves unmapped (SeaBIOS, QEMU's and Bochs's firmware,
 * puts the RSDP in the BIOS area). */
static uint32_t find_rsdp(void)
{
	return find_rsdp_in(BIOS_AREA, BIOS_AREA_END);
}

/* A table at addr with signature sig, whole and intact; its length or 0. */
static uint32_t table(uint32_t addr, const char *sig)
{
	uint32_t len;

	if (!readable(addr, SDT_HEADER) || bh_memcmp((const void *)addr, sig, 4) != 0)
		return 0;
	len = rd32(addr + 4);
	if (len < SDT_HEADER || !readable(addr, len) || !sums_to_zero(addr, len))
		return 0;
	return len;
}

static uint32_t find_fadt(uint32_t rsdt)
{
	uint32_t len = table(rsdt, "RSDT");

	for (uint32_t i = SDT_HEADER; len && i + 4 <= len; i += 4) {
		uint32_t t = rd32(rsdt + i);

		if (table(t, "FACP") >= FADT_PM1B_CNT + 4)
			return t;
	}
	return 0;
}

/* An AML integer element at p (ByteConst, Zero or One); -1 if another. */
static int aml_small_int(const uint8_t *p)
{
	if (p[0] == AML_BYTE)
		return p[1];
	if (p[0] == AML_ZERO || p[0] == AML_ONE)
		return p[0];
	return -1;
}

/* SLP_TYPa of \_S5 in the DSDT, or -1. */
static int s5_sleep_type(uint32_t dsdt)
{
	uint32_t len = table(dsdt, "DSDT");
	const uint8_t *p = (const uint8_t *)dsdt;

	for (uint32_t i = SDT_HEADER; len && i + 12 <= len; i++) {
		uint32_t pkg;

		if (bh_memcmp(p + i, "_S5_", 4) != 0 || p[i + 4] != AML_PACKAGE)
			continue;
		/* PkgLength: bits 7:6 of its lead byte count the bytes after it. */
		pkg = i + 5 + 1 + (p[i + 5] >> 6);
		if (pkg + 3 > len)
			return -1;
		return aml_small_int(p + pkg + 1);   /* after NumElements */
	}
	return -1;
}

void acpi_poweroff(void)
{
	uint32_t rsdp = find_rsdp(), fadt;
	uint32_t pm1a, pm1b, smi;
	int slp;

	if (!rsdp || !(fadt = find_fadt(rd32(rsdp + 16))))
		return;
	slp = s5_sleep_type(rd32(fadt + FADT_DSDT));
	pm1a = rd32(fadt + FADT_PM1A_CNT);
	pm1b = rd32(fadt + FADT_PM1B_CNT);
	if (slp < 0 || pm1a == 0 || pm1a > 0xffffu || pm1b > 0xffffu)
		return;
	smi = rd32(fadt + FADT_SMI_CMD);
	/* Firmware may still own the power-management registers (SCI_EN
	 * clear): ask it to hand them over first. */
	if (smi && smi <= 0xffffu && !(inw((uint16_t)pm1a) & PM1_SCI_EN))
		outb((uint16_t)smi, *(const uint8_t *)(fadt + FADT_ACPI_EN));
	outw((uint16_t)pm1a, (uint16_t)((unsigned)slp << 10 | PM1_SLP_EN));
	if (pm1b)
		outw((uint16_t)pm1b, (uint16_t)((unsigned)slp << 10 | PM1_SLP_EN));
}
