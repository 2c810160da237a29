/*
 * pactwatch ingest [--db PATH|postgresql://...] [--events] [--batch N]
 *                  [--input FMT] [--date D] [--quiet] FILES|DIRS|-
 *
 * Code documents and store them with their sentences and events; with
 * --events, load events already coded (the contract's JSON lines) instead.
 * Idempotent: an unchanged document (same id, same content hash) is skipped
 * before coding; a changed one replaces its events. Documents are written
 * in transactions of --batch documents (default 500): a crash loses at most
 * the open batch, and a re-run redoes exactly that.
 */
#define _XOPEN_SOURCE 700
#include "store_cli.h"
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
	"pactwatch ingest [--db PATH|postgresql://...] [--events] [--batch N] [--input FMT] "
	"[--date YYYY-MM-DD] [--quiet] FILES|DIRS|-";

struct ingest {
	pw_context *ctx;
	pw_store *s;
	size_t batch, in_batch;
	uint64_t n_new, n_unchanged, n_replaced, n_dup, n_events, n_docs;
	uint64_t bytes_done, bytes_total; /* for the progress bar */
	uint64_t bytes_base;              /* bytes of the files already finished */
	int progress;
	double t0, last_draw;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t total_bytes;
static int add_size(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	(void)p;
	(void)ftw;
	if (type == FTW_F)
		total_bytes += (uint64_t)st->st_size;
	return 0;
}

static uint64_t input_size(char **paths, size_t n)
{
	size_t i;

	/* the CLI is single-threaded; nftw's callback has no user pointer */
	total_bytes = 0;
	for (i = 0; i < n; i++)
		if (strcmp(paths[i], "-"))
			nftw(paths[i], add_size, 16, FTW_PHYS);
	return total_bytes;
}

static void draw(struct ingest *g, int final)
{
	double t = now(), el = t - g->t0, mbs;
	char eta[32] = "?";

	if (!g->progress || (!final && t - g->last_draw < 0.2))
		return;
	g->last_draw = t;
	mbs = el > 0 ? g->bytes_done / el / 1e6 : 0;
	if (g->bytes_total && g->bytes_done && el > 0.5) {
		double left = (double)(g->bytes_total > g->bytes_done ? g->bytes_total - g->bytes_done : 0) /
			      (g->bytes_done / el);
		snprintf(eta, sizeof(eta), "%dm%02ds", (int)left / 60, (int)left % 60);
	}
	fprintf(stderr, "\r\033[K%llu documents  %.1f MB/s  %3.0f%%  ETA %s",
		(unsigned long long)g->n_docs, mbs,
		g->bytes_total ? 100.0 * g->bytes_done / g->bytes_total : 0.0, eta);
	if (final)
		fputc('\n', stderr);
}

static int put(struct ingest *g, const pw_doc *doc, uint64_t hash, const pw_event *ev, size_t n)
{
	pw_put_result r;
	int rc;

	if (!g->in_batch && (rc = pw_store_begin(g->s)))
		return rc;
	rc = pw_store_put_doc(&r, g->s, doc, hash, ev, n);
	if (rc)
		return rc;
	g->n_docs++;
	if (r == PW_PUT_NEW)
		g->n_new++;
	else if (r == PW_PUT_REPLACED)
		g->n_replaced++;
	else
		g->n_unchanged++;
	if (r != PW_PUT_UNCHANGED)
		g->n_events += n;
	if (++g->in_batch >= g->batch) {
		g->in_batch = 0;
		rc = pw_store_commit(g->s);
	}
	return rc;
}

static int ingest_events(struct ingest *g, const char *path)
{
	pw_event_reader *r;
	const pw_doc *doc;
	const pw_event *ev;
	size_t n;
	uint64_t h;
	int rc = pw_event_reader_open(&r, g->ctx, path);

	if (rc)
		return rc;
	while ((rc = pw_event_reader_next(r, &doc, &ev, &n, &h)) == 1) {
		if ((rc = put(g, doc, h, ev, n)))
			break;
		g->bytes_done = g->bytes_base + pw_event_reader_bytes(r);
		draw(g, 0);
	}
	g->bytes_base += pw_event_reader_bytes(r);
	pw_event_reader_free(r);
	return rc < 0 ? rc : 0;
}

static int ingest_docs(struct ingest *g, const char *path, const pw_reader_options *ro)
{
	pw_code_options co = PW_CODE_OPTIONS_INIT;
	pw_reader *rd;
	pw_doc *doc;
	pw_event *arr = NULL;
	size_t cap = 0;
	int rc = pw_reader_open(&rd, g->ctx, path, ro);

	if (rc)
		return rc;
	while ((rc = pw_reader_next(&doc, rd)) == 1) {
		uint64_t h = pw_store_doc_hash(doc);
		pw_event_list *l = NULL;
		size_t i, n;

		g->bytes_done = g->bytes_base + pw_reader_bytes(rd);
		/* skip unchanged documents before the costly part: coding */
		rc = pw_store_has_doc_hash(g->s, doc->id, h);
		if (rc == 1) {
			g->n_docs++;
			g->n_unchanged++;
			pw_doc_free(doc);
			draw(g, 0);
			continue;
		}
		if (rc < 0 || (rc = pw_doc_prepare(g->ctx, doc))) {
			pw_doc_free(doc);
			break;
		}
		if (doc->duplicate_of_seen) {
			/* same text as a document of this run (the reader has
			 * reported it): the first one stands for both */
			g->n_dup++;
			pw_doc_free(doc);
			continue;
		}
		if ((rc = pw_coder_code_doc(&l, g->ctx, doc, &co))) {
			pw_doc_free(doc);
			break;
		}
		n = pw_event_list_count(l);
		if (n > cap) {
			pw_event *na = realloc(arr, n * sizeof(*na));
			if (!na) {
				rc = PW_ENOMEM;
				pw_event_list_free(l);
				pw_doc_free(doc);
				break;
			}
			arr = na;
			cap = n;
		}
		for (i = 0; i < n; i++)
			arr[i] = *pw_event_list_get(l, i);
		rc = put(g, doc, h, arr, n);
		pw_event_list_free(l);
		pw_doc_free(doc);
		if (rc)
			break;
		draw(g, 0);
	}
	g->bytes_base += pw_reader_bytes(rd);
	pw_reader_free(rd);
	free(arr);
	return rc < 0 ? rc : 0;
}

PW_CMD(ingest);
PW_CMD(ingest)
{
	struct store_opts o;
	struct ingest g;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	int help, rc, events = 0, quiet = 0, r = 0, i;
	size_t k;
	double el;

	memset(&g, 0, sizeof(g));
	g.batch = 500;
	/* ingest's own flags first; the rest goes through the shared parser */
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--events")) {
			events = 1;
			argv[i] = "--json"; /* neutral placeholder for the shared parser */
		} else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
			quiet = 1;
			argv[i] = "--json";
		} else if (!strcmp(argv[i], "--batch") && i + 1 < argc) {
			g.batch = (size_t)strtoul(argv[i + 1], NULL, 10);
			if (!g.batch) {
				fprintf(stderr, "pactwatch ingest: --batch wants a positive number\n");
				return PW_EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--input") && i + 1 < argc) {
			if (pw_input_format_parse(&ro.format, argv[i + 1])) {
				fprintf(stderr, "pactwatch ingest: unknown input format '%s'\n", argv[i + 1]);
				return PW_EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
			ro.default_date = argv[i + 1];
		}
	}
	rc = store_cli_parse(&o, argc, argv, USAGE, "--db --data --json --batch --input --date", &help);
	if (rc || help)
		goto done;
	if (!o.npos) {
		fprintf(stderr, "usage: %s\n", USAGE);
		rc = PW_EXIT_USAGE;
		goto done;
	}
	if (!(g.s = store_cli_open(&o, &g.ctx, "ingest", &rc)))
		goto done;
	g.progress = !quiet && isatty(2);
	g.bytes_total = g.progress ? input_size(o.pos, o.npos) : 0;
	g.t0 = now();
	for (k = 0; !r && k < o.npos; k++)
		r = events ? ingest_events(&g, o.pos[k]) : ingest_docs(&g, o.pos[k], &ro);
	if (!r && g.in_batch)
		r = pw_store_commit(g.s);
	if (r) {
		pw_store_rollback(g.s);
		if (g.progress)
			fputc('\n', stderr);
		rc = cli_fail(g.ctx, "ingest", r);
	} else {
		draw(&g, 1);
		el = now() - g.t0;
		if (!quiet)
			printf("ingest: %llu documents (%llu new, %llu unchanged, %llu replaced, "
			       "%llu duplicate, %llu rejected), %llu events, %.2f s, %.0f docs/s, %s store\n",
			       (unsigned long long)g.n_docs, (unsigned long long)g.n_new,
			       (unsigned long long)g.n_unchanged, (unsigned long long)g.n_replaced,
			       (unsigned long long)g.n_dup,
			       (unsigned long long)pw_diag_count(g.ctx, PW_DIAG_ERROR),
			       (unsigned long long)g.n_events, el, el > 0 ? g.n_docs / el : 0.0,
			       pw_store_backend(g.s));
		rc = cli_exit_status(g.ctx);
	}
	pw_store_close(g.s);
done:
	pw_context_free(g.ctx);
	free(o.pos);
	return rc;
}
