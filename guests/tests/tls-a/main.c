/*
 * tls-a, tls-b, tls-raw (one source, three images): the TLS segment is the partition's own (BH_HC_SET_TLS, case
 * "tls").  Its role comes from its name:
 *   tls-a, tls-b  each points %gs at its own block, with its own magic,
 *                 and checks over many windows (the other one's TLS set
 *                 in between) that %gs still reads its own block; tls-a
 *                 then ends the run;
 *   tls-raw       never sets a TLS base and loads the TLS selector anyway:
 *                 the segment is not present for it, so the load faults
 *                 (a health-monitor event) instead of reaching the segment
 *                 another partition set.
 */
#include "bh_test.h"
#include "rtems_virt.h"

#define ROUNDS 40

static uint32_t block[4];

static uint32_t gs_read(uint32_t off)
{
	uint32_t v;

	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

static void own_block(void)
{
	uint32_t magic = 0x7e570000u | bh_partition_id;
	int i;

	block[0] = magic;
	block[3] = ~magic;
	BH_EXPECT_EQ(rtems_virt_set_tls(block), 0);
	for (i = 0; i < ROUNDS; i++) {
		bh_yield();
		BH_EXPECT(gs_read(0) == magic && gs_read(12) == ~magic,
			  "round %d: %%gs:0 = 0x%x, expected 0x%x", i, (unsigned)gs_read(0),
			  (unsigned)magic);
	}
}

/* The selector BH_HC_SET_TLS returns to the others (x86: GDT entry 8,
 * RPL 3); calling it here would give this partition a base of its own. */
#define TLS_SELECTOR 0x43u

int main(void)
{
	struct bh_part_info info;

	bh_set_mode(BH_MODE_NORMAL);
	bh_self(&info);
	if (bh_strcmp(info.name, "tls-raw") == 0) {
		uint32_t sel = TLS_SELECTOR;

		bh_yield();                     /* let tls-a and tls-b set theirs */
		bh_printf("loading the TLS selector without a base\n");
		bh_console_flush();
		__asm__ volatile("movl %0, %%gs" : : "r"(sel));
		bh_printf("TLS selector loaded: %%gs:0 = 0x%x\n", (unsigned)gs_read(0));
		return 0;
	}
	bh_test_run("tls_own_block", own_block);
	bh_tests_done();
	if (bh_strcmp(info.name, "tls-a") == 0) {
		for (int i = 0; i < 5; i++)
			bh_yield();             /* tls-b ends its rounds meanwhile */
		bh_shutdown(0);
	}
	return 0;
}
