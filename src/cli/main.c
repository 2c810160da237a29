/* pactwatch: command dispatch. Each command lives in cmd_<name>.c. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

PW_CMD(version);
PW_CMD(segment);
PW_CMD(dict);
PW_CMD(actors);
PW_CMD(code);
PW_CMD(merge);
PW_CMD(ingest);
PW_CMD(partners);
PW_CMD(timeline);
PW_CMD(changes);
PW_CMD(dyads);
PW_CMD(incidents);
PW_CMD(export);
PW_CMD(serve);
PW_CMD(watch);
PW_CMD(brief);

struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
};

/* Keep in pipeline order; `pactwatch help` prints them in this order. */
static const struct command commands[] = {
	{"version", cmd_version, "print the version"},
	{"segment", cmd_segment, "read documents, normalize and split them into sentences"},
	{"dict", cmd_dict, "check actor dictionaries (file:line of errors) and count entries"},
	{"actors", cmd_actors, "the actor stage alone: actor mentions per sentence (JSON lines)"},
	{"code", cmd_code, "code documents into events (PLOVER, CAMEO, security sub-type, modality)"},
	{"merge", cmd_merge, "merge events from shard runs (code --shard I/N) in canonical order, de-duplicated"},
	{"ingest", cmd_ingest, "code documents (or load --events) into the store (SQLite or PostgreSQL)"},
	{"partners", cmd_partners, "a country's security partners as of a date, with evidence"},
	{"timeline", cmd_timeline, "dated events between two countries, with their sentences"},
	{"changes", cmd_changes, "partnerships that started, were agreed, ended or changed since a date"},
	{"dyads", cmd_dyads, "event counts and score sums by period, country pair and quad"},
	{"incidents", cmd_incidents, "reports of the same happening grouped, with source counts"},
	{"export", cmd_export, "export events (jsonl/tsv/csv) or the network (graphml/gexf/edges)"},
	{"serve", cmd_serve, "HTTP JSON API and the dashboard over a store"},
	{"watch", cmd_watch, "poll news feeds, ingest new items, alert on partnership changes (webhook)"},
	{"brief", cmd_brief, "a digest of what changed since a date (markdown or self-contained HTML)"},
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
