/*
 * pactwatch merge [--db TARGET] [-o FILE] SHARD_OUTPUTS...
 *
 * Events JSON lines from shard runs (`pactwatch code --shard I/N`) into one
 * output in the canonical order (documents by id, the coder's order within
 * a document), de-duplicated (a document id's first group wins), so that
 * merging N shards equals `pactwatch code --sorted` on the whole input,
 * byte for byte. With --db, the merged events go into a store the way
 * `pactwatch ingest --events` loads them (same reader, same idempotence).
 */
#include "cli.h"
#include "pactwatch/pipeline.h"
#include "pactwatch/store.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

PW_CMD(merge);

/* One write(2) per MiB rather than per 4 KiB: at tens of MB/s of events the
 * system calls show in the profile. glibc ignores the size when no buffer
 * is given, hence ours; static because stdout may be flushed at exit. One
 * stream per process uses it (code or merge). Before any output on f. */
static void big_output_buffer(FILE *f)
{
	static char buf[1 << 20];

	setvbuf(f, buf, _IOFBF, sizeof(buf));
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pactwatch merge [--db PATH|postgresql://...] [-o FILE] EVENTS.jsonl...\n"
		"Merge events from shard runs (`pactwatch code --shard I/N`) in canonical order:\n"
		"documents by id, one group per document (the first input holding it wins).\n"
		"  -o, --output FILE  write the merged events to FILE (default stdout)\n"
		"  --db TARGET        load the merged events into a store instead (as ingest --events)\n"
		"  --data DIR         data directory\n"
		"  -q, --quiet        no summary on stderr\n"
		"exit: 0 ok, 1 some lines rejected, 2 usage, 3 failure\n");
}

static int load_store(pw_context *ctx, const char *db, const char *path, uint64_t *ndocs)
{
	pw_store *s;
	pw_event_reader *r;
	const pw_doc *doc;
	const pw_event *ev;
	size_t n, inbatch = 0;
	uint64_t h;
	int rc;

	if ((rc = pw_store_open(&s, ctx, db)))
		return rc;
	if ((rc = pw_event_reader_open(&r, ctx, path))) {
		pw_store_close(s);
		return rc;
	}
	while ((rc = pw_event_reader_next(r, &doc, &ev, &n, &h)) == 1) {
		pw_put_result res;

		if (!inbatch && (rc = pw_store_begin(s)))
			break;
		if ((rc = pw_store_put_doc(&res, s, doc, h, ev, n)))
			break;
		(*ndocs)++;
		/* commit in batches: one transaction per document is the slow path */
		if (++inbatch >= 1000) {
			inbatch = 0;
			if ((rc = pw_store_commit(s)))
				break;
		}
	}
	if (rc < 0 && inbatch)
		pw_store_rollback(s);
	else if (inbatch && !rc)
		rc = pw_store_commit(s);
	pw_event_reader_free(r);
	pw_store_close(s);
	return rc < 0 ? rc : 0;
}

PW_CMD(merge)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'b'},   {"output", required_argument, NULL, 'o'},
		{"data", required_argument, NULL, 'D'}, {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
	const char *db = NULL, *output = NULL, *data_dir = NULL;
	char tmp[] = "/tmp/pactwatch-merge-XXXXXX";
	int c, quiet = 0, rc, exit_code = PW_EXIT_OK, tmpfd = -1;
	uint64_t ndocs = 0, nlines = 0, nstored = 0;
	pw_context *ctx;
	FILE *f = stdout;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': db = optarg; break;
		case 'o': output = optarg; break;
		case 'D': data_dir = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout); return PW_EXIT_OK;
		default: usage(stderr); return PW_EXIT_USAGE;
		}
	}
	if (optind >= argc || (db && output)) {
		if (db && output)
			fprintf(stderr, "pactwatch merge: --db and -o exclude each other\n");
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	ctx = cli_context(data_dir);
	if (!ctx)
		return PW_EXIT_FAILURE;
	if (db) {
		/* the store reads events from a file: merge into a private one */
		tmpfd = mkstemp(tmp);
		f = tmpfd >= 0 ? fdopen(tmpfd, "w+b") : NULL;
		if (!f) {
			fprintf(stderr, "pactwatch merge: temporary file: %s\n", strerror(errno));
			if (tmpfd >= 0) {
				close(tmpfd);
				unlink(tmp);
			}
			pw_context_free(ctx);
			return PW_EXIT_FAILURE;
		}
	} else if (output && !(f = fopen(output, "wb"))) {
		fprintf(stderr, "pactwatch merge: %s: %s\n", output, strerror(errno));
		pw_context_free(ctx);
		return PW_EXIT_FAILURE;
	}
	big_output_buffer(f);
	rc = pw_merge_jsonl(ctx, f, (const char *const *)argv + optind, (size_t)(argc - optind), &ndocs,
			    &nlines);
	if (f != stdout && fclose(f) && !rc) {
		fprintf(stderr, "pactwatch merge: write error: %s\n", strerror(errno));
		exit_code = PW_EXIT_FAILURE;
	}
	if (rc)
		exit_code = cli_fail(ctx, "merge", rc);
	else if (db && (rc = load_store(ctx, db, tmp, &nstored)))
		exit_code = cli_fail(ctx, "merge", rc);
	if (db)
		unlink(tmp);
	if (!quiet && exit_code == PW_EXIT_OK) {
		fprintf(stderr, "pactwatch merge: %llu documents, %llu events from %d input(s)",
			(unsigned long long)ndocs, (unsigned long long)nlines, argc - optind);
		if (db)
			fprintf(stderr, ", %llu documents stored in %s", (unsigned long long)nstored, db);
		fputc('\n', stderr);
	}
	if (exit_code == PW_EXIT_OK)
		exit_code = cli_exit_status(ctx);
	pw_context_free(ctx);
	return exit_code;
}

/*
 * The events stage of `pactwatch code` on the parallel runner (pw_pipeline):
 * -j N, --shard I/N, --sorted, --line-buffered. Kept here, beside merge,
 * because the two are the two halves of the scale-out contract; cmd_code.c
 * parses the options and calls this. Returns an exit code.
 */
int cli_code_events(const char *data_dir, const pw_reader_options *ro, const pw_code_options *co,
		    pw_event_format fmt, int threads, const char *shard, int sorted, int line_buffered,
		    int nin, char **in);
int cli_code_events(const char *data_dir, const pw_reader_options *ro, const pw_code_options *co,
		    pw_event_format fmt, int threads, const char *shard, int sorted, int line_buffered,
		    int nin, char **in)
{
	pw_pipeline_options po = PW_PIPELINE_OPTIONS_INIT;
	pw_pipeline *p;
	pw_context *ctx;
	int i, rc = 0, exit_code, werr;

	po.threads = threads > 1 ? (unsigned)threads : 1;
	po.format = fmt;
	po.code = *co;
	po.sorted = sorted;
	po.line_buffered = line_buffered;
	if (shard && pw_shard_parse(&po.shard_index, &po.shard_count, shard)) {
		fprintf(stderr, "pactwatch code: --shard must be I/N with 0 <= I < N (got '%s')\n", shard);
		return PW_EXIT_USAGE;
	}
	ctx = cli_context(data_dir);
	if (!ctx)
		return PW_EXIT_FAILURE;
	if ((rc = pw_pipeline_new(&p, ctx, &po))) {
		exit_code = cli_fail(ctx, "code", rc);
		pw_context_free(ctx);
		return exit_code;
	}
	if (!line_buffered)
		big_output_buffer(stdout);
	if (fmt == PW_FMT_CSV)
		fputs(pw_events_csv_header(), stdout);
	for (i = 0; i < nin && !rc; i++)
		rc = pw_pipeline_run(p, in[i], ro, stdout);
	if (!rc)
		rc = pw_pipeline_finish(p, stdout);
	werr = !rc && fflush(stdout) ? (errno ? errno : EIO) : 0;
	pw_pipeline_free(p);
	if (werr) {
		fprintf(stderr, "pactwatch code: write error: %s\n", strerror(werr));
		exit_code = PW_EXIT_FAILURE;
	} else if (rc) {
		exit_code = cli_fail(ctx, "code", rc);
	} else {
		exit_code = cli_exit_status(ctx);
	}
	pw_context_free(ctx);
	return exit_code;
}
