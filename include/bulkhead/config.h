/*
 * bulkhead system configuration format.
 *
 * A configuration is one C file in configs/ that defines
 *     const struct bh_config bh_config = { ... };
 * with designated initializers.  It is compiled into the kernel and, by
 * `make check-config`, into a host program; both run the same validation
 * (bh_config_validate) before anything starts.  Times are in microseconds,
 * sizes in bytes.
 */
#ifndef BULKHEAD_CONFIG_H
#define BULKHEAD_CONFIG_H

#include <stdint.h>
#include "hypercall.h"
#include "trace.h"
#include "abicheck.h"

#define BH_CONFIG_SIGNATURE  0x6b687862u   /* "bxhk" */
#define BH_CONFIG_REVISION   5     /* 2: ports, channels, memory areas; 3: BH_HM_APPLICATION_ERROR;
				    * 4: trace; 5: hm_escalate, module_action[] */

#define BH_MAX_PARTITIONS    8
#define BH_MAX_IO_RANGES     4
#define BH_MAX_PLANS         4
#define BH_MAX_WINDOWS       16
#define BH_NAME_MAX          31
#define BH_DEFAULT_TICK_HZ   1000  /* tick_hz 0 */
/* The machine's timer input clock (the PC's 8254): a tick lasts a whole
 * number of its counts, the nearest to 1 / tick_hz. */
#define BH_TIMER_INPUT_HZ    1193182u
#define BH_MODULE_NAME_MAX   47    /* longest .module the boot lookup keeps */

/*
 * Hardware interrupt lines the kernel keeps for itself: never granted in
 * irq_lines.  (Line 8, the RTC, is not among them: the kernel polls the
 * CMOS clock, whose ports it owns, and never uses the line.)
 */
#define BH_IRQ_TIMER         0     /* the PIT: the kernel's clock */
#define BH_IRQ_CASCADE       2     /* the slave PIC */
#define BH_IRQ_CONSOLE       4     /* COM1: the kernel console */
#define BH_KERNEL_LINES(X) \
	X(BH_IRQ_TIMER, "the PIT") \
	X(BH_IRQ_CASCADE, "the PIC cascade") \
	X(BH_IRQ_CONSOLE, "COM1")
#define BH_LINE_BIT_(line, what) | (1u << (line))
#define BH_KERNEL_IRQ_LINES  (0u BH_KERNEL_LINES(BH_LINE_BIT_))

/*
 * The first ports of the PC devices the kernel drives itself; its drivers
 * (kernel/arch/x86) take their ports from here, so the list below is the
 * same fact, not a copy of it.
 */
#define BH_PORT_PIC1         0x0020   /* 2 ports */
#define BH_PORT_PIT          0x0040   /* 4: channels 0..2, command */
#define BH_PORT_PIT_GATE     0x0061
#define BH_PORT_CMOS         0x0070   /* 2: index, data */
#define BH_PORT_PIC2         0x00a0   /* 2 */
#define BH_PORT_DEBUG_E9     0x00e9   /* Bochs's (and QEMU's) debug console */
#define BH_PORT_QEMU_EXIT    0x00f4   /* isa-debug-exit, iosize 4 */
#define BH_PORT_COM1         0x03f8   /* 8: the 16550's registers */
#define BH_PORT_BOCHS_OFF    0x8900   /* "Shutdown" ends a Bochs run */

/*
 * I/O ports, as X(first, last, what) lists.  The kernel's own devices are
 * never granted.  Ports that reach the whole machine (reset, A20, DMA to any
 * memory, PCI configuration, firmware, power) are granted only by an io
 * entry marked BH_IO_F_DELIBERATE: a partition holding one is trusted with
 * the whole machine.  Machine-specific ports (ACPI blocks, PCI BARs) are
 * not known here; the configuration's author must know them.
 */
#define BH_KERNEL_PORTS(X) \
	X(BH_PORT_PIC1, BH_PORT_PIC1 + 1, "the master PIC") \
	X(BH_PORT_PIT, BH_PORT_PIT + 3, "the PIT") \
	X(BH_PORT_PIT_GATE, BH_PORT_PIT_GATE, "port 0x61 (PIT gate / speaker)") \
	X(BH_PORT_CMOS, BH_PORT_CMOS + 1, "the CMOS/RTC") \
	X(BH_PORT_PIC2, BH_PORT_PIC2 + 1, "the slave PIC") \
	X(BH_PORT_DEBUG_E9, BH_PORT_DEBUG_E9, "the emulator debug port 0xe9 (the kernel's exit line)") \
	X(BH_PORT_QEMU_EXIT, BH_PORT_QEMU_EXIT + 3, "the QEMU debug-exit device") \
	X(BH_PORT_COM1, BH_PORT_COM1 + 7, "COM1 (the kernel console)") \
	X(BH_PORT_BOCHS_OFF, BH_PORT_BOCHS_OFF, "the Bochs shutdown port")

#define BH_DANGEROUS_PORTS(X) \
	X(0x0000, 0x001f, "DMA controller 1 (DMA to any low memory)") \
	X(0x0022, 0x0023, "the IMCR / chipset configuration (interrupt routing)") \
	X(0x0064, 0x0064, "the keyboard controller command port (reset, A20)") \
	X(0x0081, 0x008f, "the DMA page registers") \
	X(0x0092, 0x0092, "system control port A (fast reset, A20)") \
	X(0x00b2, 0x00b3, "the APM/SMI command port (enters firmware SMM)") \
	X(0x00c0, 0x00df, "DMA controller 2 (DMA to any low memory)") \
	X(0x04d0, 0x04d1, "the PIC edge/level control registers") \
	X(0x0510, 0x051b, "the QEMU firmware configuration device (has DMA)") \
	X(0x0cf8, 0x0cff, "PCI configuration space and the reset control register 0xcf9")

#define BH_IO_F_DELIBERATE   0x1u  /* grant even a port in BH_DANGEROUS_PORTS */

struct bh_io_range {
	uint16_t base;     /* first port */
	uint16_t count;    /* number of ports; 0 marks an unused entry */
	uint16_t flags;    /* BH_IO_F_* */
};

struct bh_partition_config {
	const char *name;          /* unique, 1..BH_NAME_MAX characters */
	const char *module;        /* multiboot module file name, no '/' */
	uint32_t mem_size;         /* bytes, page multiple, includes the stack */
	uint32_t stack_size;       /* bytes, page multiple; 0 = BH_DEFAULT_STACK */
	uint32_t entry;            /* 0 = the ELF entry point; else must equal it */
	uint32_t flags;            /* BH_PART_F_SYSTEM */
	struct bh_io_range io[BH_MAX_IO_RANGES];
	uint32_t irq_lines;        /* bit n: may attach hardware line n */
	uint8_t  hm_action[BH_HM_NR_EVENTS];   /* BH_HM_ACT_*; default halt */
	uint8_t  hm_escalate;      /* BH_HM_ACT_HALT, _RESTART or _WARM_RESTART: for
	                              an error BH_HM_ACT_DELIVER cannot deliver */
	uint32_t restart_limit;    /* restarts allowed before halting */
};

struct bh_window {
	uint32_t partition;        /* index into partitions[] */
	uint32_t offset_us;        /* from the start of the major frame */
	uint32_t duration_us;
};

struct bh_plan {
	uint32_t major_frame_us;
	uint32_t n_windows;
	struct bh_window windows[BH_MAX_WINDOWS];
};

/*
 * Inter-partition communication (ARINC 653 ports and channels, memory
 * areas).  A port belongs to one partition; a channel joins one source
 * port to its destinations.  Port ids in the ABI are indexes into
 * ports[].  Every port is in exactly one channel.
 */
#define BH_MAX_PORTS          32
#define BH_MAX_CHANNELS       16
#define BH_MAX_DESTS          4        /* destinations of one sampling channel */
#define BH_PORT_MSG_MAX       8192     /* bytes, the largest message */
#define BH_PORT_DEPTH_MAX     64       /* messages a queuing port holds */
#define BH_PORT_POOL_BYTES    (128u * 1024u)  /* kernel memory for all channels */
#define BH_MAX_AREAS          8
#define BH_MAX_AREA_USERS     4

/* Kinds, directions and disciplines: BH_PORT_*, BH_QUEUE_* (hypercall.h). */

struct bh_port_config {
	const char *name;          /* unique among all ports, 1..BH_NAME_MAX */
	uint32_t partition;        /* index into partitions[] */
	uint8_t  kind;             /* BH_PORT_SAMPLING or BH_PORT_QUEUING */
	uint8_t  direction;        /* BH_PORT_SOURCE or BH_PORT_DESTINATION */
	uint8_t  discipline;       /* queuing: BH_QUEUE_*, recorded for the guest */
	uint32_t max_msg_size;     /* bytes, 1..BH_PORT_MSG_MAX */
	uint32_t max_nb_msgs;      /* queuing: 1..BH_PORT_DEPTH_MAX; sampling: 0 */
	uint32_t refresh_us;       /* sampling destination: validity; 0 = always valid */
};

struct bh_channel {
	uint32_t source;           /* index into ports[] */
	uint32_t n_dests;          /* sampling 1..BH_MAX_DESTS, queuing exactly 1 */
	uint32_t dests[BH_MAX_DESTS];
};

#define BH_AREA_READ          0x1u
#define BH_AREA_WRITE         0x2u

struct bh_area_user {
	uint32_t partition;        /* index into partitions[] */
	uint32_t access;           /* BH_AREA_READ, or BH_AREA_READ | BH_AREA_WRITE */
};

/* A memory area: pages of its own, mapped at the same address in each user. */
struct bh_area {
	const char *name;          /* unique among areas */
	uint32_t va;               /* BH_AREA_ALIGN-aligned, in [BH_SHMEM_BASE, BH_SHMEM_END) */
	uint32_t size;             /* bytes, a non-zero page multiple */
	uint32_t n_users;          /* 1..BH_MAX_AREA_USERS */
	struct bh_area_user users[BH_MAX_AREA_USERS];
};

struct bh_config {
	uint32_t signature;        /* BH_CONFIG_SIGNATURE */
	uint32_t revision;         /* BH_CONFIG_REVISION */
	uint32_t tick_hz;          /* PIT rate; 0 = BH_DEFAULT_TICK_HZ */
	uint32_t n_partitions;
	struct bh_partition_config partitions[BH_MAX_PARTITIONS];
	uint32_t n_plans;
	uint32_t initial_plan;
	struct bh_plan plans[BH_MAX_PLANS];
	uint8_t  module_action[BH_MOD_NR_EVENTS];  /* BH_MODULE_ACT_*, by BH_MOD_* */
	uint32_t n_ports;
	struct bh_port_config ports[BH_MAX_PORTS];
	uint32_t n_channels;
	struct bh_channel channels[BH_MAX_CHANNELS];
	uint32_t n_areas;
	struct bh_area areas[BH_MAX_AREAS];
	struct bh_trace_config trace;  /* the kernel trace (bulkhead/trace.h) */
};

/* The layout of the configuration structs; a change to it needs a new
 * BH_CONFIG_REVISION (abicheck.h). */
BH_ABI_SIZE(struct bh_io_range, 6);
BH_ABI_AT(struct bh_io_range, base, 0);
BH_ABI_AT(struct bh_io_range, count, 2);
BH_ABI_AT(struct bh_io_range, flags, 4);
BH_ABI_SIZE(struct bh_partition_config, 72);
BH_ABI_AT(struct bh_partition_config, name, 0);
BH_ABI_AT(struct bh_partition_config, module, 4);
BH_ABI_AT(struct bh_partition_config, mem_size, 8);
BH_ABI_AT(struct bh_partition_config, stack_size, 12);
BH_ABI_AT(struct bh_partition_config, entry, 16);
BH_ABI_AT(struct bh_partition_config, flags, 20);
BH_ABI_AT(struct bh_partition_config, io, 24);
BH_ABI_AT(struct bh_partition_config, irq_lines, 48);
BH_ABI_AT(struct bh_partition_config, hm_action, 52);
BH_ABI_AT(struct bh_partition_config, hm_escalate, 65);
BH_ABI_AT(struct bh_partition_config, restart_limit, 68);
BH_ABI_SIZE(struct bh_window, 12);
BH_ABI_AT(struct bh_window, partition, 0);
BH_ABI_AT(struct bh_window, offset_us, 4);
BH_ABI_AT(struct bh_window, duration_us, 8);
BH_ABI_SIZE(struct bh_plan, 200);
BH_ABI_AT(struct bh_plan, major_frame_us, 0);
BH_ABI_AT(struct bh_plan, n_windows, 4);
BH_ABI_AT(struct bh_plan, windows, 8);
BH_ABI_SIZE(struct bh_port_config, 24);
BH_ABI_AT(struct bh_port_config, name, 0);
BH_ABI_AT(struct bh_port_config, partition, 4);
BH_ABI_AT(struct bh_port_config, kind, 8);
BH_ABI_AT(struct bh_port_config, direction, 9);
BH_ABI_AT(struct bh_port_config, discipline, 10);
BH_ABI_AT(struct bh_port_config, max_msg_size, 12);
BH_ABI_AT(struct bh_port_config, max_nb_msgs, 16);
BH_ABI_AT(struct bh_port_config, refresh_us, 20);
BH_ABI_SIZE(struct bh_channel, 24);
BH_ABI_AT(struct bh_channel, source, 0);
BH_ABI_AT(struct bh_channel, n_dests, 4);
BH_ABI_AT(struct bh_channel, dests, 8);
BH_ABI_SIZE(struct bh_area_user, 8);
BH_ABI_AT(struct bh_area_user, partition, 0);
BH_ABI_AT(struct bh_area_user, access, 4);
BH_ABI_SIZE(struct bh_area, 48);
BH_ABI_AT(struct bh_area, name, 0);
BH_ABI_AT(struct bh_area, va, 4);
BH_ABI_AT(struct bh_area, size, 8);
BH_ABI_AT(struct bh_area, n_users, 12);
BH_ABI_AT(struct bh_area, users, 16);
BH_ABI_SIZE(struct bh_config, 2964);
BH_ABI_AT(struct bh_config, signature, 0);
BH_ABI_AT(struct bh_config, revision, 4);
BH_ABI_AT(struct bh_config, tick_hz, 8);
BH_ABI_AT(struct bh_config, n_partitions, 12);
BH_ABI_AT(struct bh_config, partitions, 16);
BH_ABI_AT(struct bh_config, n_plans, 592);
BH_ABI_AT(struct bh_config, initial_plan, 596);
BH_ABI_AT(struct bh_config, plans, 600);
BH_ABI_AT(struct bh_config, module_action, 1400);
BH_ABI_AT(struct bh_config, n_ports, 1408);
BH_ABI_AT(struct bh_config, ports, 1412);
BH_ABI_AT(struct bh_config, n_channels, 2180);
BH_ABI_AT(struct bh_config, channels, 2184);
BH_ABI_AT(struct bh_config, n_areas, 2568);
BH_ABI_AT(struct bh_config, areas, 2572);
BH_ABI_AT(struct bh_config, trace, 2956);

/*
 * Module-level health-monitor actions (events of no partition,
 * BH_HM_MODULE_EVENTS in hypercall.h), in module_action[BH_MOD_*].
 * The default logs where that is safe and shuts down where it is not.
 */
#define BH_MODULE_ACT_DEFAULT   0   /* the event's default */
#define BH_MODULE_ACT_SHUTDOWN  1   /* log, then stop the machine (status 1) */
#define BH_MODULE_ACT_RESET     2   /* log, then reset the machine (reboot) */
#define BH_MODULE_ACT_LOG       3   /* log and continue: only where safe */

/* What the validator needs to know about the machine (boot or host). */
struct bh_machine {
	uint32_t mem_bytes;        /* usable RAM for partitions */
	uint32_t n_modules;
	const char *const *module_names;   /* basenames */
};

/*
 * Check cfg; on the first error write a message a person can act on into
 * msg (NUL-terminated, at most len bytes) and return a negative BH_E* code.
 * machine may be NULL to skip the checks that need it (memory, modules).
 */
int bh_config_validate(const struct bh_config *cfg, const struct bh_machine *machine,
		       char *msg, unsigned len);

/*
 * Whether a loaded module (its boot-loader name; any directory part is
 * ignored) is the one a partition's .module names.  The validator and the
 * kernel's boot-time lookup both decide with this, so they cannot differ.
 */
int bh_module_matches(const char *module, const char *loaded);

extern const struct bh_config bh_config;

#define BH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
