/*
 * Receiver that restarts (configs/test/test-ports.c): port-tx floods its
 * queue every window; it takes a few messages per window and restarts
 * itself (cold) every few windows.  Its expected sequence number lives in
 * its own memory area, which restarts keep: after each restart the queue
 * must hand it the very next message, intact — nothing lost, duplicated
 * or corrupted by the restart.
 */
#include <libpart.h>
#include <bh_test.h>
#include "../port-tx/ports.h"

enum { NEXT, BAD, TAKEN, LIVES };     /* words of RS_STATE */
static int q2_in;

/* Up to two messages, each the next in sequence and intact. */
static void take(void)
{
	uint8_t m[MSG_MAX] = { 0 };
	int len;

	for (int i = 0; i < 2; i++) {
		len = bh_queuing_receive(q2_in, m, MSG_MAX);
		if (len == -BH_EAGAIN)
			return;
		if (len < 0 || msg_bad(m, (uint32_t)len, RS_STATE[NEXT]))
			RS_STATE[BAD]++;
		RS_STATE[NEXT]++;
		RS_STATE[TAKEN]++;
	}
}

BH_TEST(rs, restarts, "rs-queue-across-restarts")
{
	struct bh_part_info me;
	struct bh_port_status st;

	BH_EXPECT(bh_self(&me) == RS_ID, "not partition %u", RS_ID);
	BH_EXPECT_EQ(me.restarts, RS_LIVES - 1);
	BH_EXPECT_EQ(RS_STATE[BAD], 0);
	BH_EXPECT(RS_STATE[TAKEN] >= 2 * RS_LIVES, "only %u messages taken",
		  RS_STATE[TAKEN]);
	BH_EXPECT_EQ(bh_port_status(q2_in, &st), 0);
	BH_EXPECT(st.nb_msgs <= DEPTH, "%u messages queued", st.nb_msgs);
	/* Every message sent so far was taken or is still queued. */
	BH_EXPECT_EQ(st.sent, RS_STATE[TAKEN] + st.nb_msgs);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	q2_in = bh_port_open("q2-in", BH_PORT_QUEUING);
	if (q2_in < 0)
		bh_panic("open: %d", q2_in);
	if (++RS_STATE[LIVES] < RS_LIVES) {
		for (int w = 0; w < 3; w++) {
			take();
			bh_yield();
		}
		take();
		bh_part_restart(RS_ID);      /* cold: memory reloaded, area kept */
		bh_panic("restart returned");
	}
	take();
	bh_test_suite("rs", 0, 0);
	bh_tests_done();
	for (;;) {
		take();
		bh_yield();
	}
}
