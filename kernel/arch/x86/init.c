/* arch_init: the processor and the PC platform, in the order they need. */
#include "core/arch.h"
#include "arch/pc.h"
#include "arch/smp.h"

void arch_init(uint32_t ram_end)
{
	paging_init(ram_end);
	desc_init();
	pic_init();
	fpu_init();
	smp_find_cpus();
}
