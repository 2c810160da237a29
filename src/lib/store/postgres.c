/*
 * PostgreSQL back end of the storage interface, through libpq.
 *
 * The same SQL as SQLite: `?` placeholders become $1, $2 ... here (outside
 * quoted literals), parameters go as untyped text so the server infers
 * each one's type from its column, and results come back as text.
 */
#include "store/backend.h"
#include <libpq-fe.h>
#include <stdio.h>

struct pg {
	PGconn *conn;
	pw_buf sql;   /* rewritten statement, reused */
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

static int pg_exec(pw_store *s, const char *sql, const char *where)
{
	struct pg *p = s->impl;
	PGresult *r = PQexec(p->conn, sql);
	int rc = 0;

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = pg_fail(s, where, PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

static int pg_query(pw_store *s, const char *sql, int np, const char *const *params,
		    pw_row_fn fn, void *ud)
{
	struct pg *p = s->impl;
	const char *q = pg_rewrite(s, sql);
	PGresult *r;
	int rc = 0, i, j, nrow, ncol;
	const char *vals[64];

	if (!q)
		return pw_error_set(s->ctx, PW_ENOMEM, "postgresql: out of memory");
	r = PQexecParams(p->conn, q, np, NULL, params, NULL, NULL, 0);
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
	return pg_exec(s, "BEGIN", NULL);
}

static int pg_commit(pw_store *s)
{
	return pg_exec(s, "COMMIT", NULL);
}

static int pg_rollback(pw_store *s)
{
	return pg_exec(s, "ROLLBACK", NULL);
}

static void pg_close(pw_store *s)
{
	struct pg *p = s->impl;

	if (!p)
		return;
	if (p->conn)
		PQfinish(p->conn);
	pw_buf_free(&p->sql);
	pw_free(s->ctx, p);
	s->impl = NULL;
}

static const struct pw_store_ops pg_ops = {
	"postgresql", pg_exec, pg_query, pg_begin, pg_commit, pg_rollback, pg_close,
	NULL, /* no data version: the server does not cache answers on PostgreSQL */
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
