/*
 * The storage interface: the few operations the store needs from a
 * database, implemented by sqlite.c and postgres.c. Everything above it
 * (store.c, the tracker, the exports) is one code path for both back ends.
 *
 * SQL is written once with `?` placeholders; postgres.c rewrites them to
 * $1, $2 ... Parameters and results travel as text (NULL for SQL NULL):
 * both engines convert on their side, and text keeps the interface to one
 * call shape.
 */
#ifndef PW_STORE_BACKEND_H
#define PW_STORE_BACKEND_H

#include "core/internal.h"

/* Row callback: vals[i] is NULL for SQL NULL. Return 0 to go on, non-zero
 * to stop early (not an error). Values are borrowed until it returns. */
typedef int (*pw_row_fn)(void *ud, int ncol, const char *const *vals);

struct pw_store_ops {
	const char *name;
	/* Run one statement without parameters; where names file:line for
	 * messages (migrations), or NULL. */
	int (*exec)(pw_store *s, const char *sql, const char *where);
	/* Run one statement with text parameters; fn may be NULL. */
	int (*query)(pw_store *s, const char *sql, int nparams, const char *const *params,
		     pw_row_fn fn, void *ud);
	int (*begin)(pw_store *s);
	int (*commit)(pw_store *s);
	int (*rollback)(pw_store *s);
	void (*close)(pw_store *s);
	/* A number that changes whenever any connection or process has
	 * committed since this connection last asked; NULL if the engine has
	 * none (then pw_store_data_version answers PW_EUNSUPPORTED). */
	int (*data_version)(pw_store *s, uint64_t *out);
	/* Wait for the writes sent so far and report their first error; NULL
	 * if writes are never deferred (PostgreSQL pipelines them inside a
	 * transaction, see postgres.c). */
	int (*flush)(pw_store *s);
};

struct pw_tracker_rules;

struct pw_store {
	pw_context *ctx;
	const struct pw_store_ops *ops;
	void *impl;
	int in_batch;            /* inside pw_store_begin() */
	int schema_version;
	struct pw_tracker_rules *rules;   /* data/tracker/ (states.tsv, domains.tsv), loaded on first query */
	void (*rules_free)(pw_context *, struct pw_tracker_rules *);
};

/* A read snapshot around a query made of several statements (the fold,
 * then its evidence): all of them see the same committed state even while
 * an ingest commits batches. No-op inside a write batch. Returns 1 if a
 * snapshot was opened (pass it to pw_store_read_end), 0 if not. */
int pw_store_read_begin(pw_store *s);
void pw_store_read_end(pw_store *s, int opened);

/* See pw_store_ops.data_version: lets a reader keep answers computed from
 * the store until the store changes. */
int pw_store_data_version(pw_store *s, uint64_t *out);

int pw_sqlite_open(pw_store *s, const char *path);
int pw_postgres_open(pw_store *s, const char *uri);

/* Convenience: query returning the first column of the first row as a new
 * string in *out (NULL if no row or NULL). */
int pw_store_query_str(pw_store *s, char **out, const char *sql, int np,
		       const char *const *params);

#endif
