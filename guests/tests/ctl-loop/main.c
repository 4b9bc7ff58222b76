/*
 * ctl-loop: partition control across CPUs against a port flow
 * (configs/test/test-smp-ctlloop.c, system case smp2-ctl-loop).  The role
 * is the partition's name:
 *
 *   ctl      (cpu 0) from 20 ms on, restarts bouncer ROUNDS times, once a
 *            frame, while tx sends; each
 *            status read right after must show the restart done
 *   bouncer  (cpu 1) a second destination of tx's sampling channel: binds
 *            its port to a line at every start (its restart unbinds it)
 *   tx       (cpu 1) once rx has bound its ports (20 ms), writes N
 *            numbered sampling messages and sends N numbered queuing
 *            messages to rx, PER_WINDOW a window
 *   rx       (cpu 0) bound on both channels: receives all N queued
 *            messages in order, and its ports were notified of every
 *            message — the channel's count of bound destinations stayed
 *            right through bouncer's binds and releases on cpu 1; then
 *            ends the run once bouncer's restarts are all done
 */
#include "bh_test.h"

#define ROUNDS   20
#define N        400
#define BOUNCER  1                  /* configs/test/test-smp-ctlloop.c */
#define LINE     BH_VIRQ_PORT_FIRST
#define START_NS 20000000ull        /* rx has bound its ports by then */
#define PER_WINDOW 20               /* tx's messages a window: N over ROUNDS frames */

static struct bh_part_info info;

static void __attribute__((noreturn)) idle(void)
{
	for (;;)
		bh_yield();
}

static void role_ctl(void)
{
	struct bh_part_status st;
	uint64_t start = bh_now_ns();
	unsigned i, bad = 0;

	while (bh_now_ns() - start < START_NS)
		bh_yield();
	for (i = 1; i <= ROUNDS; i++) {
		bh_part_control(BOUNCER, BH_MODE_COLD_START);
		if (bh_part_status(BOUNCER, &st) < 0 || st.restarts != i ||
		    st.mode != BH_MODE_COLD_START)
			bad++;
		bh_yield();
	}
	if (bad)
		bh_test_fail_named("ctl-restarts-seen-at-once", __FILE__, __LINE__,
				   "a status read right after a restart missed it");
	else
		bh_test_pass("ctl-restarts-seen-at-once");
	bh_tests_done();
	idle();
}

static void role_bouncer(void)
{
	int in = bh_port_open("b-in", BH_PORT_SAMPLING);

	if (in < 0 || bh_port_notify(in, LINE) < 0)
		bh_puts("bouncer: cannot bind b-in");
	idle();
}

static void role_tx(void)
{
	int out = bh_port_open("t-out", BH_PORT_SAMPLING);
	int q = bh_port_open("t-q", BH_PORT_QUEUING);
	uint64_t start = bh_now_ns();
	uint32_t i;

	/* rx binds its ports first thing in its first window (2 ms into the
	 * first frame): a message before that would rightly go unnotified. */
	while (bh_now_ns() - start < START_NS)
		bh_yield();
	for (i = 1; i <= N; i++) {
		bh_sampling_write(out, &i, sizeof(i));
		while (bh_queuing_send(q, &i, sizeof(i)) < 0)
			bh_yield();
		if (i % PER_WINDOW == 0)
			bh_yield();         /* spread over the restarts' frames */
	}
	idle();
}

static void role_rx(void)
{
	int in = bh_port_open("r-in", BH_PORT_SAMPLING);
	int q = bh_port_open("r-q", BH_PORT_QUEUING);
	struct bh_port_status sin, sq;
	struct bh_part_status b;
	uint32_t got = 0, m = 0, out_of_order = 0;

	bh_port_notify(in, LINE);
	bh_port_notify(q, LINE + 1);
	while (got < N) {
		int n = bh_queuing_receive(q, &m, sizeof(m));

		if (n < 0) {
			bh_yield();
			continue;
		}
		if (n != (int)sizeof(m) || m != ++got)
			out_of_order++;      /* a short message is as wrong */
	}
	if (out_of_order)
		bh_test_fail_named("rx-all-in-order", __FILE__, __LINE__,
				   "queued messages lost or out of order");
	else
		bh_test_pass("rx-all-in-order");
	/* The last sampling write comes before the last send: all are in. */
	bh_port_status(in, &sin);
	bh_port_status(q, &sq);
	bh_printf("rx: sampling sent %u notified %u, queuing sent %u notified %u\n",
		  sin.sent, sin.notified, sq.sent, sq.notified);
	if (sin.sent != N || sin.notified != N || sq.sent != N || sq.notified != N)
		bh_test_fail_named("rx-every-message-notified", __FILE__, __LINE__,
				   "a message without its notification");
	else
		bh_test_pass("rx-every-message-notified");
	while (bh_part_status(BOUNCER, &b) == 0 && b.restarts < ROUNDS)
		bh_yield();
	bh_yield();                     /* ctl's last status read */
	bh_tests_done();
	bh_shutdown(0);
}

int main(void)
{
	bh_self(&info);
	if (!strcmp(info.name, "ctl"))
		role_ctl();
	else if (!strcmp(info.name, "bouncer"))
		role_bouncer();
	else if (!strcmp(info.name, "tx"))
		role_tx();
	else if (!strcmp(info.name, "rx"))
		role_rx();
	bh_test_fail_named("role", __FILE__, __LINE__, "no role for this partition name");
	bh_tests_done();
	idle();
}
