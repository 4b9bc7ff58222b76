/* Memory areas shared between partitions (kernel/core/area.c). */
#ifndef CORE_AREA_H
#define CORE_AREA_H

#include <bulkhead/config.h>

/* Allocate every area and map it into its users (after partitions_init). */
void areas_init(const struct bh_config *cfg);

#endif
