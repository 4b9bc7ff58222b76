/* Host unit tests of kernel/core/port.c (see tests/unit/port.mk). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/errno.h>
#include <bulkhead/layout.h>
#include "core/port_ops.h"

#define S(n, part, dir, size) { .name = n, .partition = part, .kind = BH_PORT_SAMPLING, \
				.direction = BH_PORT_##dir, .max_msg_size = size }
#define Q(n, part, dir, size, depth) { .name = n, .partition = part, \
				.kind = BH_PORT_QUEUING, .direction = BH_PORT_##dir, \
				.max_msg_size = size, .max_nb_msgs = depth }

/* Sensor broadcasts to control and monitor; control queues to display. */
static const struct bh_config cfg = {
	.signature = BH_CONFIG_SIGNATURE,
	.revision = BH_CONFIG_REVISION,
	.n_partitions = 3,
	.partitions = {
		{ .name = "sensor", .module = "s.elf", .mem_size = 0x20000 },
		{ .name = "control", .module = "c.elf", .mem_size = 0x20000 },
		{ .name = "display", .module = "d.elf", .mem_size = 0x20000 },
	},
	.n_plans = 1,
	.plans = { { .major_frame_us = 30000, .n_windows = 3, .windows = {
		{ 0, 0, 10000, 0 }, { 1, 10000, 10000, 0 }, { 2, 20000, 10000, 0 } } } },
	.n_ports = 5,
	.ports = {
		S("temp-out", 0, SOURCE, 64),
		{ .name = "temp-in", .partition = 1, .kind = BH_PORT_SAMPLING,
		  .direction = BH_PORT_DESTINATION, .max_msg_size = 64, .refresh_us = 5000 },
		S("temp-mon", 2, DESTINATION, 64),
		Q("cmd-out", 1, SOURCE, 10, 3),
		Q("cmd-in", 2, DESTINATION, 10, 3),
	},
	.n_channels = 2,
	.channels = {
		{ .source = 0, .n_dests = 2, .dests = { 1, 2 } },
		{ .source = 3, .n_dests = 1, .dests = { 4 } },
	},
	.n_areas = 1,
	.areas = { { .name = "shm", .va = BH_SHMEM_BASE, .size = 0x2000, .n_users = 2,
		     .users = { { 0, BH_AREA_READ | BH_AREA_WRITE }, { 2, BH_AREA_READ } } } },
};

static struct port ports[BH_MAX_PORTS];
static struct chan chans[BH_MAX_CHANNELS];
static uint8_t pool[BH_PORT_POOL_BYTES];

static int setup(void **state)
{
	memset(ports, 0, sizeof(ports));
	memset(pool, 0xee, sizeof(pool));
	return port_setup(&cfg, ports, chans, pool, sizeof(pool));
}

static void config_valid(void **state)
{
	char msg[320];
	/* 3 x (32 + 6) pages of partitions + 2 area pages + 2 users' tables:
	 * the exact fit, and one page less is refused. */
	static const char *const mods[] = { "s.elf", "c.elf", "d.elf" };
	struct bh_machine m = { 3 * (32 + 6) * 4096 + 2 * 4096 + 2 * 4096, 3, mods, 0 };

	assert_int_equal(bh_config_validate(&cfg, &m, msg, sizeof(msg)), 0);
	m.mem_bytes -= 4096;
	assert_int_equal(bh_config_validate(&cfg, &m, msg, sizeof(msg)), -BH_ENOSPC);
}

static void wiring(void **state)
{
	assert_ptr_equal(ports[0].chan, ports[1].chan);   /* fan-out: one store */
	assert_ptr_equal(ports[0].chan, ports[2].chan);
	assert_ptr_equal(ports[3].chan, ports[4].chan);
	assert_ptr_not_equal(ports[0].chan, ports[3].chan);
	assert_int_equal(ports[1].partition, 1);
	assert_int_equal(ports[3].chan->depth, 3);
	assert_int_equal(ports[3].chan->slot, 12);        /* 10 rounded to 4 */
	assert_int_equal(ports[1].valid_limit, 5000000);
	assert_int_equal(ports[2].valid_limit, UINT64_MAX);
	assert_int_equal(ports[4].key, PORT_KEY(2, BH_PORT_QUEUING, BH_PORT_DESTINATION));
	/* Storage does not overlap: the queue lies after the sampling slot. */
	assert_true(ports[3].chan->buf >= ports[0].chan->buf + 64);
	assert_int_equal(port_setup(&cfg, ports, chans, pool, 64 + 35), -BH_ENOSPC);
}

static void sampling_fanout_and_age(void **state)
{
	struct chan *c = ports[0].chan;
	uint32_t len, valid;
	uint64_t age;
	const uint8_t *m;

	assert_null(port_sampling_peek(c, 100, port_valid_limit(5000), &len, &age, &valid));
	assert_int_equal(valid, 0);
	port_sampling_write(c, "hello", 5, 1000000);
	/* Every destination reads the same message, as often as it likes. */
	for (int i = 0; i < 2; i++) {
		m = port_sampling_peek(ports[1 + i].chan, 3000000, port_valid_limit(5000), &len, &age, &valid);
		assert_non_null(m);
		assert_memory_equal(m, "hello", 5);
		assert_int_equal(len, 5);
		assert_int_equal(age, 2000000);
		assert_int_equal(valid, 1);
	}
	/* Exactly the refresh period: still valid; one ns more: not. */
	port_sampling_peek(c, 6000000, port_valid_limit(5000), &len, &age, &valid);
	assert_int_equal(valid, 1);
	port_sampling_peek(c, 6000001, port_valid_limit(5000), &len, &age, &valid);
	assert_int_equal(valid, 0);
	/* Refresh 0: never stale. */
	port_sampling_peek(c, UINT64_MAX, port_valid_limit(0), &len, &age, &valid);
	assert_int_equal(valid, 1);
	/* A clock read before the stamp gives age 0, not a huge one. */
	port_sampling_peek(c, 999999, port_valid_limit(5000), &len, &age, &valid);
	assert_int_equal(age, 0);
	/* A newer, shorter message replaces it whole. */
	port_sampling_write(c, "ab", 2, 7000000);
	m = port_sampling_peek(c, 7000000, port_valid_limit(5000), &len, &age, &valid);
	assert_int_equal(len, 2);
	assert_memory_equal(m, "ab", 2);
	assert_int_equal(c->sent, 2);
	port_chan_clear(c);
	assert_null(port_sampling_peek(c, 7000000, port_valid_limit(5000), &len, &age, &valid));
}

static void queue_order_and_overflow(void **state)
{
	struct chan *c = ports[3].chan;
	char msg[10];
	uint32_t len;
	const uint8_t *m;

	assert_null(port_queue_peek(c, &len));
	/* Many laps around the ring: always in order, never more than depth. */
	for (int lap = 0; lap < 5; lap++) {
		for (int i = 0; i < 3; i++) {
			memset(msg, 'a' + lap * 3 + i, sizeof(msg));
			assert_int_equal(port_queue_put(c, msg, 1 + i), 0);
		}
		memset(msg, 'Z', sizeof(msg));
		assert_int_equal(port_queue_put(c, msg, 10), -BH_ENOSPC);   /* full */
		for (int i = 0; i < 3; i++) {
			m = port_queue_peek(c, &len);
			assert_non_null(m);
			assert_int_equal(len, 1 + i);
			for (uint32_t k = 0; k < len; k++)
				assert_int_equal(m[k], 'a' + lap * 3 + i);  /* not overwritten */
			port_queue_drop(c);
		}
		assert_null(port_queue_peek(c, &len));
	}
	assert_int_equal(c->sent, 15);
	assert_int_equal(c->dropped, 5);
	/* The largest message fits its slot and does not spill into the next. */
	memset(msg, 'x', 10);
	port_queue_put(c, msg, 10);
	port_queue_put(c, "y", 1);
	m = port_queue_peek(c, &len);
	assert_int_equal(len, 10);
	assert_memory_equal(m, "xxxxxxxxxx", 10);
	port_queue_drop(c);
	m = port_queue_peek(c, &len);
	assert_int_equal(m[0], 'y');
	port_chan_clear(c);
	assert_null(port_queue_peek(c, &len));
	assert_int_equal(c->count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_valid),
		cmocka_unit_test_setup(wiring, setup),
		cmocka_unit_test_setup(sampling_fanout_and_age, setup),
		cmocka_unit_test_setup(queue_order_and_overflow, setup),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
