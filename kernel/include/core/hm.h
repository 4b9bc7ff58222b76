/* The health monitor: partition faults are logged and handled per config. */
#ifndef CORE_HM_H
#define CORE_HM_H

#include <stdint.h>
#include <bulkhead/hypercall.h>
#include "arch/trapframe.h"

#define HM_LOG_SIZE 64

struct partition;

void hm_raise(struct partition *p, enum bh_hm_event ev, struct trap_frame *tf,
	      uint32_t addr);
void hm_note_restart(struct partition *p);
int hm_read(struct bh_hm_entry *out, unsigned max, uint32_t first_seq);

#endif
