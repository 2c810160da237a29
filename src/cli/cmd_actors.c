/*
 * pactwatch actors: the actor stage on its own, for debugging dictionaries:
 * one JSON line per sentence with its actor mentions (codes, dictionary
 * entry file:line, resolved references).
 */
#include "cli.h"
#include "actors/actors.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pactwatch actors [OPTIONS] [FILE|DIR|-]...\n"
		"  --input FORMAT     jsonl, txt, html, rss, atom (default: by extension, then content)\n"
		"  --date YYYY-MM-DD  date of documents that have none (resolves dated roles)\n"
		"  --lang en|fr       language of documents that do not give one\n"
		"  --data DIR         data directory (dictionaries)\n"
		"  --flat             one line per mention: {\"doc\",\"sentence\",\"text\",\"code\",...}\n"
		"Prints one JSON line per sentence:\n"
		"  {\"doc\",\"sentence\",\"text\",\"mentions\":[{\"text\",\"start\",\"end\",\"code\",\"country\",\n"
		"   \"sector\",\"kind\",\"entry\",\"resolved_from\"}]}  (start/end: bytes in the sentence)\n"
		"Exit: 0 ok, 1 some input rejected, 2 usage, 3 failure, 4 dictionary error.\n");
}

PW_CMD(actors);
PW_CMD(actors)
{
	static const struct option longopts[] = {
		{"input", required_argument, NULL, 'i'}, {"date", required_argument, NULL, 'd'},
		{"lang", required_argument, NULL, 'l'}, {"data", required_argument, NULL, 'D'},
		{"flat", no_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	const char *data_dir = NULL;
	char dbuf[11];
	int c, a, rc = 0;
	unsigned flags = 0;
	pw_context *ctx;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (pw_input_format_parse(&ro.format, optarg)) {
				fprintf(stderr, "pactwatch actors: unknown input format '%s'\n", optarg);
				return PW_EXIT_USAGE;
			}
			break;
		case 'd':
			if (pw_date_normalize(dbuf, optarg)) {
				fprintf(stderr, "pactwatch actors: bad --date '%s' (YYYY-MM-DD)\n", optarg);
				return PW_EXIT_USAGE;
			}
			ro.default_date = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "en") && strcmp(optarg, "fr")) {
				fprintf(stderr, "pactwatch actors: --lang must be en or fr\n");
				return PW_EXIT_USAGE;
			}
			ro.default_lang = optarg;
			break;
		case 'D': data_dir = optarg; break;
		case 'f': flags |= PW_ACTORS_FLAT; break;
		case 'h': usage(stdout); return PW_EXIT_OK;
		default: usage(stderr); return PW_EXIT_USAGE;
		}
	}
	if (!(ctx = cli_context(data_dir)))
		return PW_EXIT_FAILURE;
	rc = pw_actors_load(ctx); /* a dictionary error is reported before any input is read */
	for (a = optind; a < argc || a == optind; a++) {
		const char *path = a < argc ? argv[a] : "-";
		pw_reader *r = NULL;
		pw_doc *doc;
		int n;

		if (rc)
			break;
		if ((rc = pw_reader_open(&r, ctx, path, &ro)))
			break;
		while ((n = pw_reader_next(&doc, r)) == 1) {
			if (doc->duplicate_of_seen) {
				pw_doc_free(doc);
				continue;
			}
			rc = pw_actors_write_doc(stdout, ctx, doc, flags);
			pw_doc_free(doc);
			if (rc)
				break;
		}
		if (n < 0 && !rc)
			rc = n;
		pw_reader_free(r);
		if (a >= argc)
			break;
	}
	if (fflush(stdout) != 0 && !rc) /* fix: a failed write (ENOSPC) claimed success (found by faults.sh) */
		rc = pw_error_set(ctx, PW_EIO, "write error on standard output: %s", strerror(pw_io_errno()));
	if (rc) {
		rc = cli_fail(ctx, "actors", rc);
	} else {
		rc = cli_exit_status(ctx);
	}
	pw_context_free(ctx);
	return rc;
}
