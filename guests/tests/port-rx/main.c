/*
 * Port receiver and the run's system partition (configs/test/test-ports.c):
 * drains the queue and reads the sampling port in its own window, checking
 * that every message arrives once, in order and intact, that notifications
 * raised while it was out of its window reach it at its window start, and
 * that a message goes invalid after the refresh period.  Abuses the
 * interface too, then shuts the machine down.
 */
#include <libpart.h>
#include <bh_test.h>
#include "../port-tx/ports.h"

static int s_in, s_in2, q_in;
static volatile uint32_t upcalls[BH_NR_VLINES];
static uint32_t received, windows, late_windows, bad_order, samples_ok;
static uint32_t max_seen_depth, efault_kept = 2, fanout_bad;
static char why[120];

static void on_line(unsigned line, void *arg)
{
	upcalls[line]++;
}

BH_TEST(rx, rules, "rx-direction-rules")
{
	uint8_t m[MSG_MAX] = { 0 };

	BH_EXPECT_EQ(bh_port_open("s-out", BH_PORT_SAMPLING), -BH_ENOENT);  /* port-tx's */
	BH_EXPECT_EQ(bh_port_open("q-out", BH_PORT_QUEUING), -BH_ENOENT);
	BH_EXPECT_EQ(bh_sampling_write(s_in, m, 8), -BH_EPERM);   /* a destination */
	BH_EXPECT_EQ(bh_queuing_send(q_in, m, 8), -BH_EPERM);
	BH_EXPECT_EQ(bh_sampling_read(0, m, MSG_MAX, 0), -BH_EPERM);      /* port-tx's */
	BH_EXPECT_EQ(bh_queuing_receive(2, m, MSG_MAX), -BH_EPERM);
}

BH_TEST(rx, buffers, "rx-buffer-rules")
{
	uint8_t m[MSG_MAX] = { 0 };

	BH_EXPECT_EQ(bh_queuing_receive(q_in, m, MSG_MAX - 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_queuing_receive(q_in, m, 0), -BH_EINVAL);
	BH_EXPECT_EQ(bh_sampling_read(s_in, m, MSG_MAX - 1, 0), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc3(BH_HC_QUEUING_RECEIVE, q_in, 0x100000, MSG_MAX), -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_QUEUING_RECEIVE, q_in, BH_PART_BASE, MSG_MAX),
		     -BH_EFAULT);                                /* our code: read-only */
	BH_EXPECT_EQ(bh_hc5(BH_HC_SAMPLING_READ, s_in, (uint32_t)m, MSG_MAX, 0x100000, 0),
		     -BH_EFAULT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_QUEUING_RECEIVE, q_in, 0xffffffc0u, 0xffffffffu),
		     -BH_EFAULT);
}

BH_TEST(rx, notify, "rx-notify-bind")
{
	BH_EXPECT_EQ(bh_port_notify(q_in, LINE_QUEUE), 0);
	BH_EXPECT_EQ(bh_port_notify(s_in, LINE_SAMPLE), 0);
	BH_EXPECT_EQ(bh_virq_register(LINE_QUEUE, on_line, 0), 0);
	BH_EXPECT_EQ(bh_virq_register(LINE_SAMPLE, on_line, 0), 0);
}

static void note(const char *fmt, uint32_t a, uint32_t b)
{
	if (!why[0])
		bh_snprintf(why, sizeof(why), fmt, a, b);
}

/* A message waiting: a receive into a bad buffer must not consume it. */
static void bad_buffer_keeps(void)
{
	struct bh_port_status before, after;

	bh_port_status(q_in, &before);
	if (bh_hc3(BH_HC_QUEUING_RECEIVE, q_in, 0x100000, MSG_MAX) != -BH_EFAULT)
		efault_kept = 0;
	bh_port_status(q_in, &after);
	efault_kept = efault_kept && after.nb_msgs == before.nb_msgs;
}

static void drain(void)
{
	uint8_t m[MSG_MAX] = { 0 };
	int len;

	while ((len = bh_queuing_receive(q_in, m, MSG_MAX)) != -BH_EAGAIN) {
		if (len < 0 || msg_bad(m, (uint32_t)len, received)) {
			bad_order++;
			note("message %u: length %d or bytes wrong", received, (uint32_t)len);
		}
		received++;
	}
}

static void sample(void)
{
	uint8_t m[MSG_MAX] = { 0 }, m2[MSG_MAX] = { 0 };
	struct bh_sampling_result r = { 0 }, r2 = { 0 };
	int len = bh_sampling_read(s_in, m, MSG_MAX, &r);
	int len2 = bh_sampling_read(s_in2, m2, MSG_MAX, &r2);

	if (len < 4 || (uint32_t)len != r.length ||
	    msg_bad(m, r.length, *(uint32_t *)m) || !r.valid ||
	    r.age_ns > REFRESH_US * 1000ull) {
		note("sample of length %d valid %u", (uint32_t)len, r.valid);
		return;
	}
	/* Fan-out: the other destination reads the very same message. */
	if (len2 != len || memcmp(m, m2, (size_t)len) || !r2.valid)
		fanout_bad++;
	samples_ok++;
}

static void window(void)
{
	struct bh_port_status st;
	static uint32_t before;

	bh_port_status(q_in, &st);
	if (st.nb_msgs > max_seen_depth)
		max_seen_depth = st.nb_msgs;
	/* Messages waiting at our window start: their notification, raised
	 * while we were out, was delivered before we got here. */
	if (st.nb_msgs && upcalls[LINE_QUEUE] == before)
		late_windows++;
	if (st.nb_msgs && efault_kept == 2)
		bad_buffer_keeps();
	if (st.nb_msgs) {
		windows++;
		sample();
	}
	drain();
	before = upcalls[LINE_QUEUE];   /* nothing arrives in our window */
}

BH_TEST(flow, order, "rx-intact-in-order")
{
	BH_EXPECT(!why[0], "%s", why);
	BH_EXPECT(received > 20, "only %u messages", received);
	BH_EXPECT_EQ(bad_order, 0);
}

BH_TEST(flow, depth, "rx-queue-bounded")
{
	BH_EXPECT(max_seen_depth == DEPTH, "deepest queue %u, expected %u",
		  max_seen_depth, DEPTH);
	BH_EXPECT_EQ(efault_kept, 1);
}

BH_TEST(flow, sampling, "rx-sampling-valid-fanout")
{
	BH_EXPECT(samples_ok >= windows - 1 && samples_ok > 5, "%u good samples in %u "
		  "windows", samples_ok, windows);
	BH_EXPECT_EQ(fanout_bad, 0);
}

/* Every message raised the line once (counted), each upcall is counted as
 * delivered, and none came late: coalesced = raised - delivered. */
BH_TEST(flow, notified, "rx-notify-once-per-message")
{
	struct bh_port_status st;

	BH_EXPECT_EQ(bh_port_status(q_in, &st), 0);
	BH_EXPECT_EQ(bh_virq_raised(LINE_QUEUE), received);
	BH_EXPECT_EQ(st.notified, received);
	BH_EXPECT_EQ(st.sent, received);
	BH_EXPECT_EQ(bh_vcpu->delivered[LINE_QUEUE], upcalls[LINE_QUEUE]);
	BH_EXPECT(upcalls[LINE_QUEUE] >= windows && upcalls[LINE_QUEUE] <= received,
		  "%u upcalls for %u messages in %u windows", upcalls[LINE_QUEUE],
		  received, windows);
	BH_EXPECT_EQ(late_windows, 0);
	BH_EXPECT_EQ(bh_port_status(s_in, &st), 0);
	BH_EXPECT_EQ(bh_virq_raised(LINE_SAMPLE), st.sent);
	BH_EXPECT_EQ(st.notified, st.sent);
}

/* The sender stopped at STOP_NS: long after, the message is invalid. */
BH_TEST(flow, stale, "rx-sampling-invalid-after-refresh")
{
	uint8_t m[MSG_MAX] = { 0 };
	struct bh_sampling_result r = { 0 };
	struct bh_port_status st;
	int len = bh_sampling_read(s_in, m, MSG_MAX, &r);

	BH_EXPECT(len >= 4 && (uint32_t)len == r.length, "read %d", len);
	BH_EXPECT_EQ(r.valid, 0);
	BH_EXPECT(r.age_ns > REFRESH_US * 1000ull, "age %llu ns",
		  (unsigned long long)r.age_ns);
	BH_EXPECT_EQ(bh_port_status(s_in, &st), 0);
	BH_EXPECT_EQ(st.last_valid, 0);
	BH_EXPECT_EQ(st.refresh_us, REFRESH_US);
	/* s-in2 has no refresh period: still valid. */
	BH_EXPECT_EQ(bh_sampling_read(s_in2, m, MSG_MAX, &r), len);
	BH_EXPECT_EQ(r.valid, 1);
}

BH_TEST(flow, clear, "rx-clear")
{
	uint8_t m[MSG_MAX] = { 0 };
	struct bh_port_status st;

	BH_EXPECT_EQ(bh_port_clear(s_in), 0);
	BH_EXPECT_EQ(bh_sampling_read(s_in, m, MSG_MAX, 0), -BH_EAGAIN);
	BH_EXPECT_EQ(bh_port_clear(q_in), 0);
	BH_EXPECT_EQ(bh_port_status(q_in, &st), 0);
	BH_EXPECT_EQ(st.nb_msgs, 0);
	/* "empty" is a result, not an error. */
	BH_EXPECT_EQ(bh_queuing_receive(q_in, m, MSG_MAX), -BH_EAGAIN);
	BH_EXPECT_EQ(st.max_nb_msgs, DEPTH);
	BH_EXPECT_EQ(st.max_msg_size, MSG_MAX);
	BH_EXPECT_EQ(st.kind, BH_PORT_QUEUING);
	BH_EXPECT_EQ(st.direction, BH_PORT_DESTINATION);
}

/* port-mon wrote its read-only view of the area: a page fault at that
 * address, logged against port-mon alone. */
BH_TEST(flow, area, "rx-area-write-faults-in-hm")
{
	static struct bh_hm_entry log[BH_HM_READ_MAX];
	int n = bh_hm_read(log, BH_HM_READ_MAX, 0), found = 0;

	BH_EXPECT(n > 0, "hm read: %d", n);
	for (int i = 0; i < n; i++) {
		/* port-mon's fault, and port-rs's own restart requests. */
		BH_EXPECT(log[i].partition == MON_ID ||
			  (log[i].partition == RS_ID &&
			   log[i].event == BH_HM_PARTITION_RESTART),
			  "an HM event %u of partition %u", log[i].event,
			  (unsigned)log[i].partition);
		if (log[i].event == BH_HM_PAGE_FAULT &&
		    log[i].addr == (uint32_t)&AREA[FAULT_WORD])
			found = 1;
	}
	BH_EXPECT(found, "no page fault at %08x in the log", (unsigned)&AREA[FAULT_WORD]);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	s_in = bh_port_open("s-in", BH_PORT_SAMPLING);
	s_in2 = bh_port_open("s-in2", BH_PORT_SAMPLING);
	q_in = bh_port_open("q-in", BH_PORT_QUEUING);
	if (s_in < 0 || s_in2 < 0 || q_in < 0)
		bh_panic("open: %d %d %d", s_in, s_in2, q_in);
	bh_test_suite("rx", 0, 0);
	bh_virq_enable();
	while (bh_now_ns() < END_NS) {
		bh_yield();
		window();
	}
	bh_printf("received %u messages in %u windows, %u queue upcalls\n", received,
		  windows, upcalls[LINE_QUEUE]);
	bh_test_suite("flow", 0, 0);
	bh_tests_done();
	bh_shutdown(0);
	return 1;
}
