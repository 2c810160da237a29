/*
 * pactwatch — the parallel runner: documents in, events out, on N threads,
 * with output bytes that do not depend on N.
 *
 * Layout of a run with threads > 1:
 *   calling thread   reads documents in input order (one pw_reader at a
 *                    time, one context: the caller's) and numbers them;
 *   N workers        each with its OWN pw_context (contexts are single-
 *                    threaded; each loads its own dictionaries) code one
 *                    document at a time into a per-document output buffer;
 *   writer thread    writes the buffers in document order (a bounded ring
 *                    of slots re-orders them), drops content duplicates.
 * With threads == 1 everything runs in the calling thread (one core).
 *
 * Determinism: duplicate-content detection (pw_doc_prepare's "seen" set) is
 * done by the writer in input order, not by the workers, so a duplicate is
 * recognized whatever worker coded either copy. Diagnostics from every
 * thread go through one lock to the caller's context callback (their order
 * on stderr may vary with N; stdout does not).
 *
 * Sharding: a document belongs to shard pw_shard_of(id, N) = FNV-1a-64 of
 * the id bytes, mod N. Stable across machines, builds and runs, so N
 * independent runs with shard 0..N-1 code disjoint sets whose union is every
 * document. Reproduce in Python:
 *   h=0xcbf29ce484222325; for c in id.encode(): h=((h^c)*0x100000001b3)%2**64
 *
 * Canonical order (--sorted and `pactwatch merge`): documents sorted by id
 * (bytewise, strcmp), each document's lines in the coder's order; a
 * document id seen a second time is dropped (the first in input order, or
 * in the order the merge inputs are given, wins).
 */
#ifndef PACTWATCH_PIPELINE_H
#define PACTWATCH_PIPELINE_H

#include "common.h"
#include "doc.h"
#include "events.h"
#include "coder.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pw_pipeline_options {
	unsigned version;
	unsigned threads;            /* worker threads; 0 or 1: all in the calling thread */
	pw_event_format format;      /* output format */
	pw_code_options code;        /* passed to pw_coder_code_doc() */
	unsigned shard_index;        /* with shard_count > 1: keep documents of this shard */
	unsigned shard_count;        /* 0 or 1: no sharding */
	int line_buffered;           /* flush the output after each document */
	int sorted;                  /* canonical order (documents by id): buffers all output */
	int dedup;                   /* 1 (default): drop documents whose normalized text was seen */
	unsigned slots_per_thread;   /* re-order window per worker; 0: 64 */
} pw_pipeline_options;

#define PW_PIPELINE_OPTIONS_VERSION 1
#define PW_PIPELINE_OPTIONS_INIT                                                        \
	{PW_PIPELINE_OPTIONS_VERSION, 1, PW_FMT_JSONL, PW_CODE_OPTIONS_INIT, 0, 0, 0, 0, 1, 0}

/* Counters of a run (cumulative over pw_pipeline_run() calls). */
typedef struct pw_pipeline_stats {
	uint64_t docs_read;          /* documents read (all shards) */
	uint64_t docs_coded;         /* documents of our shard that were coded */
	uint64_t docs_duplicate;     /* dropped as content duplicates */
	uint64_t docs_other_shard;   /* skipped: belong to another shard */
	uint64_t events;             /* events written */
	uint64_t bytes_in;           /* input bytes (after decompression) */
	uint64_t bytes_out;          /* output bytes */
} pw_pipeline_stats;

typedef struct pw_pipeline pw_pipeline;

/* A runner over ctx (borrowed: must outlive the pipeline; used by the
 * calling thread only). Creates threads-1 extra contexts with ctx's data
 * directory and allocator and loads the coder's dictionaries in every
 * context now, so a dictionary error (PW_EDICT, file:line in the message on
 * ctx) comes before any output. *out is new, free with pw_pipeline_free(). */
int pw_pipeline_new(pw_pipeline **out, pw_context *ctx, const pw_pipeline_options *opts);

/* Code every document of `path` (a file, directory or "-", as
 * pw_reader_open) and write the events to f. Malformed documents and
 * unreadable inputs are reported through ctx's diagnostics (PW_DIAG_ERROR)
 * and skipped: the run goes on. Returns 0, or a negative code when the run
 * cannot go on (out of memory, dictionary, write error), with the message
 * on ctx. With threads > 1 the allocator of ctx must be thread-safe (the
 * default is) and ctx's diagnostic callback is called under a lock. */
int pw_pipeline_run(pw_pipeline *p, const char *path, const pw_reader_options *ro, FILE *f);

/* With opts.sorted: write the buffered output in canonical order. Call once
 * after the last pw_pipeline_run(). A no-op otherwise. */
int pw_pipeline_finish(pw_pipeline *p, FILE *f);

/* Counters so far. Borrowed, valid while p lives. */
const pw_pipeline_stats *pw_pipeline_get_stats(const pw_pipeline *p);

/* Frees p and its worker contexts; adds the workers' diagnostic counts to
 * the caller's context, so pw_diag_count(ctx, ...) covers the whole run. */
void pw_pipeline_free(pw_pipeline *p);

/* The shard of a document id: FNV-1a-64(id) mod n (n >= 1). */
unsigned pw_shard_of(const char *id, unsigned n);

/* Parse "I/N" (0 <= I < N, 1 <= N <= 1000000) into *index and *count.
 * Returns 0 or PW_EINVAL. */
int pw_shard_parse(unsigned *index, unsigned *count, const char *s);

/* Merge events JSON lines (the output of `pactwatch code`, e.g. of N
 * shards) into f in canonical order, de-duplicated: one group of lines per
 * document id, the first group of an id in the order of `paths` wins. Lines
 * that are not JSON objects with a string "doc" are reported (file:line)
 * and skipped. The whole input is held in memory (events are small next to
 * the news they came from). *ndocs / *nlines (if not NULL) get the counts
 * written. Returns 0, PW_EIO, PW_ENOMEM. */
int pw_merge_jsonl(pw_context *ctx, FILE *f, const char *const *paths, size_t npaths,
		   uint64_t *ndocs, uint64_t *nlines);

#ifdef __cplusplus
}
#endif
#endif
