/*
 * time-flood: hammers every service the CPUs share, in a loop, from its
 * own CPU, while another CPU's window starts are measured (system case
 * smp2-interference, configs/test/test-smp-time.c; make bench's
 * configs/bench/bench-smp.c): console lines (con_lock; one round in 8,
 * so the console keeps up and the runs stay short), queuing sends
 * and receives (the channel's lock), kernel trace reads with every
 * hypercall traced (trace_lock), HM log reads (hm_lock); and every 1024
 * rounds a cold restart through the health monitor, by an application
 * error and by a page fault in turn (an HM record, the reload of its
 * image).  A system partition (trace and HM reads), ports "fl-out" ->
 * "fl-in" to itself.
 */
#include <libpart.h>

static struct bh_trace_event ev[BH_TRACE_READ_MAX];
/* Below the partition's base: never mapped (a volatile pointer, so the
 * compiler neither drops the store nor sees a null access). */
static volatile uint32_t *volatile bad = (volatile uint32_t *)0x10;
static struct bh_hm_entry hm[BH_HM_READ_MAX];

int main(void)
{
	static const char line[] = "time-flood: a console line for con_lock, 64 bytes long......\n";
	static uint8_t msg[64], buf[64];
	struct bh_part_status st;
	struct bh_part_info me;
	int out = bh_port_open("fl-out", BH_PORT_QUEUING);
	int in = bh_port_open("fl-in", BH_PORT_QUEUING);
	unsigned round;

	bh_set_mode(BH_MODE_NORMAL);
	bh_self(&me);
	bh_part_status(me.id, &st);
	bh_trace_classes(BH_TRACE_HCALL);
	for (round = 0;; round++) {
		unsigned i;

		if (round % 8 == 0)
			bh_console_write(line, sizeof(line) - 1);
		for (i = 0; i < 4; i++)
			bh_queuing_send(out, msg, sizeof(msg));
		for (i = 0; i < 4; i++)
			bh_queuing_receive(in, buf, sizeof(buf));
		bh_trace_read(ev, BH_TRACE_READ_MAX, 0);
		bh_hm_read(hm, BH_HM_READ_MAX, 0);
		if (round % 1024 != 1023)
			continue;
		if (st.restarts & 1)
			*bad = 1;
		bh_raise_app_error(1, "flood", 5);
	}
	return 0;
}
