/*
 * sensor: the demo's producer.  Each window it "measures" a temperature
 * (a slow triangle wave, in milli-degrees) and writes it on the sampling
 * port "temp-out"; the control task in the rtos partition wakes on the
 * port's notification.  It also keeps running statistics in the memory
 * area "telemetry", which the system monitor maps read-only.
 */
#include "libpart.h"
#include "demo_ports.h"

static int32_t temperature(uint32_t seq)
{
	int32_t phase = (int32_t)(seq % 200);

	return 18000 + 60 * (phase < 100 ? phase : 200 - phase);   /* 18..24 C */
}

int main(void)
{
	volatile struct demo_telemetry *t = DEMO_TELEMETRY;
	struct demo_sample s = { 0, 0 };
	int port;

	bh_set_mode(BH_MODE_NORMAL);
	port = bh_port_open("temp-out", BH_PORT_SAMPLING);
	if (port < 0)
		bh_panic("no port temp-out (%d)", port);
	t->min_mc = INT32_MAX;
	t->max_mc = INT32_MIN;
	bh_puts("sensor up: one sample per window on temp-out");
	for (;;) {
		s.temp_mc = temperature(s.seq);
		if (bh_sampling_write(port, &s, sizeof(s)) < 0)
			bh_panic("sampling write failed");
		t->samples = ++s.seq;
		t->last_mc = s.temp_mc;
		if (s.temp_mc < t->min_mc)
			t->min_mc = s.temp_mc;
		if (s.temp_mc > t->max_mc)
			t->max_mc = s.temp_mc;
		t->magic = DEMO_TELEMETRY_MAGIC;
		bh_yield();
	}
}
