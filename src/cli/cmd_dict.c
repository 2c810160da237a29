/*
 * pactwatch dict: the actor dictionaries.
 *   dict check [--data DIR] [FILES...]  validate (default: every file of
 *                                       actors/dictionaries.conf); prints
 *                                       "file:line: message" per problem; exit 4 if any
 *   dict stats [--data DIR] [--json]    counts per file and kind, Phoenix rejects
 */
#include "cli.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: pactwatch dict check [--data DIR] [FILES...]\n"
		   "       pactwatch dict stats [--data DIR] [--json]\n"
		   "check: validate dictionaries (default: those of DATA/actors/dictionaries.conf),\n"
		   "  print 'file:line: message' for every problem; exit 4 if any, 0 if none.\n"
		   "stats: entries per file and kind; for Phoenix files the phrase lines, loaded\n"
		   "  phrases and documented rejects (lines = phrases + rejects).\n");
}

static void problem(void *ud, const char *where, const char *msg)
{
	(void)ud;
	printf("%s: %s\n", where, msg);
}

struct totals {
	int json;
	pw_dict_stat sum;
};

static void stat_line(void *ud, const pw_dict_stat *s)
{
	struct totals *t = ud;

	if (t->json)
		printf("{\"file\":\"%s\",\"format\":\"%s\",\"lines\":%zu,\"phrases\":%zu,\"shadowed\":%zu,"
		       "\"rejects\":%zu,\"rej_nocode\":%zu,\"rej_empty\":%zu,\"rej_badcode\":%zu,"
		       "\"rej_baddate\":%zu,\"names\":%zu,\"adjs\":%zu,\"metonyms\":%zu,\"agents\":%zu,"
		       "\"refs\":%zu,\"groups\":%zu}\n",
		       s->file, s->format, s->lines, s->phrases, s->shadowed, s->rejects, s->rej_nocode,
		       s->rej_empty, s->rej_badcode, s->rej_baddate, s->names, s->adjs, s->metonyms,
		       s->agents, s->refs, s->groups);
	else
		printf("%-42s %-15s %7zu %8zu %8zu %7zu  name %zu adj %zu metonym %zu agent %zu ref %zu group %zu\n",
		       s->file, s->format, s->lines, s->phrases, s->shadowed, s->rejects, s->names, s->adjs,
		       s->metonyms, s->agents, s->refs, s->groups);
	t->sum.lines += s->lines;
	t->sum.phrases += s->phrases;
	t->sum.shadowed += s->shadowed;
	t->sum.rejects += s->rejects;
}

PW_CMD(dict);
PW_CMD(dict)
{
	static const struct option longopts[] = {
		{"data", required_argument, NULL, 'D'}, {"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *data_dir = NULL, *sub;
	int c, json = 0, rc;
	pw_context *ctx;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? PW_EXIT_USAGE : PW_EXIT_OK;
	}
	sub = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'D': data_dir = optarg; break;
		case 'j': json = 1; break;
		case 'h': usage(stdout); return PW_EXIT_OK;
		default: usage(stderr); return PW_EXIT_USAGE;
		}
	}
	if (strcmp(sub, "check") && strcmp(sub, "stats")) {
		fprintf(stderr, "pactwatch dict: unknown subcommand '%s'\n", sub);
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	if (!(ctx = cli_context(data_dir)))
		return PW_EXIT_FAILURE;
	if (!strcmp(sub, "check")) {
		size_t n = 0;

		rc = pw_dict_check(ctx, (const char *const *)argv + optind, (size_t)(argc - optind),
				   problem, NULL, &n);
		if (rc) {
			rc = cli_fail(ctx, "dict check", rc);
		} else if (n) {
			fprintf(stderr, "pactwatch dict check: %zu problem%s\n", n, n == 1 ? "" : "s");
			rc = PW_EXIT_DICT;
		} else {
			fprintf(stderr, "pactwatch dict check: ok\n");
			rc = PW_EXIT_OK;
		}
	} else {
		struct totals t;

		memset(&t, 0, sizeof(t));
		t.json = json;
		if (!json)
			printf("%-42s %-15s %7s %8s %8s %7s  entries by kind\n", "file", "format", "lines",
			       "phrases", "shadowed", "rejects");
		rc = pw_dict_stats(ctx, stat_line, &t);
		if (rc)
			rc = cli_fail(ctx, "dict stats", rc);
		else if (!json)
			printf("%-42s %-15s %7zu %8zu %8zu %7zu\n", "total", "", t.sum.lines, t.sum.phrases,
			       t.sum.shadowed, t.sum.rejects);
	}
	pw_context_free(ctx);
	return rc;
}
