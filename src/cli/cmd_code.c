/*
 * pactwatch code: documents in, events out (JSON lines, Phoenix TSV, CSV).
 *
 * With -j N, N worker threads each own a pw_context (contexts are not shared
 * between threads); the main thread reads documents in batches and writes
 * each batch's events in input order, so the output does not depend on N.
 * Duplicate detection is per context: with -j N, a duplicate is only
 * recognized when the same worker saw the first copy.
 */
#include "cli.h"
#include "actors/actors.h"
#include "core/internal.h"
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PW_CMD(segment);
PW_CMD(code);

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
		"  --data DIR         data directory (dictionaries and tables)\n"
		"exit: 0 ok, 1 some input rejected, 2 usage, 3 failure, 4 dictionary error\n");
}

typedef struct job {
	pw_doc *doc;
	pw_buf out;
	int rc;
	uint64_t nevents;
} job;

typedef struct worker {
	pw_context *ctx;
	pthread_t th;
	job *jobs;
	size_t njobs, stride, first;
	pw_event_format fmt;
	const pw_code_options *opts;
	int rc;                   /* first fatal error (dictionary, memory) */
	char err[1024];
} worker;

void pw_event_json(pw_buf *b, const pw_event *e);
void pw_event_tsv(pw_buf *b, const pw_event *e);
void pw_event_csv(pw_buf *b, const pw_event *e);

static void code_one(worker *w, job *j)
{
	pw_event_list *l = NULL;
	size_t i, n;

	pw_buf_init(&j->out, w->ctx);
	j->rc = pw_coder_code_doc(&l, w->ctx, j->doc, w->opts);
	if (j->rc) {
		if (!w->rc) {
			w->rc = j->rc;
			snprintf(w->err, sizeof(w->err), "%s", pw_error_last(w->ctx));
		}
		return;
	}
	n = pw_event_list_count(l);
	for (i = 0; i < n; i++) {
		const pw_event *e = pw_event_list_get(l, i);
		if (w->fmt == PW_FMT_TSV)
			pw_event_tsv(&j->out, e);
		else if (w->fmt == PW_FMT_CSV)
			pw_event_csv(&j->out, e);
		else
			pw_event_json(&j->out, e);
	}
	j->nevents = n;
	pw_event_list_free(l);
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	size_t i;
	for (i = w->first; i < w->njobs && !w->rc; i += w->stride)
		code_one(w, &w->jobs[i]);
	return NULL;
}

/* --stage actors: the mentions of each sentence as JSON lines. */
static int print_actors(pw_context *ctx, pw_doc *doc)
{
	pw_tokens toks = {0};
	pw_mentions m = {0};
	pw_arena a;
	pw_refstate *rs = NULL;
	pw_buf b;
	size_t s, i;
	int rc;

	if ((rc = pw_actors_load(ctx)) || (!doc->prepared && (rc = pw_doc_prepare(ctx, doc))))
		return rc;
	if ((rc = pw_refstate_new(&rs, ctx)))
		return rc;
	pw_arena_init(&a, ctx, 65536);
	pw_buf_init(&b, ctx);
	for (s = 0; s < doc->nsent && !rc; s++) {
		toks.n = 0;
		m.n = 0;
		rc = pw_tokenize(&toks, &a, doc->text, doc->sents[s].start, doc->sents[s].end);
		if (!rc)
			rc = pw_actors_match_sentence(&m, ctx, doc, s, &toks, &a, rs);
		for (i = 0; !rc && i < m.n; i++) {
			b.len = 0;
			pw_buf_puts(&b, "{\"doc\":");
			pw_buf_json_str(&b, doc->id, strlen(doc->id));
			pw_buf_printf(&b, ",\"sentence\":%zu,\"code\":", s);
			pw_buf_json_str(&b, m.v[i].code, strlen(m.v[i].code));
			pw_buf_puts(&b, ",\"country\":");
			pw_buf_json_str(&b, m.v[i].country, strlen(m.v[i].country));
			pw_buf_puts(&b, ",\"text\":");
			pw_buf_json_str(&b, doc->text + m.v[i].start, m.v[i].end - m.v[i].start);
			pw_buf_printf(&b, ",\"kind\":%d,\"tok_start\":%u,\"tok_end\":%u}\n", m.v[i].kind,
				      m.v[i].tok_start, m.v[i].tok_end);
			fwrite(b.data, 1, b.len, stdout);
		}
		pw_arena_reset(&a);
	}
	pw_buf_free(&b);
	pw_arena_free(&a);
	pw_tokens_free(&toks, ctx);
	pw_free(ctx, m.v);
	pw_refstate_free(rs);
	return rc;
}

#define BATCH_PER_WORKER 64
#define MAX_WORKERS 64

PW_CMD(code)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'}, {"explain", no_argument, NULL, 'e'},
		{"stage", required_argument, NULL, 's'},  {"input", required_argument, NULL, 'i'},
		{"date", required_argument, NULL, 'd'},   {"lang", required_argument, NULL, 'l'},
		{"data", required_argument, NULL, 'D'},   {"facts-only", no_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_code_options co = PW_CODE_OPTIONS_INIT;
	pw_event_format fmt = PW_FMT_JSONL;
	const char *data_dir = NULL, *stage = "events";
	char dbuf[11];
	int c, a, nworkers = 1, exit_code = PW_EXIT_OK;
	worker workers[MAX_WORKERS];
	pw_context *ctx;
	job *jobs = NULL;
	size_t njobs = 0, cap, i;

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
	if (!strcmp(stage, "segment")) {
		/* the segment command already prints this stage: hand over the
		 * arguments minus our own options */
		char **av = calloc((size_t)argc + 1, sizeof(*av));
		int n = 0, rc;
		if (!av)
			return PW_EXIT_FAILURE;
		for (a = 0; a < argc; a++) {
			if (!strcmp(argv[a], "--stage") || !strcmp(argv[a], "--format") || !strcmp(argv[a], "-j")) {
				a++;
				continue;
			}
			if (!strncmp(argv[a], "--stage=", 8) || !strncmp(argv[a], "--format=", 9) ||
			    !strcmp(argv[a], "--explain") || !strcmp(argv[a], "--facts-only"))
				continue;
			av[n++] = argv[a];
		}
		rc = cmd_segment(n, av);
		free(av);
		return rc;
	}
	if (optind >= argc) {
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	ctx = cli_context(data_dir);
	if (!ctx)
		return PW_EXIT_FAILURE;
	memset(workers, 0, sizeof(workers));
	for (c = 0; c < nworkers; c++) {
		workers[c].ctx = c == 0 ? ctx : cli_context(data_dir);
		if (!workers[c].ctx) {
			exit_code = PW_EXIT_FAILURE;
			nworkers = c;
			goto done;
		}
		workers[c].fmt = fmt;
		workers[c].opts = &co;
		/* load once up front: a dictionary error stops before any output */
		if (strcmp(stage, "actors") && (a = pw_coder_load(workers[c].ctx)) != 0) {
			exit_code = cli_fail(workers[c].ctx, "code", a);
			nworkers = c + 1;
			goto done;
		}
	}
	if (fmt == PW_FMT_CSV && !strcmp(stage, "events"))
		fputs(pw_events_csv_header(), stdout);
	cap = (size_t)BATCH_PER_WORKER * (size_t)nworkers;
	jobs = calloc(cap, sizeof(*jobs));
	if (!jobs) {
		exit_code = PW_EXIT_FAILURE;
		goto done;
	}
	for (a = optind; a < argc && exit_code == PW_EXIT_OK; a++) {
		pw_reader *r;
		pw_doc *doc;
		int rc = pw_reader_open(&r, ctx, argv[a], &ro);
		int eof = 0;
		if (rc) {
			pw_diag_emit(ctx, PW_DIAG_ERROR, argv[a], 0, UINT64_MAX, NULL, "%s", pw_error_last(ctx));
			continue;
		}
		while (!eof && exit_code == PW_EXIT_OK) {
			njobs = 0;
			while (njobs < cap && (rc = pw_reader_next(&doc, r)) == 1) {
				if (!strcmp(stage, "actors")) {
					int arc = print_actors(ctx, doc);
					pw_doc_free(doc);
					if (arc) {
						exit_code = cli_fail(ctx, "code", arc);
						break;
					}
					continue;
				}
				memset(&jobs[njobs], 0, sizeof(jobs[0]));
				jobs[njobs++].doc = doc;
			}
			if (rc != 1)
				eof = 1;
			if (rc < 0)
				pw_diag_emit(ctx, PW_DIAG_ERROR, argv[a], 0, UINT64_MAX, NULL, "%s", pw_error_last(ctx));
			if (!njobs)
				continue;
			for (c = 0; c < nworkers; c++) {
				workers[c].jobs = jobs;
				workers[c].njobs = njobs;
				workers[c].stride = (size_t)nworkers;
				workers[c].first = (size_t)c;
			}
			if (nworkers == 1) {
				worker_main(&workers[0]);
			} else {
				for (c = 0; c < nworkers; c++)
					if (pthread_create(&workers[c].th, NULL, worker_main, &workers[c])) {
						workers[c].rc = PW_EINTERNAL;
						worker_main(&workers[c]);
						workers[c].rc = workers[c].rc == PW_EINTERNAL ? 0 : workers[c].rc;
						workers[c].th = 0;
					}
				for (c = 0; c < nworkers; c++)
					if (workers[c].th)
						pthread_join(workers[c].th, NULL);
			}
			for (i = 0; i < njobs; i++) {
				if (jobs[i].rc == 0 && jobs[i].out.len &&
				    fwrite(jobs[i].out.data, 1, jobs[i].out.len, stdout) != jobs[i].out.len) {
					fprintf(stderr, "pactwatch code: write error\n");
					exit_code = PW_EXIT_FAILURE;
				}
				pw_buf_free(&jobs[i].out);
				pw_doc_free(jobs[i].doc);
			}
			for (c = 0; c < nworkers; c++)
				if (workers[c].rc) {
					fprintf(stderr, "pactwatch code: %s (%s)\n", workers[c].err,
						pw_error_name(workers[c].rc));
					exit_code = workers[c].rc == PW_EDICT ? PW_EXIT_DICT : PW_EXIT_FAILURE;
					break;
				}
		}
		pw_reader_free(r);
	}
	if (fflush(stdout)) {
		fprintf(stderr, "pactwatch code: write error\n");
		exit_code = PW_EXIT_FAILURE;
	}
done:
	free(jobs);
	if (exit_code == PW_EXIT_OK)
		for (c = 0; c < nworkers; c++)
			if (cli_exit_status(workers[c].ctx))
				exit_code = PW_EXIT_REJECTED;
	for (c = 1; c < nworkers; c++)
		pw_context_free(workers[c].ctx);
	pw_context_free(ctx);
	return exit_code;
}
