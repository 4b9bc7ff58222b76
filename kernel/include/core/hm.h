/* The health monitor: partition faults are logged and handled per config. */
#ifndef CORE_HM_H
#define CORE_HM_H

#include <stdint.h>
#include <bulkhead/hypercall.h>
#include "core/hmlog.h"

struct partition;
struct trap_frame;

/* One event of a partition as the health monitor logs it; an exception's
 * is classified by the arch (x86: trap.c), which knows the vectors and
 * maps only traps to the events BH_HM_TRAPS (hypercall.h) calls traps. */
struct hm_fault {
	enum bh_hm_event ev;
	uint32_t vector;           /* HM_NO_VECTOR: no processor exception */
	uint32_t eip, addr, error;
};
#define HM_NO_VECTOR 0xffffu

void hm_raise(struct partition *p, const struct hm_fault *f);
/* An event core found while handling the partition's entry tf (an upcall
 * frame that does not fit): eip and the rest from the frame. */
void hm_raise_at(struct partition *p, enum bh_hm_event ev,
		 const struct trap_frame *tf, uint32_t addr);
/* An event of no partition (BH_HM_SOURCE_MODULE in the log). */
void hm_log_module(enum bh_hm_event ev, unsigned vector, uint32_t eip,
		   unsigned action);
/* NMIs (count since the last report) or a machine check: logged as the
 * module's; bh_config.nmi_action decides what an NMI does. */
void hm_raise_module(enum bh_hm_event ev, unsigned vector, uint32_t count);
/* A restart by hypercall (self: the partition's own request; a system
 * partition's otherwise), cold or warm; also a start from IDLE. */
int hm_restart_request(struct partition *p, int self, int warm);
/* Up to max records with seq >= first_seq, oldest first, to sink. */
unsigned hm_copy(unsigned max, uint32_t first_seq, hmlog_sink_t sink, void *ctx);
/* Accounting of one source (a partition id or BH_HM_SOURCE_MODULE). */
int hm_stats(uint32_t source, struct bh_hm_stats *out);

#endif
