/*
 * PostgreSQL back end of the storage interface, through libpq.
 *
 * The same SQL as SQLite: `?` placeholders become $1, $2 ... here (outside
 * quoted literals), parameters go as untyped text so the server infers
 * each one's type from its column, and results come back as text.
 *
 * Writes inside a transaction go through libpq's pipeline mode: a
 * statement whose rows nobody reads (fn == NULL: the inserts, updates and
 * deletes of an ingest) is sent without waiting for its answer, and the
 * answers are collected at the next statement that returns rows, at
 * flush (end of a document, see pw_store_put_doc) or at commit. One round
 * trip per document instead of one per row; the statements and the
 * transaction are the same, so idempotence and crash consistency are too.
 * The first error among the collected answers is the one reported (the
 * server skips the rest of the pipeline and the transaction is aborted).
 */
#include "store/backend.h"
#include <libpq-fe.h>
#include <stdio.h>

/* Statements in flight before their answers are collected anyway: keeps
 * the server's answers well under what a socket buffers, as libpq in
 * blocking mode could otherwise wait on a full socket both ways. */
#define PIPE_MAX 256
#define SQL_NOTE 80
/* Statements prepared on the server once per connection (parsed and
 * planned once: an ingest runs the same few inserts for every row). */
#define PG_STMTS 32

struct pg {
	PGconn *conn;
	pw_buf sql;   /* rewritten statement, reused */
	int in_tx;    /* between begin and commit/rollback: writes are piped */
	unsigned piped;                     /* statements sent, answers not read */
	char notes[PIPE_MAX][SQL_NOTE + 1]; /* their SQL, for the error message */
	char *stmts[PG_STMTS];  /* SQL of the prepared statement named "pw<index>" */
	unsigned nstmts;
};

static int pg_fail(pw_store *s, const char *where, const char *msg)
{
	return pw_error_set(s->ctx, PW_ESTORE, "postgresql: %s%s%s", where ? where : "",
			    where ? ": " : "", msg);
}

static const char *pg_rewrite(pw_store *s, const char *sql)
{
	struct pg *p = s->impl;
	int n = 0;
	char quote = 0;

	pw_buf_reset(&p->sql);
	for (; *sql; sql++) {
		if (quote) {
			if (*sql == quote)
				quote = 0;
			pw_buf_putc(&p->sql, *sql);
		} else if (*sql == '\'' || *sql == '"') {
			quote = *sql;
			pw_buf_putc(&p->sql, *sql);
		} else if (*sql == '?') {
			pw_buf_printf(&p->sql, "$%d", ++n);
		} else {
			pw_buf_putc(&p->sql, *sql);
		}
	}
	if (p->sql.oom)
		return NULL;
	return pw_buf_cstr(&p->sql);
}

/* Collect the answers of the piped statements and leave pipeline mode.
 * Returns the first error among them. */
static int pg_drain(pw_store *s)
{
	struct pg *p = s->impl;
	unsigned i = 0, nulls = 0;
	int rc = 0;

	if (!p->piped)
		return 0;
	if (!PQpipelineSync(p->conn))
		rc = pg_fail(s, "pipeline", PQerrorMessage(p->conn));
	/* each statement's answer is followed by a NULL; the sync's answer
	 * ends the list (a broken connection: NULLs only, so they are counted) */
	for (;;) {
		PGresult *r = PQgetResult(p->conn);
		ExecStatusType st;

		if (!r) {
			if (++nulls > p->piped + 1 || PQstatus(p->conn) == CONNECTION_BAD) {
				if (!rc)
					rc = pg_fail(s, "pipeline", PQerrorMessage(p->conn));
				break;
			}
			continue;
		}
		st = PQresultStatus(r);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (st == PGRES_FATAL_ERROR && !rc)
			rc = pw_error_set(s->ctx, PW_ESTORE, "postgresql: %s(in: %s)",
					  PQresultErrorMessage(r), i < PIPE_MAX ? p->notes[i] : "?");
		if (st != PGRES_PIPELINE_ABORTED && st != PGRES_FATAL_ERROR && st != PGRES_COMMAND_OK &&
		    st != PGRES_TUPLES_OK && !rc)
			rc = pg_fail(s, "pipeline", PQresultErrorMessage(r));
		i++;
		PQclear(r);
	}
	p->piped = 0;
	if (!PQexitPipelineMode(p->conn) && !rc)
		rc = pg_fail(s, "pipeline", PQerrorMessage(p->conn));
	return rc;
}

/* Send a statement (prepared as name, or the text q) without waiting for
 * its answer (see the top). */
static int pg_pipe(pw_store *s, const char *name, const char *q, const char *sql, int np,
		   const char *const *params)
{
	struct pg *p = s->impl;
	int sent;

	if (!p->piped && PQpipelineStatus(p->conn) == PQ_PIPELINE_OFF &&
	    !PQenterPipelineMode(p->conn))
		return pg_fail(s, "pipeline", PQerrorMessage(p->conn));
	sent = name ? PQsendQueryPrepared(p->conn, name, np, params, NULL, NULL, 0)
		    : PQsendQueryParams(p->conn, q, np, NULL, params, NULL, NULL, 0);
	if (!sent) {
		int rc = pw_error_set(s->ctx, PW_ESTORE, "postgresql: %s(in: %.80s)",
				      PQerrorMessage(p->conn), sql);
		pg_drain(s);
		return rc;
	}
	snprintf(p->notes[p->piped], sizeof(p->notes[0]), "%s", sql);
	if (++p->piped >= PIPE_MAX)
		return pg_drain(s);
	return 0;
}

static int pg_flush(pw_store *s)
{
	return pg_drain(s);
}

static int pg_exec(pw_store *s, const char *sql, const char *where)
{
	struct pg *p = s->impl;
	PGresult *r;
	int rc = pg_drain(s);

	if (rc)
		return rc;
	r = PQexec(p->conn, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = pg_fail(s, where, PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

/* 1 and the name of sql's prepared statement in name (prepared now if it
 * is new), 0 if the cache is full (sql then goes as text), or an error. */
static int pg_prepared(pw_store *s, const char *sql, int np, char name[16])
{
	struct pg *p = s->impl;
	const char *q;
	PGresult *r;
	char *copy;
	unsigned i;
	int rc;

	for (i = 0; i < p->nstmts; i++)
		if (!strcmp(p->stmts[i], sql)) {
			snprintf(name, 16, "pw%u", i);
			return 1;
		}
	if (p->nstmts == PG_STMTS)
		return 0;
	if ((rc = pg_drain(s)))
		return rc;
	q = pg_rewrite(s, sql);
	copy = pw_strdup(s->ctx, sql);
	if (!q || !copy) {
		pw_free(s->ctx, copy);
		return pw_error_set(s->ctx, PW_ENOMEM, "postgresql: out of memory");
	}
	snprintf(name, 16, "pw%u", p->nstmts);
	r = PQprepare(p->conn, name, q, np, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = pw_error_set(s->ctx, PW_ESTORE, "postgresql: %s(in: %.80s)",
				  PQresultErrorMessage(r), sql);
		PQclear(r);
		pw_free(s->ctx, copy);
		return rc;
	}
	PQclear(r);
	p->stmts[p->nstmts++] = copy;
	return 1;
}

static int pg_query(pw_store *s, const char *sql, int np, const char *const *params,
		    pw_row_fn fn, void *ud)
{
	struct pg *p = s->impl;
	const char *q = NULL;
	char name[16];
	PGresult *r;
	int rc = 0, i, j, nrow, ncol, named = pg_prepared(s, sql, np, name);
	const char *vals[64];

	if (named < 0)
		return named;
	if (!named && !(q = pg_rewrite(s, sql)))
		return pw_error_set(s->ctx, PW_ENOMEM, "postgresql: out of memory");
	if (!fn && p->in_tx)
		return pg_pipe(s, named ? name : NULL, q, sql, np, params);
	if ((rc = pg_drain(s)))
		return rc;
	r = named ? PQexecPrepared(p->conn, name, np, params, NULL, NULL, 0)
		  : PQexecParams(p->conn, q, np, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = pw_error_set(s->ctx, PW_ESTORE, "postgresql: %s(in: %.80s)",
				  PQresultErrorMessage(r), sql);
		PQclear(r);
		return rc;
	}
	nrow = PQntuples(r);
	ncol = PQnfields(r);
	if (ncol > (int)PW_ARRAY_LEN(vals))
		ncol = (int)PW_ARRAY_LEN(vals);
	for (i = 0; fn && i < nrow; i++) {
		for (j = 0; j < ncol; j++)
			vals[j] = PQgetisnull(r, i, j) ? NULL : PQgetvalue(r, i, j);
		if (fn(ud, ncol, vals))
			break;
	}
	PQclear(r);
	return rc;
}

static int pg_begin(pw_store *s)
{
	struct pg *p = s->impl;
	int rc = pg_exec(s, "BEGIN", NULL);

	p->in_tx = !rc;
	return rc;
}

static int pg_commit(pw_store *s)
{
	struct pg *p = s->impl;
	int rc = pg_exec(s, "COMMIT", NULL);

	p->in_tx = 0;
	return rc;
}

static int pg_rollback(pw_store *s)
{
	struct pg *p = s->impl;

	pg_drain(s);   /* an error there is the reason for the rollback */
	p->in_tx = 0;
	return pg_exec(s, "ROLLBACK", NULL);
}

static void pg_close(pw_store *s)
{
	struct pg *p = s->impl;

	if (!p)
		return;
	if (p->conn)
		PQfinish(p->conn);
	while (p->nstmts)
		pw_free(s->ctx, p->stmts[--p->nstmts]);
	pw_buf_free(&p->sql);
	pw_free(s->ctx, p);
	s->impl = NULL;
}

static const struct pw_store_ops pg_ops = {
	"postgresql", pg_exec, pg_query, pg_begin, pg_commit, pg_rollback, pg_close,
	NULL, /* no data version: the server does not cache answers on PostgreSQL */
	pg_flush,
};

int pw_postgres_open(pw_store *s, const char *uri)
{
	struct pg *p = pw_calloc(s->ctx, 1, sizeof(*p));
	int rc;

	if (!p)
		return PW_ENOMEM;
	pw_buf_init(&p->sql, s->ctx);
	s->impl = p;
	s->ops = &pg_ops;
	p->conn = PQconnectdb(uri);
	if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
		rc = pw_error_set(s->ctx, PW_ESTORE, "postgresql: cannot connect: %s",
				  p->conn ? PQerrorMessage(p->conn) : "out of memory");
		pg_close(s);
		return rc;
	}
	/* Migrations print NOTICEs for IF NOT EXISTS; keep stderr for real news. */
	rc = pg_exec(s, "SET client_min_messages = warning", NULL);
	if (rc)
		pg_close(s);
	return rc;
}
