/*
 * Start-up and exit (called from start.S), and the partition's memory map.
 */
#include "libpart.h"
#include "internal.h"

/* In .data, not .bss: _start stores it before zeroing .bss. */
uint32_t bh_partition_id = ~0u;

void bh_libpart_init(void)
{
	/*
	 * Upcalls enter at libpart's trampoline.  Stack 0: frames go on the
	 * interrupted stack, so an RTOS can switch tasks at upcall exit.
	 * A kernel without upcalls fails this; handlers then never run.
	 */
	bh_hc2(BH_HC_VCPU_ENTRY, (uint32_t)bh_upcall_entry, 0);
}

void bh_libpart_exit(int status)
{
	if (status != 0)
		bh_printf("main returned %d\n", status);
	bh_halt();
}

int bh_free_memory(uintptr_t *start, uint32_t *size)
{
	struct bh_part_info info;
	uintptr_t begin = (uintptr_t)_image_end, end;
	uint32_t stack;
	int r = bh_self(&info);

	if (r < 0)
		return r;
	stack = info.stack_size ? info.stack_size : BH_DEFAULT_STACK;
	if (stack + BH_PAGE_SIZE > info.mem_size)
		return -BH_ENOSPC;
	/* The guard page sits just below the initial stack (layout.h). */
	end = BH_PART_BASE + info.mem_size - stack - BH_PAGE_SIZE;
	if (end <= begin)
		return -BH_ENOSPC;
	*start = begin;
	*size = (uint32_t)(end - begin);
	return 0;
}
