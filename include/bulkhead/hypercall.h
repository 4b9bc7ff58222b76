/*
 * bulkhead public ABI: hypercalls.
 *
 * Calling convention (32-bit x86, ring 3):
 *     int $0x82            (BH_HYPERCALL_VECTOR, the only DPL 3 gate)
 *     eax = hypercall number, ebx ecx edx esi edi = arguments 1..5
 *     result in eax: >= 0 success, < 0 a negated BH_E* code (errno.h).
 * All other registers are preserved, except across BH_HC_IRET, which loads
 * a whole new context.  A hypercall may be followed, before the next guest
 * instruction, by an upcall (see vcpu.h): the hypercall's result is then in
 * the eax of the saved frame.
 * Pointer arguments are guest virtual addresses that must lie, whole, inside
 * the caller's own memory; otherwise the call fails with -BH_EFAULT.
 */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

/* Assembly may include this header for the vector (the C part is guarded). */
#define BH_HYPERCALL_VECTOR 0x82

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "errno.h"
#include "abicheck.h"

#define BH_ABI_VERSION      0x00010001u   /* major << 16 | minor */

enum bh_hypercall {
	BH_HC_ABI_VERSION   = 0,  /* () -> BH_ABI_VERSION; also the null call */
	BH_HC_PART_SELF     = 1,  /* (struct bh_part_info *out) -> partition id */
	BH_HC_CONSOLE_WRITE = 2,  /* (const char *buf, uint32_t len) -> len */
	BH_HC_TIME          = 3,  /* (clock, uint64_t *ns_out) -> 0 */
	BH_HC_YIELD         = 4,  /* () -> 0 when the partition next runs */
	BH_HC_SET_MODE      = 5,  /* (BH_MODE_*) -> 0 (or does not return) */
	BH_HC_HALT_SELF     = 6,  /* () -> does not return */
	BH_HC_PLAN_SWITCH   = 7,  /* (plan) -> 0; effective at the next major frame; system only */
	BH_HC_SHUTDOWN      = 8,  /* (status) -> does not return; system only */
	BH_HC_HM_READ       = 9,  /* (struct bh_hm_entry *buf, max, first_seq) -> count; system only */
	BH_HC_VCPU_ENTRY    = 10, /* (upcall entry eip, upcall stack top or 0) -> 0 */
	BH_HC_IRQ_ATTACH    = 11, /* (line) -> 0 */
	BH_HC_IRQ_DETACH    = 12, /* (line) -> 0 */
	BH_HC_IRQ_UNMASK    = 13, /* (hardware line) -> 0: device serviced, unmask at PIC */
	BH_HC_IRET          = 14, /* (struct bh_upcall_frame *) -> does not return on success */
	BH_HC_VIRQ_SYNC     = 15, /* () -> 0; lets pending upcalls be delivered now */
	BH_HC_TIMER_SET     = 16, /* (clock|flags, first_lo, first_hi, period_lo, period_hi) -> 0 */
	BH_HC_PART_RESTART  = 17, /* (partition id) -> 0; cold restart; self or system only */
	BH_HC_HM_STATS      = 18, /* (source, struct bh_hm_stats *out) -> 0; system only */
	/* ARINC 653 ports (see "Ports" below and docs/abi.md). */
	BH_HC_PORT_OPEN     = 19, /* (name, name_len, BH_PORT_* kind) -> port id */
	BH_HC_SAMPLING_WRITE = 20, /* (id, msg, len) -> 0 */
	BH_HC_SAMPLING_READ = 21, /* (id, buf, buf_len, struct bh_sampling_result *out or 0) -> len */
	BH_HC_QUEUING_SEND  = 22, /* (id, msg, len) -> 0; -BH_ENOSPC when full */
	BH_HC_QUEUING_RECEIVE = 23, /* (id, buf, buf_len) -> len; -BH_EAGAIN when empty */
	BH_HC_PORT_STATUS   = 24, /* (id, struct bh_port_status *out) -> 0 */
	BH_HC_PORT_CLEAR    = 25, /* (id) -> 0: a destination's message(s) discarded */
	BH_HC_PORT_NOTIFY   = 26, /* (id, line or 0) -> 0: raise line on news */
	/* Partition control (see "Modes" below). */
	BH_HC_PART_CONTROL  = 27, /* (partition id, BH_MODE_*) -> 0; system only */
	BH_HC_PART_STATUS   = 28, /* (partition id, struct bh_part_status *out) -> 0;
	                             another's: system only */
	BH_HC_RAISE_APP_ERROR = 29, /* (code, msg, len) -> 0 if its hm_action is
	                             IGNORE or DELIVER; else halted or restarted */
	/* The partition's error handler (vcpu.h, struct bh_error_status). */
	BH_HC_HM_HANDLER    = 30, /* (line or 0) -> 0: errors whose action is
	                             BH_HM_ACT_DELIVER raise line */
	BH_HC_HM_ACK        = 31, /* (seq) -> 0: the error status seq is handled */
	/* Thread-local storage: the base of the partition's user data segment,
	 * which must lie in its own memory; -> the selector to load in %gs. */
	BH_HC_SET_TLS       = 32, /* (base) -> selector */
	BH_HC_TRACE         = 33, /* (BH_TRACE_OP_*, ...) -> see bulkhead/trace.h;
	                             system only */
	BH_HC_IDLE          = 34, /* () -> 0 once a line is pending or at the start
	                             of its next window; the CPU halts meanwhile */
	BH_HC_COUNT
};

/* BH_HC_CONSOLE_WRITE takes at most this many bytes per call (it returns
 * how many it took); the kernel prints lines of at most BH_CONSOLE_LINE
 * characters, each prefixed with the partition's name. */
#define BH_CONSOLE_WRITE_MAX 256
#define BH_CONSOLE_LINE      120

/* Clocks for BH_HC_TIME and BH_HC_TIMER_SET. */
#define BH_CLOCK_WALL   0   /* ns since boot, always running */
#define BH_CLOCK_EXEC   1   /* ns this partition has run, stops outside its windows */

/*
 * Modes: ARINC 653 partition operating modes.  A partition starts in
 * COLD_START (its initialisation) and enters NORMAL by BH_HC_SET_MODE.
 * Setting WARM_START restarts it with its memory kept (the entry point
 * runs again), COLD_START restarts it from its pristine image, IDLE stops
 * it; each restart counts against its restart_limit.  A system partition
 * sets another's mode with BH_HC_PART_CONTROL: IDLE stops it, COLD_START
 * or WARM_START (re)starts it, also from IDLE (NORMAL is the partition's
 * own to set: -BH_EINVAL).  Why it last started, BH_START_*, is in
 * bh_part_info.start_condition and bh_part_status.
 */
#define BH_MODE_IDLE        0
#define BH_MODE_COLD_START  1
#define BH_MODE_WARM_START  2
#define BH_MODE_NORMAL      3

#define BH_START_NORMAL            0   /* power-on: the module started */
#define BH_START_PARTITION_RESTART 1   /* the partition asked for it */
#define BH_START_HM_RESTART        2   /* its health-monitor action */
#define BH_START_SYSTEM_RESTART    3   /* a system partition's BH_HC_PART_CONTROL
                                          or BH_HC_PART_RESTART */

struct bh_part_info {
	uint32_t id;
	uint32_t mode;
	uint32_t restarts;
	uint32_t flags;            /* BH_PART_F_* */
	uint32_t mem_size;         /* bytes at BH_PART_BASE, stack included */
	uint32_t stack_size;       /* the initial stack at the top of that memory */
	char     name[32];
	uint32_t start_condition;  /* BH_START_* */
};

/* BH_HC_PART_STATUS: another partition's state, for a system partition. */
struct bh_part_status {
	uint32_t mode;             /* BH_MODE_* (IDLE also when never loaded) */
	uint32_t restarts;
	uint32_t start_condition;  /* BH_START_* */
	uint32_t loaded;           /* 0: its image was refused at boot */
	uint32_t last_hm_event;    /* enum bh_hm_event + 1; 0: none yet */
	uint32_t last_hm_action;   /* BH_HM_ACT_* taken for it */
};
#define BH_PART_F_SYSTEM  0x1u
/* May use the FPU, MMX and SSE: only such partitions have their FPU/SSE
 * state saved and restored; without it any such instruction is a
 * BH_HM_FPU_ERROR (the device-not-available exception). */
#define BH_PART_F_FPU     0x2u
#define BH_PART_F_KNOWN   (BH_PART_F_SYSTEM | BH_PART_F_FPU)

/*
 * ARINC 653 error codes (its ERROR_CODE_TYPE, in its order): what an
 * error is to the ARINC layer, in the log (bh_hm_entry.arinc_code) and in
 * the error status.  Each health-monitor event maps to one, in the event
 * lists below — the one table.  DEADLINE_MISSED and POWER_FAIL are no
 * processor event's: a guest layer raises them as application errors.
 */
#define BH_ARINC_ERRORS(X) \
	X(DEADLINE_MISSED)  X(APPLICATION_ERROR) X(NUMERIC_ERROR) \
	X(ILLEGAL_REQUEST)  X(STACK_OVERFLOW)    X(MEMORY_VIOLATION) \
	X(HARDWARE_FAULT)   X(POWER_FAIL)
#define BH_ARINC_ENUM_(name) BH_ARINC_##name,
enum bh_arinc_error {
	BH_ARINC_ERRORS(BH_ARINC_ENUM_)
	BH_ARINC_NR_ERRORS
};

/*
 * Health-monitor events of a partition, stated once: X(NAME, text, trap,
 * ARINC error) for each, in number order from 0.  The enum below, the
 * kernel's log names, the validator's names, the set of events that may
 * be ignored and the ARINC code of each are all made from this list.
 *   trap 1: reported after the instruction, so resuming goes on past it:
 *           the only events BH_HM_ACT_IGNORE may be configured for;
 *   trap 0: a fault, reported at the instruction, which resuming would run
 *           (and fault) again: IGNORE is refused by the validator and, as a
 *           second line of defence, turned into HALT by the kernel.
 * On x86 a ring-3 #DB is always a trap (single step: ring 3 cannot arm the
 * debug registers); int3 and into from ring 3 are #GP (their gates are DPL
 * 0), so BH_HM_OVERFLOW is only ever #BR (bound), a fault.
 */
#define BH_HM_EVENTS(X)                                                               \
	X(DIVIDE_ERROR,       "divide error",       0, NUMERIC_ERROR)                   \
	X(DEBUG_TRAP,         "debug trap",         1, ILLEGAL_REQUEST) /* #DB (step) */\
	X(OVERFLOW,           "overflow",           0, NUMERIC_ERROR) /* #BR (bound) */ \
	X(INVALID_OPCODE,     "invalid opcode",     0, ILLEGAL_REQUEST)                 \
	X(GENERAL_PROTECTION, "general protection", 0, ILLEGAL_REQUEST) /* incl.      \
	                        privileged instructions, I/O not granted, int3, into */ \
	X(PAGE_FAULT,         "page fault",         0, MEMORY_VIOLATION)                \
	X(STACK_FAULT,        "stack fault",        0, STACK_OVERFLOW)                  \
	X(SEGMENT_FAULT,      "segment fault",      0, MEMORY_VIOLATION) /* #NP, #TS */ \
	X(FPU_ERROR,          "FPU error",          0, NUMERIC_ERROR) /* #MF #XM #NM */ \
	X(ALIGNMENT,          "alignment check",    0, MEMORY_VIOLATION)                \
	X(UPCALL_FAULT,       "upcall frame fault", 0, STACK_OVERFLOW) /* frame not    \
	                        pushed: the stack it goes on is not the partition's */  \
	X(PARTITION_RESTART,  "restart requested",  0, APPLICATION_ERROR) /* by       \
	                        hypercall (self or a system partition); its hm_action  \
	                        is not used */                                          \
	X(APPLICATION_ERROR,  "application error",  1, APPLICATION_ERROR) /*          \
	                        BH_HC_RAISE_APP_ERROR: after the call, so ignoring it  \
	                        goes on */

/*
 * Events of the module as a whole, no partition's: X(NAME, text, ARINC
 * error, may log): numbered from BH_HM_MODULE_FIRST in the log, indexed
 * by BH_MOD_* in bh_config.module_action[] (config.h).  may log 0:
 * carrying on is not safe, the validator refuses BH_MODULE_ACT_LOG for
 * it and its default is to shut down; may log 1: its default is to log.
 */
#define BH_HM_MODULE_EVENTS(X)                                                        \
	X(NMI,           "NMI",               HARDWARE_FAULT, 1)                        \
	X(MACHINE_CHECK, "machine check",     HARDWARE_FAULT, 0) /* #MC */              \
	X(BOOT_IMAGE,    "broken image",      ILLEGAL_REQUEST, 1) /* a partition's     \
	                  module missing or not a loadable image: not started */       \
	X(BOOT_CONFIG,   "configuration refused", ILLEGAL_REQUEST, 0) /* invalid, or  \
	                  more than this machine holds */                               \
	X(SELF_CHECK,    "kernel self-check", HARDWARE_FAULT, 0) /* a kernel           \
	                  assertion failed (panic) */

#define BH_HM_ENUM_(name, text, trap, arinc) BH_HM_##name,
#define BH_HM_TRAP_BIT_(name, text, trap, arinc) | ((uint32_t)(trap) << BH_HM_##name)
#define BH_HM_MOD_ENUM_(name, text, arinc, may_log) BH_MOD_##name,
#define BH_HM_MODULE_FIRST 32

enum bh_module_event {
	BH_HM_MODULE_EVENTS(BH_HM_MOD_ENUM_)
	BH_MOD_NR_EVENTS
};

enum bh_hm_event {
	BH_HM_EVENTS(BH_HM_ENUM_)
	BH_HM_NR_EVENTS,
	/* Events of the module, logged with partition BH_HM_SOURCE_MODULE: no
	 * partition caused them and none is acted on; numbered apart from the
	 * per-partition hm_action[] events. */
	BH_HM_NMI = BH_HM_MODULE_FIRST + BH_MOD_NMI,
	BH_HM_MACHINE_CHECK = BH_HM_MODULE_FIRST + BH_MOD_MACHINE_CHECK,
	BH_HM_BOOT_IMAGE = BH_HM_MODULE_FIRST + BH_MOD_BOOT_IMAGE,
	BH_HM_BOOT_CONFIG = BH_HM_MODULE_FIRST + BH_MOD_BOOT_CONFIG,
	BH_HM_SELF_CHECK = BH_HM_MODULE_FIRST + BH_MOD_SELF_CHECK,
};

/* The ARINC error code of a health-monitor event (partition or module). */
#define BH_HM_ARINC_(name, text, trap, arinc) [BH_HM_##name] = BH_ARINC_##arinc,
#define BH_HM_MOD_ARINC_(name, text, arinc, may_log) \
	[BH_HM_MODULE_FIRST + BH_MOD_##name] = BH_ARINC_##arinc,
static inline uint32_t bh_hm_arinc_code(uint32_t event)
{
	static const uint8_t codes[BH_HM_MODULE_FIRST + BH_MOD_NR_EVENTS] = {
		BH_HM_EVENTS(BH_HM_ARINC_)
		BH_HM_MODULE_EVENTS(BH_HM_MOD_ARINC_)
	};

	return event < sizeof(codes) ? codes[event] : BH_ARINC_HARDWARE_FAULT;
}

/* Bit m set: module event BH_MOD_m may be logged and carried on after. */
#define BH_HM_MOD_LOG_BIT_(name, text, arinc, may_log) | ((uint32_t)(may_log) << BH_MOD_##name)
#define BH_HM_MODULE_LOGGABLE (0u BH_HM_MODULE_EVENTS(BH_HM_MOD_LOG_BIT_))

/* Bit e set: event e is a trap, which BH_HM_ACT_IGNORE may be set for. */
#define BH_HM_TRAPS (0u BH_HM_EVENTS(BH_HM_TRAP_BIT_))

/* Health-monitor actions (configured per partition and event). */
#define BH_HM_ACT_HALT     0   /* stop the partition (default) */
#define BH_HM_ACT_RESTART  1   /* cold restart from the pristine image */
#define BH_HM_ACT_IGNORE   2   /* log and continue after a trap; a fault halts */
#define BH_HM_ACT_WARM_RESTART 3 /* restart with memory kept (WARM_START) */
#define BH_HM_ACT_DELIVER  4   /* to the partition's error handler (below) */
/* In a module event's entry, IGNORE: the kernel went on; HALT: it stopped
 * the machine; RESTART: it reset the machine. */

/*
 * The log keeps up to 64 records per source (each partition, and
 * BH_HM_SOURCE_MODULE for events of no partition), ordered across sources
 * by seq.  An occurrence identical to one of its source's newest records
 * (same event, vector, eip, addr, error code, action) is coalesced into it:
 * count grows, time_ns becomes the latest occurrence's, and the record
 * takes a new seq, so a reader polling from its last seq + 1 reads it again
 * with its new count.  Gaps in seq are records coalesced or overwritten;
 * BH_HC_HM_STATS says, per source, how many records its ring dropped.
 */
struct bh_hm_entry {
	uint32_t seq;
	uint32_t partition;        /* BH_HM_SOURCE_MODULE: not a partition's */
	uint64_t time_ns;          /* the latest occurrence */
	uint8_t  event;            /* enum bh_hm_event */
	uint8_t  action;           /* BH_HM_ACT_* taken */
	uint16_t vector;           /* CPU exception vector, 0xffff if none */
	uint32_t eip;
	uint32_t addr;             /* cr2 for page faults */
	uint32_t error_code;
	uint32_t count;            /* occurrences this record stands for (>= 1) */
	uint32_t arinc_code;       /* BH_ARINC_*, from the event (bh_hm_arinc_code) */
};

/* BH_HC_RAISE_APP_ERROR: at most this many bytes of the message are
 * printed (through the console policy); the code is the record's error_code. */
#define BH_APP_ERROR_MSG_MAX 64

#define BH_HM_SOURCE_MODULE 0xffffffffu   /* for partition and BH_HC_HM_STATS */
#define BH_HM_READ_MAX      64            /* records per BH_HC_HM_READ */

/* Per-source accounting, from BH_HC_HM_STATS. */
struct bh_hm_stats {
	uint32_t events;           /* occurrences ever logged */
	uint32_t records;          /* records ever created (the rest coalesced) */
	uint32_t coalesced;        /* occurrences folded into an existing record */
	uint32_t dropped;          /* records overwritten by the source's own newer ones */
};

/*
 * Ports.  A port id is the port's index in the configuration; a partition
 * may use only its own ports, each only in its direction (a source is
 * written or sent to, a destination read or received from).  Messages are
 * 1..max_msg_size bytes; a read or receive buffer must hold max_msg_size
 * bytes (buf_len >= it).  Calls never block: "full" (-BH_ENOSPC, nothing
 * overwritten) and "empty" (-BH_EAGAIN) are results.  Errors: -BH_ENOENT
 * no such port id (or name), -BH_EPERM not the caller's port or the wrong
 * direction, -BH_EINVAL wrong kind or length, -BH_EFAULT a bad pointer.
 *
 * Notification: BH_HC_PORT_NOTIFY binds one of the caller's ports to a
 * virtual line BH_VIRQ_PORT_FIRST..BH_NR_VLINES-1 (0 unbinds); the line
 * must also be attached (BH_HC_IRQ_ATTACH).  A destination's line is raised
 * for every message that arrives; a source's when its queue, having refused
 * it as full, has room again.  Raises are counted (raised[] in the vCPU
 * page, notified below) and coalesced while the line is pending; a
 * partition out of its window gets the line when it next runs.
 */
#define BH_VIRQ_PORT_FIRST  18

#define BH_PORT_SAMPLING      1
#define BH_PORT_QUEUING       2
#define BH_PORT_SOURCE        0
#define BH_PORT_DESTINATION   1
#define BH_QUEUE_FIFO         0        /* blocked senders in arrival order */
#define BH_QUEUE_PRIORITY     1        /* ... by priority (the guest layer's) */

struct bh_sampling_result {
	uint32_t length;           /* bytes of the message */
	uint32_t valid;            /* 1: age <= the destination's refresh period */
	uint64_t age_ns;           /* since it was written */
};

/* BH_HC_PORT_STATUS: ARINC 653 GET_*_PORT_STATUS and statistics. */
struct bh_port_status {
	uint32_t kind;             /* BH_PORT_SAMPLING / BH_PORT_QUEUING */
	uint32_t direction;        /* BH_PORT_SOURCE / BH_PORT_DESTINATION */
	uint32_t max_msg_size;
	uint32_t max_nb_msgs;      /* queuing */
	uint32_t nb_msgs;          /* queuing: waiting; sampling: 1 if written */
	uint32_t refresh_us;       /* sampling destination */
	uint32_t last_valid;       /* sampling: the last message's validity now */
	uint32_t waiting;          /* source: refused as full, room not yet told */
	uint64_t age_ns;           /* sampling: the last message's age */
	uint32_t sent;             /* channel: messages accepted */
	uint32_t refused;          /* channel: sends refused as full */
	uint32_t notified;         /* this port's line raised */
	uint32_t line;             /* its notification line, 0 = none */
};

BH_ABI_SIZE(struct bh_sampling_result, 16);
BH_ABI_AT(struct bh_sampling_result, length, 0);
BH_ABI_AT(struct bh_sampling_result, valid, 4);
BH_ABI_AT(struct bh_sampling_result, age_ns, 8);
BH_ABI_SIZE(struct bh_port_status, 56);
BH_ABI_AT(struct bh_port_status, kind, 0);
BH_ABI_AT(struct bh_port_status, direction, 4);
BH_ABI_AT(struct bh_port_status, max_msg_size, 8);
BH_ABI_AT(struct bh_port_status, max_nb_msgs, 12);
BH_ABI_AT(struct bh_port_status, nb_msgs, 16);
BH_ABI_AT(struct bh_port_status, refresh_us, 20);
BH_ABI_AT(struct bh_port_status, last_valid, 24);
BH_ABI_AT(struct bh_port_status, waiting, 28);
BH_ABI_AT(struct bh_port_status, age_ns, 32);
BH_ABI_AT(struct bh_port_status, sent, 40);
BH_ABI_AT(struct bh_port_status, refused, 44);
BH_ABI_AT(struct bh_port_status, notified, 48);
BH_ABI_AT(struct bh_port_status, line, 52);

/* Timer flags for BH_HC_TIMER_SET: the clock is in the low bit. */
#define BH_TIMER_CLOCK_MASK  0x1u

/* The layout of the structs above, fixed by the ABI (abicheck.h). */
BH_ABI_SIZE(struct bh_part_info, 60);
BH_ABI_AT(struct bh_part_info, id, 0);
BH_ABI_AT(struct bh_part_info, mode, 4);
BH_ABI_AT(struct bh_part_info, restarts, 8);
BH_ABI_AT(struct bh_part_info, flags, 12);
BH_ABI_AT(struct bh_part_info, mem_size, 16);
BH_ABI_AT(struct bh_part_info, stack_size, 20);
BH_ABI_AT(struct bh_part_info, name, 24);
BH_ABI_AT(struct bh_part_info, start_condition, 56);
BH_ABI_SIZE(struct bh_part_status, 24);
BH_ABI_AT(struct bh_part_status, mode, 0);
BH_ABI_AT(struct bh_part_status, restarts, 4);
BH_ABI_AT(struct bh_part_status, start_condition, 8);
BH_ABI_AT(struct bh_part_status, loaded, 12);
BH_ABI_AT(struct bh_part_status, last_hm_event, 16);
BH_ABI_AT(struct bh_part_status, last_hm_action, 20);
BH_ABI_SIZE(struct bh_hm_entry, 40);
BH_ABI_AT(struct bh_hm_entry, seq, 0);
BH_ABI_AT(struct bh_hm_entry, partition, 4);
BH_ABI_AT(struct bh_hm_entry, time_ns, 8);
BH_ABI_AT(struct bh_hm_entry, event, 16);
BH_ABI_AT(struct bh_hm_entry, action, 17);
BH_ABI_AT(struct bh_hm_entry, vector, 18);
BH_ABI_AT(struct bh_hm_entry, eip, 20);
BH_ABI_AT(struct bh_hm_entry, addr, 24);
BH_ABI_AT(struct bh_hm_entry, error_code, 28);
BH_ABI_AT(struct bh_hm_entry, count, 32);
BH_ABI_AT(struct bh_hm_entry, arinc_code, 36);
BH_ABI_SIZE(struct bh_hm_stats, 16);
BH_ABI_AT(struct bh_hm_stats, events, 0);
BH_ABI_AT(struct bh_hm_stats, records, 4);
BH_ABI_AT(struct bh_hm_stats, coalesced, 8);
BH_ABI_AT(struct bh_hm_stats, dropped, 12);

/* The trap instruction, from BH_HYPERCALL_VECTOR (stated once, above). */
#define BH_HC_STR_(x) #x
#define BH_HC_STR(x)  BH_HC_STR_(x)
#define BH_HC_INT     "int $" BH_HC_STR(BH_HYPERCALL_VECTOR)

static inline int32_t bh_hc0(uint32_t nr)
{
	int32_t r;
	__asm__ volatile(BH_HC_INT : "=a"(r) : "a"(nr) : "memory");
	return r;
}
static inline int32_t bh_hc1(uint32_t nr, uint32_t a1)
{
	int32_t r;
	__asm__ volatile(BH_HC_INT : "=a"(r) : "a"(nr), "b"(a1) : "memory");
	return r;
}
static inline int32_t bh_hc2(uint32_t nr, uint32_t a1, uint32_t a2)
{
	int32_t r;
	__asm__ volatile(BH_HC_INT : "=a"(r) : "a"(nr), "b"(a1), "c"(a2) : "memory");
	return r;
}
static inline int32_t bh_hc3(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
	int32_t r;
	__asm__ volatile(BH_HC_INT : "=a"(r)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3) : "memory");
	return r;
}
static inline int32_t bh_hc5(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
			     uint32_t a4, uint32_t a5)
{
	int32_t r;
	__asm__ volatile(BH_HC_INT : "=a"(r)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
			 : "memory");
	return r;
}

#endif /* __ASSEMBLER__ */
#endif
