/*
 * Interrupt levels: saved and restored, never counted; get_level truthful.
 * The original layer's disable returned nothing, counted nesting, and its
 * get_level returned 0 whatever the state.
 */
#include "vtest.h"

BH_TEST(levels, disable_returns_previous, "disable_returns_previous")
{
	int outer, inner;

	_CPU_Virtual_Interrupts_open();
	outer = _CPU_Virtual_Interrupts_disable(0);
	inner = _CPU_Virtual_Interrupts_disable(0);
	BH_EXPECT(outer == 0, "first disable returned %d, expected 0 (was enabled)", outer);
	BH_EXPECT(inner == 1, "nested disable returned %d, expected 1 (was disabled)", inner);
}

BH_TEST(levels, nested_restore_exact, "nested_restore_exact")
{
	int outer, inner, level;

	_CPU_Virtual_Interrupts_open();
	RTEMS_VIRT_ISR_DISABLE(outer);
	RTEMS_VIRT_ISR_DISABLE(inner);
	RTEMS_VIRT_ISR_ENABLE(inner);
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 1, "inner enable re-enabled interrupts (level %d)", level);
	RTEMS_VIRT_ISR_ENABLE(outer);
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 0, "outer enable left level %d, expected 0", level);
}

/* Levels, not counters: two closes are undone by one restore of level 0. */
BH_TEST(levels, level_not_counter, "level_not_counter")
{
	int level;

	_CPU_Virtual_Interrupts_close();
	_CPU_Virtual_Interrupts_close();
	_CPU_Virtual_Interrupts_enable(0);
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 0, "enable(0) after two closes left level %d", level);
	_CPU_Virtual_Interrupts_enable(1);
	level = _CPU_Virtual_Interrupts_get_level(0);
	BH_EXPECT(level == 1, "enable(1) must restore 'disabled', level %d", level);
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

BH_TEST(levels, paravirt_levels, "paravirt_levels")
{
	uint32_t prev;

	i386_set_interrupt_level(0);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 0);
	prev = i386_disable_interrupts();
	BH_EXPECT_EQ(prev, 0);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
	BH_EXPECT_EQ(i386_disable_interrupts(), 1);
	i386_flash_interrupts(prev);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
	i386_enable_interrupts(prev);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 0);
	i386_set_interrupt_level(1);
	BH_EXPECT_EQ(i386_get_interrupt_level(), 1);
}
