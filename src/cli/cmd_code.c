/*
 * pactwatch code: documents in, events out (JSON lines, Phoenix TSV, CSV).
 *
 * The events stage runs on the parallel runner (src/lib/pipeline, through
 * cli_code_events() in cmd_merge.c): -j N threads with one context each,
 * output in input order whatever N, --shard and --sorted for cluster runs.
 * --stage segment and --stage actors print an earlier stage by handing the
 * arguments to the `segment` and `actors` commands.
 */
#include "cli.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PW_CMD(segment);
PW_CMD(actors);
PW_CMD(code);
/* cmd_merge.c: the events stage on pw_pipeline (-j, --shard, --sorted) */
int cli_code_events(const char *data_dir, const pw_reader_options *ro, const pw_code_options *co,
		    pw_event_format fmt, int threads, const char *shard, int sorted, int line_buffered,
		    int nin, char **in);

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pactwatch code [OPTIONS] [FILES|DIRS|-]\n"
		"Code documents into events (../shared/spec/EVENTS.md).\n"
		"  --format jsonl|tsv|csv  output format (default jsonl)\n"
		"  --explain          add the pattern (file:line) and why (actors, roles, modality)\n"
		"  --facts-only       drop hypothetical and negated events\n"
		"  --stage segment|actors|events  stop after a stage and print its JSON\n"
		"  --input FORMAT     jsonl, txt, html, rss, atom (default: by extension, then content)\n"
		"  --date YYYY-MM-DD  date of txt/html documents that have none\n"
		"  --lang en|fr       language of documents that do not give one (default: detect)\n"
		"  -j N               N worker threads (default 1); output order is the same\n"
		"  --shard I/N        code only shard I of N (FNV-1a of the document id mod N)\n"
		"  --sorted           canonical order: documents by id (as `pactwatch merge`)\n"
		"  --line-buffered    flush after each document (streaming filter: code -)\n"
		"  --data DIR         data directory (dictionaries and tables)\n"
		"exit: 0 ok, 1 some input rejected, 2 usage, 3 failure, 4 dictionary error\n");
}

#define MAX_WORKERS 64

/* Hand the arguments to an earlier stage's command, without the options
 * only `code` knows (and their values). */
static int run_stage(int (*fn)(int, char **), const char *extra, int argc, char **argv)
{
	static const char *const with_value[] = {"--stage", "--format", "-j", "--shard", NULL};
	static const char *const flags[] = {"--explain", "--facts-only", "--sorted", "--line-buffered", NULL};
	char **av = calloc((size_t)argc + 2, sizeof(*av));
	int n = 0, a, k, rc, skip;

	if (!av)
		return PW_EXIT_FAILURE;
	for (a = 0; a < argc; a++) {
		skip = 0;
		for (k = 0; with_value[k]; k++) {
			size_t l = strlen(with_value[k]);

			if (!strcmp(argv[a], with_value[k]))
				skip = 2;
			else if (!strncmp(argv[a], with_value[k], l) && argv[a][l] == '=')
				skip = 1;
		}
		for (k = 0; flags[k]; k++)
			if (!strcmp(argv[a], flags[k]))
				skip = 1;
		if (a > 0 && !strncmp(argv[a], "-j", 2) && argv[a][2])
			skip = 1; /* -j2 */
		if (skip) {
			a += skip - 1;
			continue;
		}
		av[n++] = argv[a];
		if (a == 0 && extra)
			av[n++] = (char *)extra;
	}
	rc = fn(n, av);
	free(av);
	return rc;
}

PW_CMD(code)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'}, {"explain", no_argument, NULL, 'e'},
		{"stage", required_argument, NULL, 's'},  {"input", required_argument, NULL, 'i'},
		{"date", required_argument, NULL, 'd'},   {"lang", required_argument, NULL, 'l'},
		{"data", required_argument, NULL, 'D'},   {"facts-only", no_argument, NULL, 'F'},
		{"shard", required_argument, NULL, 'S'},  {"sorted", no_argument, NULL, 'O'},
		{"line-buffered", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
	const char *shard = NULL;
	int sorted = 0, line_buffered = 0;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_code_options co = PW_CODE_OPTIONS_INIT;
	pw_event_format fmt = PW_FMT_JSONL;
	const char *data_dir = NULL, *stage = "events";
	char dbuf[11];
	int c, nworkers = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "jsonl"))
				fmt = PW_FMT_JSONL;
			else if (!strcmp(optarg, "tsv"))
				fmt = PW_FMT_TSV;
			else if (!strcmp(optarg, "csv"))
				fmt = PW_FMT_CSV;
			else {
				fprintf(stderr, "pactwatch code: unknown format '%s'\n", optarg);
				return PW_EXIT_USAGE;
			}
			break;
		case 'e': co.explain = 1; break;
		case 'F': co.include_all_modalities = 0; break;
		case 's':
			if (strcmp(optarg, "segment") && strcmp(optarg, "actors") && strcmp(optarg, "events")) {
				fprintf(stderr, "pactwatch code: --stage must be segment, actors or events\n");
				return PW_EXIT_USAGE;
			}
			stage = optarg;
			break;
		case 'i':
			if (pw_input_format_parse(&ro.format, optarg)) {
				fprintf(stderr, "pactwatch code: unknown input format '%s'\n", optarg);
				return PW_EXIT_USAGE;
			}
			break;
		case 'd':
			if (pw_date_normalize(dbuf, optarg)) {
				fprintf(stderr, "pactwatch code: bad --date '%s' (YYYY-MM-DD)\n", optarg);
				return PW_EXIT_USAGE;
			}
			ro.default_date = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "en") && strcmp(optarg, "fr")) {
				fprintf(stderr, "pactwatch code: --lang must be en or fr\n");
				return PW_EXIT_USAGE;
			}
			ro.default_lang = optarg;
			break;
		case 'D': data_dir = optarg; break;
		case 'S': shard = optarg; break;
		case 'O': sorted = 1; break;
		case 'L': line_buffered = 1; break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > MAX_WORKERS) {
				fprintf(stderr, "pactwatch code: -j must be 1..%d\n", MAX_WORKERS);
				return PW_EXIT_USAGE;
			}
			nworkers = (int)v;
			break;
		}
		case 'h': usage(stdout); return PW_EXIT_OK;
		default: usage(stderr); return PW_EXIT_USAGE;
		}
	}
	if (!strcmp(stage, "segment"))
		return run_stage(cmd_segment, NULL, argc, argv);
	if (!strcmp(stage, "actors"))
		return run_stage(cmd_actors, "--flat", argc, argv);
	if (optind >= argc) {
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	return cli_code_events(data_dir, &ro, &co, fmt, nworkers, shard, sorted, line_buffered,
			       argc - optind, argv + optind);
}
