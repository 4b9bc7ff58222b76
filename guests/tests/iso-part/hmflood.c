/*
 * One partition cannot erase the others' health-monitor records
 * (configs/test/test-hmflood.c, issue 8 defect 7).  "faulter" commits one
 * invalid opcode (halted); then "stepper", whose #DB is configured
 * "ignore", single-steps through 200 distinct instructions and a two-
 * instruction loop run 3000 times.  "hmwatch", a system partition, then
 * finds faulter's record still in the log, stepper's loop coalesced into
 * two records with their counts, and stepper's own losses counted.  The
 * console shows at most a few lines a second of the flood.
 */
#include "iso.h"

#define P_STEPPER   1
#define P_FAULTER   2
#define LOOPS       3000
#define DISTINCT    200
#define PAUSE       110         /* windows: past the HM's 1 s console budget */
#define WAIT        (PAUSE + 20)
#define STR_(x)     #x
#define STR(x)      STR_(x)

void role_faulter(void)
{
	__asm__ volatile("ud2");
	bh_printf("faulter: SURVIVED ud2\n");
	bh_halt();
}

void role_stepper(void)
{
	unsigned i;

	__asm__ volatile(
		"pushfl; orl $0x100, (%%esp); popfl\n\t"
		".rept " STR(DISTINCT) "\n\tnop\n\t.endr\n\t"
		"movl $" STR(LOOPS) ", %%ecx\n"
		"1:\tdecl %%ecx\n\tjnz 1b\n\t"
		"pushfl; andl $~0x100, (%%esp); popfl"
		: : : "ecx", "memory", "cc");
	/* One more trap a second later: its console line tells how many
	 * lines the budget held back. */
	for (i = 0; i < PAUSE; i++)
		bh_yield();
	__asm__ volatile("pushfl; orl $0x100, (%%esp); popfl\n\tnop\n\t"
			 "pushfl; andl $~0x100, (%%esp); popfl" : : : "memory", "cc");
	bh_printf("stepper: done\n");
	bh_tests_done();
	for (;;)
		bh_yield();
}

struct flood {
	unsigned faulter, loop_records, read;
	uint32_t next_seq;
	struct verdict v;
};

static void check_record(struct flood *f, const struct bh_hm_entry *e)
{
	if (e->seq < f->next_seq)
		VFAIL(&f->v, "record %u after %u: read twice or out of order", e->seq,
		      f->next_seq - 1);
	f->next_seq = e->seq + 1;
	f->read++;
	if (e->partition == P_FAULTER && e->event == BH_HM_INVALID_OPCODE)
		f->faulter++;
	if (e->partition == P_STEPPER && e->count > 1) {
		f->loop_records++;
		if (e->count < LOOPS - 1 || e->count > LOOPS)
			VFAIL(&f->v, "loop record at %08x counts %u, expected about %u",
			      e->eip, e->count, LOOPS);
	}
}

static void test_flood(void)
{
	static struct flood f = { .v = { .name = "hm-flood-keeps-others" } };
	struct bh_hm_entry e[16];
	struct bh_hm_stats st = { 0 };     /* printed even when the call fails */
	int n, i, rc;

	while ((n = bh_hm_read(e, 16, f.next_seq)) > 0)
		for (i = 0; i < n; i++)
			check_record(&f, &e[i]);
	if (f.faulter != 1)
		VFAIL(&f.v, "%u records of faulter's invalid opcode in %u read: the "
		      "stepper's flood erased it", f.faulter, f.read);
	if (f.loop_records != 2)
		VFAIL(&f.v, "%u coalesced records for the stepped loop, expected 2",
		      f.loop_records);
	rc = bh_hc2(BH_HC_HM_STATS, P_STEPPER, (uint32_t)&st);
	if (rc)
		VFAIL(&f.v, "BH_HC_HM_STATS(stepper) = %d", rc);
	else if (st.events < DISTINCT + 2 * LOOPS || st.coalesced < 2 * LOOPS - 2 ||
		 st.dropped < DISTINCT - 64 || st.records - st.dropped > 64)
		VFAIL(&f.v, "stepper: %u events, %u records, %u coalesced, %u dropped",
		      st.events, st.records, st.coalesced, st.dropped);
	rc = bh_hc2(BH_HC_HM_STATS, P_FAULTER, (uint32_t)&st);
	if (rc || st.events != 1 || st.dropped)
		VFAIL(&f.v, "BH_HC_HM_STATS(faulter) = %d: %u events, %u dropped", rc,
		      st.events, st.dropped);
	verdict_report(&f.v);
}

static void test_stats_args(void)
{
	struct bh_hm_stats st = { 0 };     /* printed even when the call fails */

	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, 3, (uint32_t)&st), -BH_ENOENT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, 0x7fffffffu, (uint32_t)&st), -BH_ENOENT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, BH_HM_SOURCE_MODULE, (uint32_t)&st), 0);
	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, 0, 0x00100000u), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc2(BH_HC_HM_STATS, 0, 0), -BH_EFAULT);
}

void role_hmwatch(void)
{
	unsigned i;

	for (i = 0; i < WAIT; i++)
		bh_yield();
	bh_test_run("hm-stats-args", test_stats_args);
	test_flood();
	bh_tests_done();
	bh_shutdown(0);
}
