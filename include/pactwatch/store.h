/*
 * pactwatch — the store: documents, sentences and events kept in SQLite
 * (embedded, the default) or PostgreSQL (for teams), one schema and one code
 * path above a small storage interface.
 *
 * The schema lives in plain SQL files, data/sql/NNN_name.sql, applied in
 * order at open and recorded in the table schema_version (migrations).
 *
 * Idempotence: every document is stored with a content hash. Storing a
 * document whose id and hash are already there changes nothing; a document
 * whose hash differs replaces its sentences and events. A document's rows
 * are written inside the current transaction, so a crash (even SIGKILL)
 * leaves either all of them or none, and a re-run finishes the job.
 */
#ifndef PACTWATCH_STORE_H
#define PACTWATCH_STORE_H

#include "common.h"
#include "doc.h"
#include "events.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pw_store pw_store;

/* Open (and create or migrate) a store. uri is a file path for SQLite, or
 * "postgresql://..." / "postgres://..." (libpq connection URI), or NULL for
 * "./pactwatch.db". *out is new, close with pw_store_close(). Errors:
 * PW_ESTORE (message names the back end and the SQL file:line on a bad
 * migration), PW_EIO. */
int pw_store_open(pw_store **out, pw_context *ctx, const char *uri);
void pw_store_close(pw_store *s);

/* "sqlite" or "postgresql". Static string. */
const char *pw_store_backend(const pw_store *s);
/* The context the store was opened with. Borrowed. */
pw_context *pw_store_context(const pw_store *s);
/* Highest applied migration number. */
int pw_store_schema_version(const pw_store *s);

/* Batching: pw_store_put_doc() calls between begin and commit form one
 * transaction. Without begin, each put_doc is its own transaction. */
int pw_store_begin(pw_store *s);
int pw_store_commit(pw_store *s);
int pw_store_rollback(pw_store *s);

/* Content hash of a document as the store sees it: text, date, title, url,
 * source and lang (a change in any of them makes it a changed document). */
uint64_t pw_store_doc_hash(const pw_doc *doc);

/* 1 if a document with this id and hash is stored, 0 if not (absent or a
 * different hash), negative PW_E* on failure. Lets ingest skip unchanged
 * documents before coding them. */
int pw_store_has_doc_hash(pw_store *s, const char *id, uint64_t hash);

typedef enum pw_put_result {
	PW_PUT_NEW = 0,       /* the id was not stored */
	PW_PUT_UNCHANGED = 1, /* same id, same hash: nothing written */
	PW_PUT_REPLACED = 2   /* same id, new hash: old sentences/events replaced */
} pw_put_result;

/* Store one document with its events. doc->hash is ignored: the store uses
 * pw_store_doc_hash(doc) unless `hash` is non-zero (callers that hash
 * something else, e.g. `ingest --events` hashing the events). Sentences come
 * from doc->sents when present, else from the events' (sentence, text).
 * Nothing is borrowed past the call. */
int pw_store_put_doc(pw_put_result *res, pw_store *s, const pw_doc *doc, uint64_t hash,
		     const pw_event *events, size_t nevents);

/* Remove a document and its sentences and events. PW_ENOTFOUND if absent. */
int pw_store_delete_doc(pw_store *s, const char *id);

typedef struct pw_store_stats {
	uint64_t documents;
	uint64_t sentences;
	uint64_t events;
	uint64_t security_events;  /* events with a security sub-type */
	uint64_t pairs;            /* distinct country–country pairs with security events */
	char first_date[11];       /* earliest event date, "" if none */
	char last_date[11];        /* latest event date, "" if none */
} pw_store_stats;

int pw_store_stats_get(pw_store_stats *out, pw_store *s);

/* Write a canonical, ordered dump of the store's contents (documents,
 * sentences, events; no timestamps, no row ids) as text lines: two stores
 * holding the same data give byte-identical dumps. Used by the
 * crash-consistency test (`pactwatch export --what dump`). */
int pw_store_dump(FILE *f, pw_store *s);

/* Reading events already coded (the contract's JSON lines), grouped by
 * document: `pactwatch ingest --events`. Groups are runs of consecutive
 * lines with the same "doc"; a document reappearing later is reported and
 * skipped. Bad lines are reported through the diagnostics and skipped. */
typedef struct pw_event_reader pw_event_reader;

/* path is a file or "-" for stdin. *out is new, free with
 * pw_event_reader_free(). */
int pw_event_reader_open(pw_event_reader **out, pw_context *ctx, const char *path);
/* Returns 1 with the next group: *doc (a synthesized document: id, date and
 * source/url/title when the events carry them; no text), *events (*n of
 * them) and *hash (of the group's canonical JSON, for pw_store_put_doc), all
 * borrowed until the next call; 0 at the end; negative on failure. */
int pw_event_reader_next(pw_event_reader *r, const pw_doc **doc, const pw_event **events,
			 size_t *n, uint64_t *hash);
/* Bytes read so far (progress). */
uint64_t pw_event_reader_bytes(const pw_event_reader *r);
void pw_event_reader_free(pw_event_reader *r);

#ifdef __cplusplus
}
#endif
#endif
