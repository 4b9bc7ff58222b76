/*
 * The kernel trace (kernel/core/trace.c): a fixed-size ring of events per
 * boot, recorded when the configuration turns their class on
 * (bh_config.trace), read by a system partition with BH_HC_TRACE and by
 * the host from a memory dump (tools/trace, docs/architecture.md "Trace").
 */
#ifndef BULKHEAD_TRACE_H
#define BULKHEAD_TRACE_H

#include <stdint.h>
#include "abicheck.h"

/* Classes: bits of bh_config.trace.classes (and of the type, below). */
#define BH_TRACE_SCHED     (1u << 0)  /* window start and end */
#define BH_TRACE_MODE      (1u << 1)  /* partition mode changes */
#define BH_TRACE_IRQ       (1u << 2)  /* hardware line raised, routed */
#define BH_TRACE_VIRQ      (1u << 3)  /* virtual line raised, delivered, returned */
#define BH_TRACE_HCALL     (1u << 4)  /* hypercall entry and exit */
#define BH_TRACE_HM        (1u << 5)  /* health-monitor events */
#define BH_TRACE_PORT      (1u << 6)  /* port messages sent and received */
#define BH_TRACE_ALL       0x7fu

#define BH_TRACE_DEFAULT_EVENTS 4096u  /* ring_events 0 */
#define BH_TRACE_MIN_EVENTS     64u
#define BH_TRACE_MAX_EVENTS     16384u /* the kernel's ring holds at most this */

/* Event types: class number << 4 | event.  part, a, b as listed. */
enum bh_trace_type {
	BH_TR_WIN_START    = 0x00, /* part; a window | plan << 8; b the
				    * configured start, ns (low 32 bits): the
				    * event's time minus it is how late */
	BH_TR_WIN_END      = 0x01, /* part; a window | plan << 8 */
	BH_TR_MODE         = 0x10, /* part; a BH_MODE_*; b BH_START_* */
	BH_TR_IRQ_RAISE    = 0x20, /* part running (or none); a line */
	BH_TR_IRQ_ROUTE    = 0x21, /* part subscribed; a line */
	BH_TR_VIRQ_RAISE   = 0x30, /* part; a line; b 1 if attached (pending) */
	BH_TR_VIRQ_DELIVER = 0x31, /* part; a line; b upcall depth after */
	BH_TR_VIRQ_RETURN  = 0x32, /* part; a upcall depth after */
	BH_TR_HC_ENTRY     = 0x40, /* part; a number; b first argument */
	BH_TR_HC_EXIT      = 0x41, /* part; a number; b result */
	BH_TR_HM           = 0x50, /* part (or none); a BH_HM_* event; b action */
	BH_TR_PORT_SEND    = 0x60, /* part; a port id; b length */
	BH_TR_PORT_RECV    = 0x61, /* part; a port id; b length */
};
#define BH_TRACE_NO_PART   0xffu   /* part of an event of no partition */

struct bh_trace_event {
	uint64_t ns;               /* the kernel's time base, ns since boot */
	uint8_t  type;             /* BH_TR_* */
	uint8_t  part;             /* partition id or BH_TRACE_NO_PART */
	uint16_t a;
	uint32_t b;
};
BH_ABI_SIZE(struct bh_trace_event, 16);
BH_ABI_AT(struct bh_trace_event, ns, 0);
BH_ABI_AT(struct bh_trace_event, type, 8);
BH_ABI_AT(struct bh_trace_event, part, 9);
BH_ABI_AT(struct bh_trace_event, a, 10);
BH_ABI_AT(struct bh_trace_event, b, 12);

/* BH_HC_TRACE operations (a0). */
#define BH_TRACE_OP_READ     0  /* (op, struct bh_trace_event *buf, max,
				 * struct bh_trace_info *info or 0) -> events
				 * copied, oldest first, taken off the ring */
#define BH_TRACE_OP_CLASSES  1  /* (op, classes) -> the classes before:
				 * record these from now (within the configured
				 * ones' ring; 0 pauses) */
#define BH_TRACE_READ_MAX    256  /* events per BH_TRACE_OP_READ */

struct bh_trace_info {
	uint32_t classes;          /* recorded now */
	uint32_t size;             /* ring size, events */
	uint32_t written;          /* events recorded since boot (wraps) */
	uint32_t overruns;         /* events dropped unread: the ring was full */
	uint32_t unread;           /* still in the ring after this read */
	uint32_t reserved;
};
BH_ABI_SIZE(struct bh_trace_info, 24);
BH_ABI_AT(struct bh_trace_info, classes, 0);
BH_ABI_AT(struct bh_trace_info, size, 4);
BH_ABI_AT(struct bh_trace_info, written, 8);
BH_ABI_AT(struct bh_trace_info, overruns, 12);
BH_ABI_AT(struct bh_trace_info, unread, 16);

/* In the configuration (bh_config.trace). */
struct bh_trace_config {
	uint32_t classes;          /* BH_TRACE_*; 0: no trace */
	uint32_t ring_events;      /* power of two, MIN..MAX; 0 = DEFAULT */
};
BH_ABI_SIZE(struct bh_trace_config, 8);

#endif
