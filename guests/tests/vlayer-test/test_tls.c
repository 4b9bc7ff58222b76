/*
 * Thread-local storage, as upstream i386 RTEMS uses it: at each context
 * switch it points %gs at the heir's TLS block and the compiler's TLS
 * accesses read %gs:offset.  Ring 3 cannot write the GDT, so the layer
 * asks the kernel (BH_HC_SET_TLS) for a segment from the block to the end
 * of the partition's memory, never beyond.
 */
#include "vtest.h"

static uint32_t block_a[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
static uint32_t block_b[2] = { 0xbbbb0000, 0xbbbb0001 };

static uint32_t gs_read(uint32_t off)
{
	uint32_t v;

	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

static void gs_write(uint32_t off, uint32_t v)
{
	__asm__ volatile("movl %0, %%gs:(%1)" : : "r"(v), "r"(off) : "memory");
}

static uint32_t gs_limit(void)
{
	uint32_t sel, lim = 0;

	__asm__ volatile("movl %%gs, %0" : "=r"(sel));
	__asm__ volatile("lsl %1, %0" : "=r"(lim) : "r"(sel) : "cc");
	return lim;
}

BH_TEST(tls, tls_gs_reads_block, "tls_gs_reads_the_block")
{
	BH_EXPECT_EQ(rtems_virt_set_tls(block_a), 0);
	BH_EXPECT(gs_read(0) == 0x11111111 && gs_read(12) == 0x44444444,
		  "%%gs:0 = 0x%x, %%gs:12 = 0x%x", (unsigned)gs_read(0), (unsigned)gs_read(12));
	gs_write(4, 0xcafef00d);
	BH_EXPECT(block_a[1] == 0xcafef00d, "a write through %%gs went elsewhere");
	/* A context switch to another thread: its own block. */
	BH_EXPECT_EQ(rtems_virt_set_tls(block_b), 0);
	BH_EXPECT_EQ(gs_read(4), 0xbbbb0001);
}

/* The segment ends where the partition's memory ends. */
BH_TEST(tls, tls_limit_own_memory, "tls_segment_within_partition")
{
	struct bh_part_info info;
	uint32_t end, base = (uint32_t)(uintptr_t)block_a;

	bh_self(&info);
	end = BH_PART_BASE + info.mem_size;
	BH_EXPECT_EQ(rtems_virt_set_tls(block_a), 0);
	BH_EXPECT(base + gs_limit() + 1 <= end, "segment [0x%x, +0x%x] passes the end 0x%x",
		  (unsigned)base, (unsigned)gs_limit(), (unsigned)end);
	BH_EXPECT(base + gs_limit() + 1 > end - BH_PAGE_SIZE,
		  "segment ends at 0x%x, well short of 0x%x", (unsigned)(base + gs_limit() + 1),
		  (unsigned)end);
	BH_EXPECT_EQ(rtems_virt_set_tls((void *)(uintptr_t)(end - 1)), 0);
	BH_EXPECT_EQ(gs_limit(), 0);            /* one byte, its own */
}

BH_TEST(tls, tls_outside_refused, "tls_base_outside_refused")
{
	struct bh_part_info info;
	uint32_t end;

	bh_self(&info);
	end = BH_PART_BASE + info.mem_size;
	BH_EXPECT_EQ(rtems_virt_set_tls(block_a), 0);
	BH_EXPECT_EQ(rtems_virt_set_tls((void *)0x1000), -BH_EFAULT);
	BH_EXPECT_EQ(rtems_virt_set_tls((void *)BH_VCPU_PAGE), -BH_EFAULT);
	BH_EXPECT_EQ(rtems_virt_set_tls((void *)(uintptr_t)end), -BH_EFAULT);
	BH_EXPECT_EQ(rtems_virt_set_tls((void *)(uintptr_t)(BH_PART_BASE - 1)), -BH_EFAULT);
	BH_EXPECT_EQ(rtems_virt_set_tls((void *)0xfffffff0u), -BH_EFAULT);
	BH_EXPECT_EQ(gs_read(0), 0x11111111);   /* a refusal changes nothing */
}

/* Other partitions run in between: the segment is still ours after. */
BH_TEST(tls, tls_survives_switches, "tls_survives_partition_switches")
{
	int i;

	BH_EXPECT_EQ(rtems_virt_set_tls(block_b), 0);
	for (i = 0; i < 3; i++)
		bh_yield();
	BH_EXPECT_EQ(gs_read(0), 0xbbbb0000);
	BH_EXPECT_EQ(gs_read(4), 0xbbbb0001);
}
