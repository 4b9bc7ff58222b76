/* Partitions: memory, execution context, vCPU and console of each guest. */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <stdint.h>
#include <bulkhead/config.h>
#include <bulkhead/vcpu.h>
#include "core/arch.h"
#include "core/boot.h"
#include "core/elf.h"
#include "core/uaccess.h"
#include "core/pcpu.h"

#define KSTACK_SIZE   8192
#define CONSOLE_LINE  BH_CONSOLE_LINE

/* What of its address space a partition (and the kernel for it) may touch. */
enum {
	REGION_RO,        /* code and constants: readable, never written */
	REGION_RW,        /* data, bss, free memory up to the guard page */
	REGION_STACK,     /* the initial stack, above the guard page */
	REGION_VCPU,      /* the shared vCPU page */
	NR_REGIONS
};

enum part_state {
	PART_FAILED,      /* never loaded: bad image or no memory */
	PART_RUNNABLE,
	PART_RESTARTING,  /* scheduled: reloading its image in its own windows */
	PART_HALTED,
};

struct vtimer {
	uint64_t deadline;         /* 0 = disarmed */
	uint64_t period;           /* 0 = one-shot */
	uint32_t clock;            /* BH_CLOCK_* */
};

struct vcpu {
	uint32_t pending;          /* authoritative; bit = line, attached only */
	uint32_t attached;
	uint32_t depth;            /* upcalls delivered and not yet returned */
	uint32_t entry;            /* upcall entry point, 0 = none */
	uint32_t upcall_stack;     /* top of the upcall stack, 0 = current esp */
	struct bh_vcpu_info *shared;   /* kernel address of the shared page */
	struct vtimer timer;
};

struct partition {
	unsigned id;
	const struct bh_partition_config *cfg;
	const struct boot_module *module;
	enum part_state state;
	uint32_t mode;             /* BH_MODE_* */
	uint32_t has_ports;        /* owns a port: may attach port lines (ports_init) */
	uint32_t restarts;
	uint32_t start_condition;  /* BH_START_*: why it last started */
	uint32_t torn;             /* halted mid-reload: memory half wiped, no warm start */
	uint32_t last_hm;          /* its last HM event + 1, 0 = none */
	uint32_t last_hm_action;   /* BH_HM_ACT_* taken for it */
	uint32_t cpu;              /* the CPU its windows are on (validated: one) */
	/* Lines raised from another CPU (issue 14), folded into vcpu by its
	 * own CPU (vcpu_fold_remote): which lines, and how many times each. */
	uint32_t remote_mask;
	uint32_t remote_n[BH_NR_VLINES];
	/* A mode another CPU's system partition set for it (BH_MODE_* + 1,
	 * 0 = none), applied by its own CPU at a safe point.  ctl_gen counts
	 * the modes posted, ctl_done is the count whose effect (mode,
	 * restarts, state) can be read: the poster waits for its own. */
	uint32_t remote_ctl;
	uint32_t ctl_gen, ctl_done;
	uint32_t ctl_taking;       /* the count being applied (own CPU only) */

	uint32_t phys;             /* physical base of its memory */
	uint32_t size;
	uint32_t guard_va;         /* the unmapped page below the stack */
	struct uregion regions[NR_REGIONS];   /* indexed by REGION_* */
	struct uspan frame_at[2];  /* where an upcall frame may be: user_frame_spans */
	struct uspan u64_at[3];    /* where 8 bytes may be written: the same */
	struct uspan res_at[3];    /* where a sampling read's result may be: the same */
	struct elf_image elf;

	uint64_t exec_ns;          /* execution clock, up to ran_since */
	uint64_t ran_since;        /* wall time it was last switched in */
	struct vcpu vcpu;

	unsigned line_len;
	char line[CONSOLE_LINE];
	struct part_arch arch;     /* its processor state (the arch's) */
	uint8_t kstack[KSTACK_SIZE] __attribute__((aligned(16)));
};

extern struct partition partitions[BH_MAX_PARTITIONS];
extern unsigned n_partitions;

void partitions_init(const struct bh_config *cfg);
/* Cold (warm 0) or warm restart, or start from IDLE; cond: BH_START_*. */
void partition_restart(struct partition *p, int warm, uint32_t cond);
void partition_halt(struct partition *p);
/* Apply p->remote_ctl, on p's CPU: p current at an entry from ring 3, or
 * p switched out (a window's start, or any T_IPI or tick there). */
void partition_remote_ctl(struct partition *p);
/* Another CPU's system partition sets mode for p: posted in p->remote_ctl
 * and in ctl_posted (a bit per partition), for p's CPU to apply; returns
 * the value p->ctl_done reaches once the mode can be read. */
extern uint32_t ctl_posted;
uint32_t partition_post_ctl(struct partition *p, uint32_t mode);
/* On a T_IPI, a tick, a window's start: the posted controls of this CPU's
 * partitions, applied; the current partition's only if the interrupt
 * came from ring 3. */
void partition_apply_posted(int from_user);
/* Scheduled in its windows (running or reloading)? */
static inline int partition_scheduled(const struct partition *p)
{
	return p->state == PART_RUNNABLE || p->state == PART_RESTARTING;
}
/* Execution time of p at clock value now (inline: the tick asks for the
 * running partition's on every tick). */
static inline uint64_t partition_exec_ns(const struct partition *p, uint64_t now)
{
	if (p != current || now < p->ran_since)
		return p->exec_ns;
	return p->exec_ns + (now - p->ran_since);
}
int partition_is_system(const struct partition *p);

#endif
