/*
 * fuzz: a hostile partition.  It calls every hypercall number (and many
 * that do not exist) with random arguments drawn from values that tend to
 * break kernels — 0, -1, kernel addresses, the guard page, the vCPU page,
* ranges running into its stack guard page, huge lengths — and checks that
 * each call returns (an error or a result) and that the kernel's answers
 * stay sane.  The calls that would end or reset this partition on purpose
 * are left out; everything else is fair game.
 */
#include "libpart.h"
#include "bh_test.h"

#define N_CALLS 20000

static uint32_t rng = 0x2545f491u;

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
	       nr == BH_HC_SHUTDOWN;
}

static void fuzz_calls(void)
{
	unsigned i, errors = 0, ok = 0;

	for (i = 0; i < N_CALLS; i++) {
		uint32_t nr = next_random() % (BH_HC_COUNT + 4);
		int32_t r;

		if (next_random() % 16 == 0)
			nr = next_random();               /* far out of range */
		if (excluded(nr))
			continue;
		r = bh_hc5(nr, nasty(), nasty(), nasty(), nasty(), nasty());
		if (nr >= BH_HC_COUNT)
			BH_EXPECT(r == -BH_ENOSYS, "call %u returned %d, not -ENOSYS",
				  (unsigned)nr, (int)r);
		if (r < 0) {
			BH_EXPECT(-r < BH_NR_ERRNO, "call %u returned unknown error %d",
				  (unsigned)nr, (int)r);
			errors++;
		} else {
			ok++;
		}
	}
	bh_printf("fuzz: %u calls, %u errors, %u accepted\n", N_CALLS, errors, ok);
}

static void still_alive(void)
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
	bh_test_run("hypercall_fuzz", fuzz_calls);
	bh_test_run("alive_after_fuzz", still_alive);
	bh_tests_done();
	return 0;
}
