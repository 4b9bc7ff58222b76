/* The port hypercalls (kernel/core/port_hc.c), one table entry each. */
#ifndef CORE_PORT_HC_H
#define CORE_PORT_HC_H

#include <bulkhead/config.h>
#include "core/arch.h"
#include "core/partition.h"
#include "core/port.h"

/* Wire the configuration's channels (after partitions_init). */
void ports_init(const struct bh_config *cfg);
/* A partition halts or restarts: its notification bindings go (the
 * messages stay, for whoever reads next). */
void ports_release(struct partition *p);
/* The kernel's port table, for statistics. */
extern struct port kports[BH_MAX_PORTS];

int32_t hc_port_open(struct partition *p, struct hc_args *a);
int32_t hc_sampling_write(struct partition *p, struct hc_args *a);
int32_t hc_sampling_read(struct partition *p, struct hc_args *a);
int32_t hc_queuing_send(struct partition *p, struct hc_args *a);
int32_t hc_queuing_receive(struct partition *p, struct hc_args *a);
int32_t hc_port_status(struct partition *p, struct hc_args *a);
int32_t hc_port_clear(struct partition *p, struct hc_args *a);
int32_t hc_port_notify(struct partition *p, struct hc_args *a);

#endif
