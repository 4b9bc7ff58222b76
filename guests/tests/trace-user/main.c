/*
 * The partition without authority of the trace test
 * (configs/test/test-trace-read.c): BH_HC_TRACE is refused to it, reading
 * and switching; it keeps trying once a window, which trace-sys sees in
 * the trace (guests/tests/trace-rd).
 */
#include <libpart.h>
#include <bh_test.h>

static struct bh_trace_event ev[1];
static struct bh_trace_info info;

BH_TEST(user, refused, "user-refused")
{
	BH_EXPECT_EQ(bh_trace_read(ev, 1, &info), -BH_EPERM);
	BH_EXPECT_EQ(bh_trace_classes(0), -BH_EPERM);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	bh_test_suite("user", 0, 0);
	bh_tests_done();
	for (;;) {
		bh_trace_read(ev, 1, 0);
		bh_yield();
	}
}
