/*
 * Internal interface of the live monitor (not installed): the poller
 * (poll.c), change detection and alerts (alerts.c), the webhook outbox
 * (outbox.c), feed lists and small helpers (feeds.c), HTTP (fetch.c).
 */
#ifndef PW_WATCH_INTERNAL_H
#define PW_WATCH_INTERNAL_H

#include "core/internal.h"
#include "pactwatch/watch.h"
#include "pactwatch/tracker.h"

/* Run SQL on the store's back end (src/lib/store/watch_tables.c). */
int pw_store_watch_sql(pw_store *s, const char *sql, int nparams, const char *const *params,
		       int (*fn)(void *ud, int ncol, const char *const *vals), void *ud);

struct pw_host_slot {
	char host[256];
	long long last_ms;
};

struct pw_watch {
	pw_context *ctx;
	pw_store *s;
	pw_watch_options o;
	pw_feed_spec *feeds;
	size_t nfeeds;
	struct pw_host_slot *hosts;
	size_t nhosts;
};

/* First column of the first row as a new string (NULL: no row or NULL). */
int pw_watch_query_str(pw_watch *w, char **out, const char *sql, int np, const char *const *params);

long long pw_watch_now_ms(void);
/* Sleep up to ms, waking early when *o->stop is set. 1 if stopped. */
int pw_watch_sleep(const pw_watch *w, long ms);
int pw_watch_stopped(const pw_watch *w);
void pw_watch_log(const pw_watch *w, pw_watch_level lv, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Wait until the per-host interval since the last request to url's host has
 * passed, then record this request. */
void pw_watch_host_wait(pw_watch *w, const char *url);

/* Snapshot of the partnership changes dated on or after since (NULL: all),
 * as sorted keys, for before/after comparison around an ingest. */
typedef struct pw_change_snapshot {
	size_t n;
	char **keys;
} pw_change_snapshot;
int pw_watch_snapshot(pw_change_snapshot *out, pw_watch *w, const char *since);
void pw_watch_snapshot_free(pw_watch *w, pw_change_snapshot *snap);

/* After an ingest (inside its transaction): record the changes present now
 * but not in `before`, then fire every recorded, unfired change that passes
 * the filters and whose pair is in `touched` (pairs "AAA-BBB" with new
 * events; NULL: all). Fired alerts' JSON lines are appended to *lines
 * (one per line) for writing after the commit; outbox rows are queued. */
int pw_watch_detect(pw_watch *w, const pw_change_snapshot *before, const char *since,
		    char *const *touched, size_t ntouched, pw_buf *lines, pw_watch_stats *st);

#endif
