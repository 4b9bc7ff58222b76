/*
 * Memory-area reader (configs/test/test-ports.c): the area "telemetry" is
 * mapped read-only here.  It sees what port-tx writes, live, then tries to
 * write it: the write faults into the health monitor, which halts this
 * partition (port-rx checks the log; port-tx carries on).
 */
#include <libpart.h>
#include <bh_test.h>
#include "../port-tx/ports.h"

BH_TEST(mon, read, "mon-area-reads-producer")
{
	uint32_t first;

	while (AREA[0] != AREA_MAGIC)
		bh_yield();
	for (uint32_t i = 2; i < AREA_WORDS; i++)
		BH_EXPECT(AREA[i] == i * 0x9e3779b9u, "area[%u] = %08x", i, AREA[i]);
	/* port-tx counts its windows in area[1]: the same pages, live. */
	first = AREA[1];
	bh_yield();
	bh_yield();
	BH_EXPECT(AREA[1] > first, "area[1] stayed %u", first);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	bh_test_suite("mon", 0, 0);
	bh_tests_done();
	bh_console_flush();
	AREA[FAULT_WORD] = 0xdead;      /* read-only: faults, we are halted */
	bh_printf("FATAL: wrote a read-only area\n");
	return 1;
}
