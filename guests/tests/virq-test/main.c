/*
 * virq-test: virtual interrupt system tests (see virq.h), then the checks
 * of what virq-hostile did to itself, read from the health-monitor log
 * (we are the system partition), then shutdown.
 */
#include "virq.h"

#define KERNEL_EIP   0x00100000u     /* virq-hostile's forged eip (kernel text) */
#define PEER_LIMIT_NS (2000 * MS)

/* The first two health-monitor events of the peer, waiting for them. */
static int peer_events(struct bh_hm_entry *out)
{
	uint64_t end = bh_now_ns() + PEER_LIMIT_NS;
	struct bh_hm_entry e[8];
	uint32_t seq = 0;
	int n, i, found = 0;

	while (found < 2 && bh_now_ns() < end) {
		n = bh_hm_read(e, ARRAY_LEN(e), seq);
		for (i = 0; i < n; i++) {
			if (e[i].partition == PEER_ID && found < 2)
				out[found++] = e[i];
			seq = e[i].seq + 1;
		}
		if (found < 2)
			bh_yield();
	}
	return found;
}

static struct bh_hm_entry peer[2];
static int n_peer;

/* A forged frame with a kernel eip faults in ring 3: the health monitor
 * restarts the partition; the kernel goes on. */
BH_TEST(peer, peer_kernel_eip, "hm-peer-kernel-eip")
{
	BH_EXPECT(n_peer >= 1, "no health-monitor event from virq-hostile");
	BH_EXPECT(peer[0].event == BH_HM_PAGE_FAULT && peer[0].eip == KERNEL_EIP,
		  "first event %u at eip %08x, expected a page fault (%u) at %08x",
		  peer[0].event, (unsigned)peer[0].eip, BH_HM_PAGE_FAULT, KERNEL_EIP);
	BH_EXPECT(peer[0].action == BH_HM_ACT_RESTART, "action %u, expected restart",
		  peer[0].action);
}

/* A handler that executes ud2 faults into the health monitor too. */
BH_TEST(peer, peer_handler_fault, "hm-peer-handler-fault")
{
	BH_EXPECT(n_peer >= 2, "no second health-monitor event from virq-hostile");
	BH_EXPECT(peer[1].event == BH_HM_INVALID_OPCODE && peer[1].vector == 6,
		  "second event %u (vector %u), expected invalid opcode (%u)",
		  peer[1].event, peer[1].vector, BH_HM_INVALID_OPCODE);
	BH_EXPECT(peer[1].eip >= BH_PART_BASE && peer[1].eip < BH_PART_BASE + 0x100000,
		  "fault at eip %08x, not in the partition's code", (unsigned)peer[1].eip);
	BH_EXPECT(peer[1].action == BH_HM_ACT_RESTART, "action %u, expected restart",
		  peer[1].action);
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	bh_printf("virtual interrupt tests, partition %u\n", (unsigned)bh_partition_id);
	virq_suite("delivery");
	if (device_ready())
		virq_suite("device");
	virq_suite("timing");
	n_peer = peer_events(peer);
	virq_suite("peer");
	bh_tests_done();
	bh_shutdown(0);
	return 1;
}
