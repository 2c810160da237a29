/*
 * pactwatch segment: the ingest and segmentation stages on their own.
 * Reads documents (any input format), normalizes and splits them, and
 * prints one JSON object per document with its sentences, or with
 * --summary only the counts. Exit 0, 1 if some input was rejected, 2 usage.
 */
#include "cli.h"
#include "core/internal.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pactwatch segment [OPTIONS] FILE|DIR|- ...\n"
		"  --input FORMAT     jsonl, txt, html, rss, atom (default: by extension, then content)\n"
		"  --date YYYY-MM-DD  date of txt/html documents that have none\n"
		"  --lang en|fr       language of documents that do not give one (default: detect)\n"
		"  --max-doc-bytes N  reject longer documents/lines (default 64 MiB)\n"
		"  --summary          print only counts (documents, sentences, languages, MB/s)\n"
		"  --data DIR         data directory (dictionaries and tables)\n"
		"Prints one JSON object per document:\n"
		"  {\"id\",\"date\",\"lang\",\"title\",\"source\",\"url\",\"repairs\",\"duplicate_of\",\n"
		"   \"sentences\":[{\"i\",\"start\",\"end\",\"flags\",\"text\"}]}\n"
		"Offsets are bytes in the normalized text. Problems with the input go to stderr,\n"
		"one line each; the run goes on. Exit: 0 ok, 1 some input rejected, 2 usage.\n");
}

static void json_opt(pw_buf *b, const char *key, const char *v)
{
	pw_buf_printf(b, ",\"%s\":", key);
	if (v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

static void print_doc(pw_buf *b, const pw_doc *d)
{
	static const char *const names[] = {"heading", "bullet", "table", "quote"};
	size_t i;

	pw_buf_reset(b);
	pw_buf_puts(b, "{\"id\":");
	pw_buf_json_str(b, d->id, strlen(d->id));
	json_opt(b, "date", d->date);
	json_opt(b, "lang", d->lang);
	json_opt(b, "title", d->title);
	json_opt(b, "source", d->source);
	json_opt(b, "url", d->url);
	pw_buf_printf(b, ",\"repairs\":%u", d->repairs);
	json_opt(b, "duplicate_of", d->duplicate_of);
	pw_buf_puts(b, ",\"sentences\":[");
	for (i = 0; i < d->nsent; i++) {
		const pw_sentence *s = &d->sents[i];
		int k, first = 1;

		pw_buf_printf(b, "%s{\"i\":%zu,\"start\":%u,\"end\":%u,\"paragraph\":%u,\"flags\":[",
			      i ? "," : "", i, s->start, s->end, s->paragraph);
		for (k = 0; k < 4; k++)
			if (s->flags & (1u << k)) {
				pw_buf_printf(b, "%s\"%s\"", first ? "" : ",", names[k]);
				first = 0;
			}
		pw_buf_puts(b, "],\"text\":");
		pw_buf_json_str(b, d->text + s->start, s->end - s->start);
		pw_buf_putc(b, '}');
	}
	pw_buf_puts(b, "]}\n");
}

PW_CMD(segment);
PW_CMD(segment)
{
	static const struct option longopts[] = {
		{"input", required_argument, NULL, 'i'}, {"date", required_argument, NULL, 'd'},
		{"lang", required_argument, NULL, 'l'}, {"summary", no_argument, NULL, 's'},
		{"data", required_argument, NULL, 'D'}, {"max-doc-bytes", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	const char *data_dir = NULL;
	int summary = 0, c, a, exit_code = PW_EXIT_OK;
	uint64_t ndocs = 0, nsent = 0, ndup = 0, bytes = 0, nlang[3] = {0};
	pw_context *ctx;
	struct timespec t0, t1;
	pw_buf out;
	char dbuf[11];

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (pw_input_format_parse(&ro.format, optarg)) {
				fprintf(stderr, "pactwatch segment: unknown input format '%s'\n", optarg);
				return PW_EXIT_USAGE;
			}
			break;
		case 'd':
			if (pw_date_normalize(dbuf, optarg)) {
				fprintf(stderr, "pactwatch segment: bad --date '%s' (YYYY-MM-DD)\n", optarg);
				return PW_EXIT_USAGE;
			}
			ro.default_date = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "en") && strcmp(optarg, "fr")) {
				fprintf(stderr, "pactwatch segment: --lang must be en or fr\n");
				return PW_EXIT_USAGE;
			}
			ro.default_lang = optarg;
			break;
		case 's': summary = 1; break;
		case 'D': data_dir = optarg; break;
		case 'm': {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);

			if (*end || v == 0) {
				fprintf(stderr, "pactwatch segment: bad --max-doc-bytes '%s'\n", optarg);
				return PW_EXIT_USAGE;
			}
			ro.max_doc_bytes = (size_t)v;
			break;
		}
		case 'h': usage(stdout); return PW_EXIT_OK;
		default: usage(stderr); return PW_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	ctx = cli_context(data_dir);
	if (!ctx)
		return PW_EXIT_FAILURE;
	pw_buf_init(&out, ctx);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (a = optind; a < argc && exit_code == PW_EXIT_OK; a++) {
		pw_reader *r;
		pw_doc *doc;
		int rc = pw_reader_open(&r, ctx, argv[a], &ro);

		if (rc == PW_EIO) {
			/* a missing path is rejected input: the other paths still run */
			pw_diag_emit(ctx, PW_DIAG_ERROR, argv[a], 0, UINT64_MAX, NULL, "%s",
				     pw_error_last(ctx));
			continue;
		}
		if (rc) {
			exit_code = cli_fail(ctx, "segment", rc);
			break;
		}
		while ((rc = pw_reader_next(&doc, r)) == 1) {
			rc = pw_doc_prepare(ctx, doc);
			if (rc) {
				pw_doc_free(doc);
				break;
			}
			ndocs++;
			if (doc->duplicate_of_seen)
				ndup++;
			nsent += doc->nsent;
			nlang[!strcmp(doc->lang, "en") ? 0 : !strcmp(doc->lang, "fr") ? 1 : 2]++;
			if (!summary) {
				print_doc(&out, doc);
				if (out.oom || fwrite(out.data, 1, out.len, stdout) != out.len) {
					pw_doc_free(doc);
					rc = out.oom ? PW_ENOMEM
						     : pw_error_set(ctx, PW_EIO, "write error on standard output: %s",
								    strerror(pw_io_errno()));
					break;
				}
			}
			pw_doc_free(doc);
		}
		bytes += pw_reader_bytes(r);
		pw_reader_free(r);
		if (rc < 0)
			exit_code = cli_fail(ctx, "segment", rc);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (exit_code == PW_EXIT_OK && summary) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

		printf("{\"documents\":%llu,\"sentences\":%llu,\"languages\":{\"en\":%llu,\"fr\":%llu,"
		       "\"und\":%llu},\"rejected\":%llu,\"warnings\":%llu,\"duplicates\":%llu,"
		       "\"bytes\":%llu,\"seconds\":%.3f,\"mb_per_s\":%.1f}\n",
		       (unsigned long long)ndocs, (unsigned long long)nsent,
		       (unsigned long long)nlang[0], (unsigned long long)nlang[1],
		       (unsigned long long)nlang[2],
		       (unsigned long long)pw_diag_count(ctx, PW_DIAG_ERROR),
		       (unsigned long long)pw_diag_count(ctx, PW_DIAG_WARNING),
		       (unsigned long long)ndup, (unsigned long long)bytes, secs,
		       secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
	}
	if (fflush(stdout) != 0 && exit_code == PW_EXIT_OK) /* fix: say why (found by faults.sh) */
		exit_code = cli_fail(ctx, "segment", pw_error_set(ctx, PW_EIO, "write error on standard output: %s",
								  strerror(pw_io_errno())));
	if (exit_code == PW_EXIT_OK)
		exit_code = cli_exit_status(ctx);
	pw_buf_free(&out);
	pw_context_free(ctx);
	return exit_code;
}
