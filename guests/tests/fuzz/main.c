/*
 * fuzz: a hostile partition.  It calls every hypercall number (and many
 * that do not exist) with random arguments drawn from values that tend to
 * break kernels — 0, -1, kernel addresses, the guard page, the vCPU page,
* ranges running into its stack guard page, huge lengths — and checks that
 * each call returns (an error or a result) and that the kernel's answers
 * stay sane.  The calls that would end or reset this partition on purpose
 * are left out; everything else is fair game.
 *
 * The seed and the number of calls are build-time choices (FUZZ_SEED,
 * FUZZ_CALLS: `make fuzz` builds a 10^6-call run, tests/fuzz/fuzz.mk),
 * printed at the start so a run can be repeated; a failing check prints
 * the seed and the call that broke it.
 */
#include "libpart.h"
#include "bh_test.h"

#ifndef FUZZ_SEED
#define FUZZ_SEED  0x2545f491u
#endif
#ifndef FUZZ_CALLS
#define FUZZ_CALLS 20000u
#endif

static uint32_t rng = FUZZ_SEED;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint32_t guard_page;      /* start of the unmapped page below the stack */

/*
 * A hostile argument: mostly boundary values, sometimes plain noise.  Not
 * the fuzzer's own code and data: the kernel would rightly write there.
 */
static uint32_t nasty(void)
{
	static const uint32_t fixed[] = {
		0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0x00100000u,
		0x00001000u, BH_VCPU_PAGE, BH_VCPU_PAGE + 0xff0, BH_PART_BASE - 4,
		0xc0000000u, 0xfffff000u, 16, 17, 31, 32, 255,
	};
	uint32_t r = next_random();

	switch (r % 4) {
	case 0:
		return fixed[(r >> 8) % (sizeof(fixed) / sizeof(fixed[0]))];
	case 1:
		return guard_page - (r >> 8) % 64;    /* ranges running into the guard */
	case 2:
		return (r >> 8) % 64;                 /* small numbers */
	default:
		return next_random();
	}
}

/* Calls that end, restart or redirect this partition by design. */
static int excluded(uint32_t nr)
{
	return nr == BH_HC_SET_MODE || nr == BH_HC_HALT_SELF || nr == BH_HC_YIELD ||
	       nr == BH_HC_PART_RESTART || nr == BH_HC_VCPU_ENTRY ||
	       nr == BH_HC_SHUTDOWN || nr == BH_HC_RAISE_APP_ERROR ||
	       nr == BH_HC_IDLE;        /* waits out the window: a million would take hours */
}

/* What the run has done, counted as it happens. */
static struct {
	unsigned made, errors, accepted;
} count;

/* One hypercall: counted only once it has returned. */
static int32_t call(uint32_t nr, const uint32_t a[5])
{
	int32_t r = bh_hc5(nr, a[0], a[1], a[2], a[3], a[4]);

	count.made++;
	return r;
}

/* A number to call: in range or just past it, sometimes far out. */
static uint32_t pick_call(void)
{
	uint32_t nr;

	do {
		nr = next_random() % (BH_HC_COUNT + 4);
		if (next_random() % 16 == 0)
			nr = next_random();
	} while (excluded(nr));
	return nr;
}

#define CALL_FMT "seed 0x%08x, call %u: nr %u (0x%x, 0x%x, 0x%x, 0x%x, 0x%x) = %d"
#define CALL_ARGS(nr, a, r) (unsigned)FUZZ_SEED, count.made, (unsigned)(nr), \
	(unsigned)(a)[0], (unsigned)(a)[1], (unsigned)(a)[2], (unsigned)(a)[3], \
	(unsigned)(a)[4], (int)(r)

BH_TEST(fuzz, fuzz_calls, "hypercall_fuzz")
{
	for (unsigned i = 0; i < FUZZ_CALLS; i++) {
		uint32_t nr = pick_call(), a[5];
		int32_t r;

		for (unsigned k = 0; k < 5; k++)
			a[k] = nasty();
		r = call(nr, a);
		if (nr >= BH_HC_COUNT)
			BH_EXPECT(r == -BH_ENOSYS, "not -ENOSYS: " CALL_FMT, CALL_ARGS(nr, a, r));
		if (r < 0) {
			BH_EXPECT(-r < BH_NR_ERRNO, "unknown error: " CALL_FMT,
				  CALL_ARGS(nr, a, r));
			count.errors++;
		} else {
			count.accepted++;
		}
		if (i % 100000 == 99999)
			bh_printf("\nfuzz: %u calls so far\n", count.made);
	}
	/* A line of its own: console writes above may have left one open. */
	bh_printf("\nfuzz: %u calls made of %u planned, %u errors, %u accepted "
		  "(seed 0x%08x)\n", count.made, (unsigned)FUZZ_CALLS, count.errors,
		  count.accepted, (unsigned)FUZZ_SEED);
	BH_EXPECT(count.made == FUZZ_CALLS, "%u calls made, %u planned",
		  count.made, (unsigned)FUZZ_CALLS);
	BH_EXPECT(count.errors + count.accepted == count.made,
		  "%u errors + %u accepted for %u calls", count.errors,
		  count.accepted, count.made);
}

BH_TEST(fuzz, still_alive, "alive_after_fuzz")
{
	struct bh_part_info info;

	BH_EXPECT(bh_self(&info) >= 0, "self-information after fuzzing failed");
	BH_EXPECT(bh_abi_version() == BH_ABI_VERSION, "ABI version changed");
}

int main(void)
{
	struct bh_part_info info;

	bh_self(&info);
	/* No upcall entry: a line the fuzzer happens to attach and raise must
	 * not divert it, so every call below returns to this loop. */
	bh_hc2(BH_HC_VCPU_ENTRY, 0, 0);
	guard_page = BH_PART_BASE + info.mem_size - info.stack_size - BH_PAGE_SIZE;
	bh_printf("fuzz: seed 0x%08x, %u calls planned\n", (unsigned)FUZZ_SEED,
		  (unsigned)FUZZ_CALLS);
	bh_test_suite("fuzz", 0, 0);
	bh_tests_done();
	return 0;
}
