/*
 * SQLite back end of the storage interface.
 *
 * Durability: WAL journal with synchronous=NORMAL. In WAL mode NORMAL
 * syncs at checkpoints, not at every commit: a process crash (kill -9)
 * never loses or tears a committed transaction, only a power loss can drop
 * the last few commits, and the store stays consistent even then. Since
 * ingest is idempotent, re-running it restores anything dropped, so FULL's
 * per-commit fsync (several times slower on batches) buys nothing here.
 */
#include "store/backend.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#define STMT_CACHE 48

struct cached_stmt {
	char *sql;
	const char *key;   /* the caller's pointer when cached: tried first */
	sqlite3_stmt *st;
};

struct sq {
	sqlite3 *db;
	struct cached_stmt cache[STMT_CACHE];
	size_t ncache;
};

static int sq_fail(pw_store *s, const char *what, const char *where)
{
	struct sq *q = s->impl;

	return pw_error_set(s->ctx, PW_ESTORE, "sqlite: %s%s%s: %s", where ? where : "",
			    where ? ": " : "", what, sqlite3_errmsg(q->db));
}

static int sq_exec(pw_store *s, const char *sql, const char *where)
{
	struct sq *q = s->impl;
	char *err = NULL;

	if (sqlite3_exec(q->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		int rc = pw_error_set(s->ctx, PW_ESTORE, "sqlite: %s%s%s", where ? where : "",
				      where ? ": " : "", err ? err : "error");
		sqlite3_free(err);
		return rc;
	}
	return 0;
}

/* Prepared statements are cached by SQL text: ingest runs the same few
 * inserts hundreds of thousands of times, and preparing dominates otherwise. */
static sqlite3_stmt *sq_prepare(pw_store *s, const char *sql, int *cached)
{
	struct sq *q = s->impl;
	sqlite3_stmt *st = NULL;
	size_t i;

	/* Callers mostly pass the same literal each time: try the entry
	 * cached under that pointer first (one compare), then the text of
	 * every entry (they share long prefixes, so a full scan is many long
	 * compares). The text is checked either way: a built statement may
	 * reuse the address of an earlier, different one. */
	for (i = 0; i < q->ncache; i++)
		if (q->cache[i].key == sql && !strcmp(q->cache[i].sql, sql)) {
			*cached = 1;
			return q->cache[i].st;
		}
	for (i = 0; i < q->ncache; i++)
		if (!strcmp(q->cache[i].sql, sql)) {
			*cached = 1;
			return q->cache[i].st;
		}
	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sq_fail(s, "prepare", NULL);
		return NULL;
	}
	*cached = 0;
	if (q->ncache < STMT_CACHE) {
		char *copy = pw_strdup(s->ctx, sql);
		if (copy) {
			q->cache[q->ncache].sql = copy;
			q->cache[q->ncache].key = sql;
			q->cache[q->ncache].st = st;
			q->ncache++;
			*cached = 1;
		}
	}
	return st;
}

static int sq_query(pw_store *s, const char *sql, int np, const char *const *params,
		    pw_row_fn fn, void *ud)
{
	struct sq *q = s->impl;
	int cached = 0, i, rc = 0, src;
	sqlite3_stmt *st = sq_prepare(s, sql, &cached);
	const char *vals[64];

	if (!st)
		return PW_ESTORE;
	for (i = 0; i < np; i++) {
		if (params[i])
			src = sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
		else
			src = sqlite3_bind_null(st, i + 1);
		if (src != SQLITE_OK) {
			rc = sq_fail(s, "bind", NULL);
			goto out;
		}
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);
		if (!fn)
			continue;
		if (n > (int)PW_ARRAY_LEN(vals))
			n = (int)PW_ARRAY_LEN(vals);
		for (i = 0; i < n; i++)
			vals[i] = (const char *)sqlite3_column_text(st, i);
		if (fn(ud, n, vals)) {
			src = SQLITE_DONE;
			break;
		}
	}
	if (src != SQLITE_DONE)
		rc = pw_error_set(s->ctx, PW_ESTORE, "sqlite: %s (in: %.80s)", sqlite3_errmsg(q->db), sql);
out:
	if (cached) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	} else {
		sqlite3_finalize(st);
	}
	return rc;
}

static int sq_begin(pw_store *s)
{
	/* IMMEDIATE takes the write lock up front, so a second writer waits on
	 * busy_timeout instead of failing half-way through a batch. */
	return sq_exec(s, "BEGIN IMMEDIATE", NULL);
}

static int sq_commit(pw_store *s)
{
	return sq_exec(s, "COMMIT", NULL);
}

static int sq_rollback(pw_store *s)
{
	return sq_exec(s, "ROLLBACK", NULL);
}

static void sq_close(pw_store *s)
{
	struct sq *q = s->impl;
	size_t i;

	if (!q)
		return;
	for (i = 0; i < q->ncache; i++) {
		sqlite3_finalize(q->cache[i].st);
		pw_free(s->ctx, q->cache[i].sql);
	}
	sqlite3_close(q->db);
	pw_free(s->ctx, q);
	s->impl = NULL;
}

static int version_row(void *ud, int ncol, const char *const *vals)
{
	uint64_t *out = ud;

	if (ncol > 0 && vals[0])
		*out = strtoull(vals[0], NULL, 10);
	return 1;
}

/* PRAGMA data_version: changes when another connection (this process's or
 * another's) has committed, never for this connection's own commits. */
static int sq_data_version(pw_store *s, uint64_t *out)
{
	*out = 0;
	return sq_query(s, "PRAGMA data_version", 0, NULL, version_row, out);
}

static const struct pw_store_ops sqlite_ops = {
	"sqlite", sq_exec, sq_query, sq_begin, sq_commit, sq_rollback, sq_close, sq_data_version,
	NULL, /* writes are never deferred */
};

int pw_sqlite_open(pw_store *s, const char *path)
{
	struct sq *q = pw_calloc(s->ctx, 1, sizeof(*q));
	int rc;

	if (!q)
		return PW_ENOMEM;
	s->impl = q;
	s->ops = &sqlite_ops;
	/* NOMUTEX: a pw_store is used by one thread at a time (the server
	 * gives each worker its own), so SQLite's per-call connection mutex
	 * is pure cost: every sqlite3_column_* call took it. */
	if (sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					   SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = pw_error_set(s->ctx, PW_ESTORE, "sqlite: cannot open %s: %s", path,
				  q->db ? sqlite3_errmsg(q->db) : "out of memory");
		sq_close(s);
		return rc;
	}
	sqlite3_busy_timeout(q->db, 10000);
	rc = sq_exec(s, "PRAGMA journal_mode=WAL", path);
	if (!rc)
		rc = sq_exec(s, "PRAGMA synchronous=NORMAL", path);
	if (!rc)
		rc = sq_exec(s, "PRAGMA temp_store=MEMORY", path);
	/* a larger page cache: tracker queries revisit the same index and
	 * event pages, and ingest's index updates touch pages all over */
	if (!rc)
		rc = sq_exec(s, "PRAGMA cache_size=-65536", path);
	if (rc) {
		sq_close(s);
		return rc;
	}
	return 0;
}
