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

#define BH_CONFIG_SIGNATURE  0x6b687862u   /* "bxhk" */
#define BH_CONFIG_REVISION   1

#define BH_MAX_PARTITIONS    8
#define BH_MAX_IO_RANGES     4
#define BH_MAX_PLANS         4
#define BH_MAX_WINDOWS       16
#define BH_NAME_MAX          31

struct bh_io_range {
	uint16_t base;     /* first port */
	uint16_t count;    /* number of ports; 0 marks an unused entry */
};

struct bh_partition_config {
	const char *name;          /* unique, 1..BH_NAME_MAX characters */
	const char *module;        /* multiboot module file name (basename) */
	uint32_t mem_size;         /* bytes, page multiple, includes the stack */
	uint32_t stack_size;       /* bytes, page multiple; 0 = BH_DEFAULT_STACK */
	uint32_t entry;            /* 0 = the ELF entry point; else must equal it */
	uint32_t flags;            /* BH_PART_F_SYSTEM */
	struct bh_io_range io[BH_MAX_IO_RANGES];
	uint32_t irq_lines;        /* bit n: may attach hardware line n */
	uint8_t  hm_action[BH_HM_NR_EVENTS];   /* BH_HM_ACT_*; default halt */
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

struct bh_config {
	uint32_t signature;        /* BH_CONFIG_SIGNATURE */
	uint32_t revision;         /* BH_CONFIG_REVISION */
	uint32_t tick_hz;          /* PIT rate; 0 = 1000 */
	uint32_t n_partitions;
	struct bh_partition_config partitions[BH_MAX_PARTITIONS];
	uint32_t n_plans;
	uint32_t initial_plan;
	struct bh_plan plans[BH_MAX_PLANS];
};

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

extern const struct bh_config bh_config;

#define BH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
