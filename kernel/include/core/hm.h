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
	uint32_t esp;              /* the partition's stack pointer at the event */
	struct trap_frame *tf;     /* its entry frame, for a delivery; 0: none */
	const char *msg;           /* an application error's message ... */
	uint32_t msg_len;          /* ... and its length */
};
#define HM_NO_VECTOR 0xffffu

/* Log and act; returns 1 if the error was delivered to p's handler. */
int hm_raise(struct partition *p, const struct hm_fault *f);
/* An event core found while handling the partition's entry tf (an upcall
 * frame that does not fit): eip and the rest from the frame. */
void hm_raise_at(struct partition *p, enum bh_hm_event ev,
		 const struct trap_frame *tf, uint32_t addr);
/* An event of no partition (BH_HM_SOURCE_MODULE in the log). */
void hm_log_module(enum bh_hm_event ev, unsigned vector, uint32_t eip,
		   unsigned action);
/* Module events (count of them since the last report; detail goes in
 * the records' error_code): logged as the module's, then what
 * bh_config.module_action[] says is done (shutdown and reset do not
 * return). */
void hm_raise_module(enum bh_hm_event ev, unsigned vector, uint32_t count,
		     uint32_t detail);
/* The module action for event m, defaults and unsafe values resolved. */
unsigned hm_module_action(const struct bh_config *cfg, enum bh_module_event m);
/* The end of a panic (a failed kernel self-check): shut down or reset. */
void hm_panic_stop(void) __attribute__((noreturn));
/* Before the machine stops (a panic, a module stop or reset, a shutdown):
 * every other CPU parked, then the console polled; once more from the
 * same CPU, nothing. */
void hm_stop_cpus(void);

/* The partition's error handler (hm_deliver.c; bh_error_status in vcpu.h). */
int32_t hm_set_handler(struct partition *p, uint32_t line);
uint32_t hm_handler_line(const struct partition *p);    /* 0: none */
int32_t hm_ack(struct partition *p, uint32_t seq);
void hm_part_reset(struct partition *p);
/* Why an error of p cannot be delivered now (a reason), or NULL; *at:
 * where its frame goes. */
const char *hm_undeliverable(struct partition *p, const struct hm_fault *f,
			     uint32_t *at);
void hm_deliver(struct partition *p, const struct hm_fault *f, uint32_t at);
/* After a delivery inside a hypercall: the call's result goes in the
 * delivered frame, and the caller's eax gets the line (the upcall's). */
int32_t hm_delivered_result(struct partition *p, int32_t result);
/* A restart by hypercall (self: the partition's own request; a system
 * partition's otherwise), cold or warm; also a start from IDLE. */
int hm_restart_request(struct partition *p, int self, int warm);
/* Up to max records with seq >= first_seq, oldest first, to sink. */
unsigned hm_copy(unsigned max, uint32_t first_seq, hmlog_sink_t sink, void *ctx);
/* Accounting of one source (a partition id or BH_HM_SOURCE_MODULE). */
int hm_stats(uint32_t source, struct bh_hm_stats *out);

#endif
