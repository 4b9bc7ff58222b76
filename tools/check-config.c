/*
 * check-config: validate a configuration on the host, with the same code
 * the kernel runs at boot (kernel/core/config_check.c).
 *
 *   check-config                          validate; print a summary
 *   check-config --modules                validate; print each partition's
 *                                         module name, one per line
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
	fprintf(stderr, "usage: check-config [--modules | --machine-mem BYTES MODULE...]\n");
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
