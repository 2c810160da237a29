/* pactwatch: command dispatch. Each command lives in cmd_<name>.c. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

PW_CMD(version);

struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
};

/* Keep in pipeline order; `pactwatch help` prints them in this order. */
static const struct command commands[] = {
	{"version", cmd_version, "print the version"},
};

PW_CMD(version)
{
	(void)argc;
	(void)argv;
	printf("pactwatch %s\n", PW_VERSION);
	return 0;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: pactwatch COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n`pactwatch COMMAND --help` for a command's options.\n"
		   "exit codes: 0 ok, 1 some input rejected, 2 usage, 3 failure, 4 dictionary error\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc - 1, argv + 1);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "pactwatch: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return PW_EXIT_USAGE;
}
