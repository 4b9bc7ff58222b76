/*
 * Port sender (configs/test/test-ports.c): abuses the port hypercalls
 * first, then every window writes a sampling message and queues messages
 * until the queue reports full, retrying the refused one next window, so
 * the receiver must see every sequence number once and in order.
 */
#include <libpart.h>
#include <bh_test.h>
#include "ports.h"

static int s_out, q_out, q2_out;
static uint32_t sent2;
static uint8_t buf[MSG_MAX];
static volatile uint32_t room_upcalls;
static uint32_t fulls, sent, window_count;

static void on_room(unsigned line, void *arg)
{
	room_upcalls++;
}

BH_TEST(tx, open_rules, "tx-open-rules")
{
	BH_EXPECT_EQ(bh_port_open("s-in", BH_PORT_SAMPLING), -BH_ENOENT);   /* not ours */
	BH_EXPECT_EQ(bh_port_open("nope", BH_PORT_SAMPLING), -BH_ENOENT);
	BH_EXPECT_EQ(bh_port_open("s-out", BH_PORT_QUEUING), -BH_EINVAL);   /* wrong kind */
	BH_EXPECT_EQ(bh_hc3(BH_HC_PORT_OPEN, (uint32_t)"s-out", 0, 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc3(BH_HC_PORT_OPEN, (uint32_t)"s-out", 0xffffffffu, 1), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc3(BH_HC_PORT_OPEN, 0x100000, 5, 1), -BH_EFAULT);  /* kernel */
	BH_EXPECT_EQ(bh_hc3(BH_HC_PORT_OPEN, (uint32_t)"s-ou", 4, 1), -BH_ENOENT);
	BH_EXPECT_EQ(bh_hc3(BH_HC_PORT_OPEN, (uint32_t)"s-outX", 5, 1), s_out);
}

BH_TEST(tx, ids, "tx-bad-ids")
{
	BH_EXPECT_EQ(bh_sampling_write(99, buf, 8), -BH_ENOENT);
	BH_EXPECT_EQ(bh_sampling_write(-1, buf, 8), -BH_ENOENT);
	BH_EXPECT_EQ(bh_sampling_write(1, buf, 8), -BH_EPERM);      /* port-rx's s-in */
	BH_EXPECT_EQ(bh_queuing_send(3, buf, 8), -BH_EPERM);        /* port-rx's q-in */
	BH_EXPECT_EQ(bh_sampling_write(q_out, buf, 8), -BH_EINVAL); /* a queuing port */
	BH_EXPECT_EQ(bh_queuing_send(s_out, buf, 8), -BH_EINVAL);
	BH_EXPECT_EQ(bh_hc1(BH_HC_PORT_CLEAR, 0x80000000u), -BH_ENOENT);
}

BH_TEST(tx, direction, "tx-read-a-source")
{
	struct bh_sampling_result r = { 0 };

	BH_EXPECT_EQ(bh_sampling_read(s_out, buf, MSG_MAX, &r), -BH_EPERM);
	BH_EXPECT_EQ(bh_queuing_receive(q_out, buf, MSG_MAX), -BH_EPERM);
	BH_EXPECT_EQ(bh_port_clear(q_out), -BH_EPERM);
}

BH_TEST(tx, lengths, "tx-lengths")
{
	static const uint32_t bad[] = { 0, MSG_MAX + 1, 0xffffffffu, 0x80000000u };

	for (unsigned i = 0; i < N(bad); i++) {
		BH_EXPECT_EQ(bh_sampling_write(s_out, buf, bad[i]), -BH_EINVAL);
		BH_EXPECT_EQ(bh_queuing_send(q_out, buf, bad[i]), -BH_EINVAL);
	}
}

BH_TEST(tx, pointers, "tx-bad-pointers")
{
	static const uint32_t bad[] = { 0, 0x100000, BH_VCPU_PAGE - 8, 0xfffffff0u,
					BH_PART_BASE - 4, BH_SHMEM_BASE };
	struct bh_port_status st;

	for (unsigned i = 0; i < N(bad); i++) {
		BH_EXPECT_EQ(bh_hc3(BH_HC_SAMPLING_WRITE, s_out, bad[i], 8), -BH_EFAULT);
		BH_EXPECT_EQ(bh_hc3(BH_HC_QUEUING_SEND, q_out, bad[i], 8), -BH_EFAULT);
		BH_EXPECT_EQ(bh_hc2(BH_HC_PORT_STATUS, q_out, bad[i]), -BH_EFAULT);
	}
	/* Nothing went into the queue. */
	BH_EXPECT_EQ(bh_port_status(q_out, &st), 0);
	BH_EXPECT_EQ(st.nb_msgs, 0);
	BH_EXPECT_EQ(st.sent, 0);
	BH_EXPECT_EQ(bh_port_status(1, &st), -BH_EPERM);
}

BH_TEST(tx, notify_rules, "tx-notify-rules")
{
	BH_EXPECT_EQ(bh_port_notify(q_out, BH_VIRQ_WINDOW), -BH_EINVAL);
	BH_EXPECT_EQ(bh_port_notify(q_out, BH_NR_VLINES), -BH_EINVAL);
	BH_EXPECT_EQ(bh_port_notify(3, LINE_ROOM), -BH_EPERM);
	BH_EXPECT_EQ(bh_port_notify(q_out, LINE_ROOM), 0);
	BH_EXPECT_EQ(bh_virq_register(LINE_ROOM, on_room, 0), 0);
}

BH_TEST(tx, area, "tx-area-writable")
{
	for (uint32_t i = 2; i < AREA_WORDS; i++)
		AREA[i] = i * 0x9e3779b9u;
	AREA[1] = 0;
	AREA[0] = AREA_MAGIC;
	BH_EXPECT_EQ(AREA[2], 2 * 0x9e3779b9u);
}

/* Flood port-rs's queue: as many as it takes, in order, never skipping. */
static void flood(void)
{
	uint8_t m[MSG_MAX] = { 0 };

	for (;;) {
		msg_fill(m, sent2);
		if (bh_queuing_send(q2_out, m, msg_len(sent2)))
			return;
		sent2++;
	}
}

/* One window's traffic: the sampling message, then queue until full. */
static void traffic(uint32_t window)
{
	uint8_t m[MSG_MAX] = { 0 };
	int r;

	msg_fill(m, window);
	if (bh_sampling_write(s_out, m, msg_len(window)))
		bh_panic("sampling write failed");
	for (;;) {
		msg_fill(m, sent);
		r = bh_queuing_send(q_out, m, msg_len(sent));
		if (r == -BH_ENOSPC) {
			fulls++;
			return;
		}
		if (r)
			bh_panic("queuing send: %d", r);
		sent++;
	}
}

/* port-mon's write to its read-only view faulted: ours is untouched. */
BH_TEST(flow, area_kept, "tx-area-undisturbed")
{
	BH_EXPECT_EQ(AREA[0], AREA_MAGIC);
	BH_EXPECT_EQ(AREA[FAULT_WORD], FAULT_WORD * 0x9e3779b9u);
	BH_EXPECT_EQ(AREA[1], window_count);
}

BH_TEST(flow, full, "tx-queue-full-seen")
{
	struct bh_port_status st;

	BH_EXPECT(fulls > 5, "only %u full results", fulls);
	BH_EXPECT_EQ(bh_port_status(q_out, &st), 0);
	BH_EXPECT_EQ(st.refused, fulls);
	BH_EXPECT(st.nb_msgs <= DEPTH, "%u messages in a queue of %u", st.nb_msgs, DEPTH);
}

/* Each refusal was followed by a receive: one "room" notification each,
 * raised while we were out of our window, delivered (maybe coalesced). */
BH_TEST(flow, room, "tx-room-notified")
{
	BH_EXPECT_EQ(bh_virq_raised(LINE_ROOM), fulls);
	BH_EXPECT_EQ(bh_vcpu->delivered[LINE_ROOM], room_upcalls);
	BH_EXPECT(room_upcalls >= 1 && room_upcalls <= fulls, "%u room upcalls for %u "
		  "refusals", room_upcalls, fulls);
}

int main(void)
{
	uint32_t window = 0;

	bh_set_mode(BH_MODE_NORMAL);
	s_out = bh_port_open("s-out", BH_PORT_SAMPLING);
	q_out = bh_port_open("q-out", BH_PORT_QUEUING);
	q2_out = bh_port_open("q2-out", BH_PORT_QUEUING);
	if (s_out < 0 || q_out < 0 || q2_out < 0)
		bh_panic("open: %d %d %d", s_out, q_out, q2_out);
	bh_test_suite("tx", 0, 0);
	bh_virq_enable();
	bh_yield();         /* port-rx binds its lines in its first window */
	while (bh_now_ns() < STOP_NS) {
		traffic(window++);
		flood();
		AREA[1] = window;
		bh_yield();
	}
	for (int i = 0; i < 3; i++)      /* the receiver drains what is left */
		bh_yield();
	window_count = window;
	bh_printf("sent %u queued messages, %u windows, %u full\n", sent, window, fulls);
	bh_test_suite("flow", 0, 0);
	bh_tests_done();
	for (;;)
		bh_yield();
}
