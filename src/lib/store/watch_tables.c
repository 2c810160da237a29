/*
 * A door into the storage interface for the live monitor (src/lib/watch),
 * whose tables (data/sql/010_watch.sql: feeds, items, alerts, outbox) are
 * not the store's documents/events. Kept in its own file so store.c stays
 * the store's; the monitor goes through the same back-end call (one SQL
 * text with `?` placeholders for SQLite and PostgreSQL).
 */
#include "store/backend.h"

int pw_store_watch_sql(pw_store *s, const char *sql, int nparams, const char *const *params,
		       int (*fn)(void *ud, int ncol, const char *const *vals), void *ud);

int pw_store_watch_sql(pw_store *s, const char *sql, int nparams, const char *const *params,
		       int (*fn)(void *ud, int ncol, const char *const *vals), void *ud)
{
	return s->ops->query(s, sql, nparams, params, fn, ud);
}
