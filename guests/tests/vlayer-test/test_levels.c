/*
 * Interrupt levels, written as RTEMS uses them.
 *
 * The virtualpok libcpu (interrupts.h of the i386 "virtual" cpu) expands
 * _CPU_ISR_Disable(level) to { _CPU_Virtual_Interrupts_disable(level); }:
 * the function is void and the level variable is never written, so the
 * layer must remember what each disable found.  Upstream RTEMS_PARAVIRT
 * expands it to level = i386_disable_interrupts() and asks
 * _CPU_ISR_Is_enabled(level), i.e. level & 0x200 (EFLAGS.IF).
 */
#include "vtest.h"

/* As the virtualpok libcpu defines them (its level is never assigned). */
#define LIBCPU_ISR_DISABLE(_level) { _CPU_Virtual_Interrupts_disable(_level); }
#define LIBCPU_ISR_ENABLE(_level)  { _CPU_Virtual_Interrupts_enable(_level); }
#define LIBCPU_ISR_FLASH(_level) \
	{ _CPU_Virtual_Interrupts_enable(_level); _CPU_Virtual_Interrupts_disable(_level); }
/* As upstream RTEMS_PARAVIRT defines them. */
#define CPU_ISR_DISABLE(_level) _level = i386_disable_interrupts()
#define CPU_ISR_ENABLE(_level)  i386_enable_interrupts(_level)
#define CPU_ISR_IS_ENABLED(_level) (((_level) & 0x200u) != 0)

/* A garbage level: the layer must not depend on what the variable holds. */
#define JUNK 0x5a5a

BH_TEST(levels, libcpu_nested_restore, "libcpu_disable_void_nested_restore")
{
	int outer = JUNK, inner = JUNK;

	_CPU_Virtual_Interrupts_open();
	LIBCPU_ISR_DISABLE(outer);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 1);
	LIBCPU_ISR_DISABLE(inner);
	LIBCPU_ISR_ENABLE(inner);
	BH_EXPECT(_CPU_Virtual_Interrupts_get_level(0) == 1,
		  "the inner enable re-enabled interrupts");
	LIBCPU_ISR_ENABLE(outer);
	BH_EXPECT(_CPU_Virtual_Interrupts_get_level(0) == 0,
		  "the outer enable did not restore 'enabled'");
	/* Entered disabled: the pair leaves it disabled. */
	_CPU_Virtual_Interrupts_close();
	LIBCPU_ISR_DISABLE(outer);
	LIBCPU_ISR_ENABLE(outer);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 1);
}

/* The shipped macros agree with the libcpu's: same result. */
BH_TEST(levels, shipped_macros, "shipped_macros_match_libcpu")
{
	int outer, inner;

	_CPU_Virtual_Interrupts_open();
	RTEMS_VIRT_ISR_DISABLE(outer);
	RTEMS_VIRT_ISR_DISABLE(inner);
	RTEMS_VIRT_ISR_ENABLE(inner);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 1);
	RTEMS_VIRT_ISR_ENABLE(outer);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 0);
}

/* Without a matching disable, enable sets the level it is given. */
BH_TEST(levels, enable_unpaired, "enable_unpaired_sets_level")
{
	_CPU_Virtual_Interrupts_open();
	_CPU_Virtual_Interrupts_close();
	_CPU_Virtual_Interrupts_enable(0);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 0);
	_CPU_Virtual_Interrupts_enable(1);
	BH_EXPECT_EQ(_CPU_Virtual_Interrupts_get_level(0), 1);
}

BH_TEST(levels, get_level_truthful, "get_level_truthful")
{
	int level;

	_CPU_Virtual_Interrupts_close();
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 1, "closed, get_level returned %d", level);
	BH_EXPECT(bh_vcpu->irq_masked != 0, "closed, but the vCPU flag is clear");
	_CPU_Virtual_Interrupts_open();
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 0, "open, get_level returned %d", level);
	BH_EXPECT(bh_vcpu->irq_masked == 0, "open, but the vCPU flag is set");
}

/* RTEMS's _ISR_Is_enabled on a saved level: true iff level & 0x200. */
BH_TEST(levels, paravirt_if_bit, "paravirt_level_is_eflags_if")
{
	uint32_t outer, inner;

	i386_set_interrupt_level(0);
	CPU_ISR_DISABLE(outer);
	BH_EXPECT(outer == 0x200, "disable from enabled returned 0x%x, expected 0x200",
		  (unsigned)outer);
	BH_EXPECT(CPU_ISR_IS_ENABLED(outer), "_ISR_Is_enabled false for an enabled level");
	CPU_ISR_DISABLE(inner);
	BH_EXPECT(inner == 0, "disable from disabled returned 0x%x, expected 0", (unsigned)inner);
	BH_EXPECT(!CPU_ISR_IS_ENABLED(inner), "_ISR_Is_enabled true for a disabled level");
	CPU_ISR_ENABLE(inner);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
	i386_flash_interrupts(outer);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
	CPU_ISR_ENABLE(outer);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 0);
	/* Any value with IF set means enabled; the other bits are not looked at. */
	CPU_ISR_DISABLE(outer);
	i386_enable_interrupts(0x246);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 0);
	CPU_ISR_DISABLE(outer);
	i386_enable_interrupts(0x046);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
}

/* _CPU_ISR_Set_level(new_level) takes RTEMS's level: 0 on, else off. */
BH_TEST(levels, paravirt_set_level, "paravirt_set_get_level")
{
	i386_set_interrupt_level(1);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
	i386_set_interrupt_level(0);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 0);
	i386_set_interrupt_level(5);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
	BH_EXPECT(bh_vcpu->irq_masked != 0, "level 1 reported, but the vCPU flag is clear");
}
