/*
 * check-config: validate a configuration on the host, with the same code
 * the kernel runs at boot (kernel/core/config_check.c).
 *
 *   check-config                          validate; print a summary
 *   check-config --modules                validate; print each partition's
 *                                         module name, one per line
 *   check-config --json                   validate; print the whole
 *                                         configuration as JSON (what the
 *                                         schedule picture, the trace
 *                                         summary and the XML round-trip
 *                                         test read)
 *   check-config --machine-mem BYTES MODULE...
 *                                         validate against a machine with
 *                                         BYTES of partition memory and
 *                                         these multiboot modules
 *
 * Exit status: 0 if valid, 1 if not, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulkhead/config.h"

static int usage(void)
{
	fprintf(stderr, "usage: check-config [--modules | --json | --machine-mem BYTES MODULE...]\n");
	return 2;
}

static const char *plural(uint32_t n)
{
	return n == 1 ? "" : "s";
}

static int validate(const struct bh_machine *machine)
{
	char msg[512];

	if (bh_config_validate(&bh_config, machine, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "config error: %s\n", msg);
		return 1;
	}
	return 0;
}

static int print_modules(void)
{
	if (validate(NULL))
		return 1;
	for (uint32_t i = 0; i < bh_config.n_partitions; i++)
		printf("%s\n", bh_config.partitions[i].module);
	return 0;
}

/* ---- --json: every field, as the validator saw it ---- */

static void json_str(const char *key, const char *v)
{
	printf("\"%s\": ", key);
	if (!v) {
		printf("null");
		return;
	}
	putchar('"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			printf("\\%c", *v);
		else if ((unsigned char)*v < 0x20)
			printf("\\u%04x", (unsigned char)*v);
		else
			putchar(*v);
	}
	putchar('"');
}

static void json_u32s(const char *key, const uint32_t *v, uint32_t n)
{
	printf("\"%s\": [", key);
	for (uint32_t i = 0; i < n; i++)
		printf("%s%u", i ? ", " : "", v[i]);
	putchar(']');
}

static void json_partition(const struct bh_partition_config *p)
{
	putchar('{');
	json_str("name", p->name);
	printf(", ");
	json_str("module", p->module);
	printf(", \"mem_size\": %u, \"stack_size\": %u, \"entry\": %u, "
	       "\"flags\": %u, \"irq_lines\": %u, \"restart_limit\": %u, \"io\": [",
	       p->mem_size, p->stack_size, p->entry, p->flags, p->irq_lines,
	       p->restart_limit);
	for (uint32_t i = 0, n = 0; i < BH_MAX_IO_RANGES; i++)
		if (p->io[i].count)
			printf("%s{\"base\": %u, \"count\": %u, \"flags\": %u}",
			       n++ ? ", " : "", p->io[i].base, p->io[i].count, p->io[i].flags);
	printf("], \"hm_action\": [");
	for (uint32_t i = 0; i < BH_HM_NR_EVENTS; i++)
		printf("%s%u", i ? ", " : "", p->hm_action[i]);
	printf("], \"hm_escalate\": %u}", p->hm_escalate);
}

static void json_plan(const struct bh_plan *pl)
{
	printf("{\"major_frame_us\": %u, \"windows\": [", pl->major_frame_us);
	for (uint32_t w = 0; w < pl->n_windows && w < BH_MAX_WINDOWS; w++)
		printf("%s{\"partition\": %u, \"offset_us\": %u, \"duration_us\": %u}",
		       w ? ", " : "", pl->windows[w].partition,
		       pl->windows[w].offset_us, pl->windows[w].duration_us);
	printf("]}");
}

static void json_port(const struct bh_port_config *p)
{
	putchar('{');
	json_str("name", p->name);
	printf(", \"partition\": %u, \"kind\": %u, \"direction\": %u, "
	       "\"discipline\": %u, \"max_msg_size\": %u, \"max_nb_msgs\": %u, "
	       "\"refresh_us\": %u}", p->partition, p->kind, p->direction,
	       p->discipline, p->max_msg_size, p->max_nb_msgs, p->refresh_us);
}

static void json_area(const struct bh_area *a)
{
	putchar('{');
	json_str("name", a->name);
	printf(", \"va\": %u, \"size\": %u, \"users\": [", a->va, a->size);
	for (uint32_t u = 0; u < a->n_users && u < BH_MAX_AREA_USERS; u++)
		printf("%s{\"partition\": %u, \"access\": %u}", u ? ", " : "",
		       a->users[u].partition, a->users[u].access);
	printf("]}");
}

#define JSON_LIST(key, n, arr, fn) do { \
	printf(",\n \"%s\": [", key); \
	for (uint32_t i_ = 0; i_ < (n); i_++) { \
		printf("%s\n  ", i_ ? "," : ""); \
		fn(&(arr)[i_]); \
	} \
	printf("]"); \
} while (0)

static int print_json(void)
{
	const struct bh_config *c = &bh_config;

	if (validate(NULL))
		return 1;
	printf("{\"revision\": %u, \"tick_hz\": %u, \"initial_plan\": %u",
	       c->revision, c->tick_hz, c->initial_plan);
	printf(", \"module_action\": [");
	for (uint32_t i = 0; i < BH_MOD_NR_EVENTS; i++)
		printf("%s%u", i ? ", " : "", c->module_action[i]);
	putchar(']');
	JSON_LIST("partitions", c->n_partitions, c->partitions, json_partition);
	JSON_LIST("plans", c->n_plans, c->plans, json_plan);
	JSON_LIST("ports", c->n_ports, c->ports, json_port);
	printf(",\n \"channels\": [");
	for (uint32_t i = 0; i < c->n_channels; i++) {
		printf("%s\n  {\"source\": %u, ", i ? "," : "", c->channels[i].source);
		json_u32s("dests", c->channels[i].dests, c->channels[i].n_dests);
		putchar('}');
	}
	printf("]");
	JSON_LIST("areas", c->n_areas, c->areas, json_area);
	printf(",\n \"trace\": {\"classes\": %u, \"ring_events\": %u}",
	       c->trace.classes, c->trace.ring_events);
	printf("\n}\n");
	return 0;
}

static int check_machine(int argc, char **argv)
{
	struct bh_machine machine;
	unsigned long long mem;
	char *end;

	if (argc < 1)
		return usage();
	mem = strtoull(argv[0], &end, 0);
	if (*argv[0] == '\0' || *end != '\0' || mem > UINT32_MAX) {
		fprintf(stderr, "check-config: bad memory size \"%s\"\n", argv[0]);
		return 2;
	}
	machine.mem_bytes = (uint32_t)mem;
	machine.n_modules = (uint32_t)(argc - 1);
	machine.module_names = (const char *const *)&argv[1];
	return validate(&machine);
}

int main(int argc, char **argv)
{
	int err;

	if (argc == 2 && strcmp(argv[1], "--modules") == 0)
		return print_modules();
	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		return print_json();
	if (argc >= 2 && strcmp(argv[1], "--machine-mem") == 0)
		err = check_machine(argc - 2, argv + 2);
	else if (argc == 1)
		err = validate(NULL);
	else
		return usage();
	if (!err)
		printf("config OK: %u partition%s, %u plan%s\n",
		       bh_config.n_partitions, plural(bh_config.n_partitions),
		       bh_config.n_plans, plural(bh_config.n_plans));
	return err;
}
