/*
 * pactwatch — live monitoring: poll news feeds over HTTP(S), ingest only the
 * new items, detect the partnership changes they cause, emit alerts and
 * deliver them to a webhook through an outbox kept in the store.
 *
 * State that must survive a restart lives in the store (data/sql/010_watch.sql):
 * per-feed validators (ETag, Last-Modified), the identity and hash of every
 * ingested item, every detected change, and the webhook outbox. An item's
 * events, its identity, the changes it causes and their outbox rows are
 * written in one transaction: a crash loses all of them or none, and the
 * next poll redoes exactly that.
 */
#ifndef PACTWATCH_WATCH_H
#define PACTWATCH_WATCH_H

#include "common.h"
#include "doc.h"
#include "store.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- HTTP (libcurl) -------------------------------------------------- */

typedef struct pw_fetch_request {
	unsigned version;
	const char *url;
	const char *method;         /* NULL: GET; "POST" sends body */
	const char *body;
	size_t body_len;
	const char *content_type;   /* POST: default "application/json" */
	const char *etag;           /* If-None-Match, or NULL */
	const char *last_modified;  /* If-Modified-Since, or NULL */
	const char *user_agent;     /* NULL: PW_WATCH_USER_AGENT */
	long connect_timeout_ms;    /* 0: 10 s */
	long timeout_ms;            /* whole transfer; 0: 30 s */
	int max_redirects;          /* 0: 5; -1: do not follow */
	size_t max_bytes;           /* 0: 32 MiB; a longer body fails the fetch */
} pw_fetch_request;

#define PW_FETCH_REQUEST_VERSION 1
#define PW_FETCH_REQUEST_INIT {PW_FETCH_REQUEST_VERSION, NULL, NULL, NULL, 0, NULL, NULL, NULL, \
			       NULL, 0, 0, 0, 0}

#define PW_WATCH_USER_AGENT "pactwatch/" PW_VERSION " (+https://github.com/pactwatch/pactwatch)"

/* Strings are new (pw_free on the context) or NULL; free all with
 * pw_fetch_result_free(). */
typedef struct pw_fetch_result {
	long status;                /* HTTP status of the final response */
	char *body;                 /* NUL-terminated, body_len bytes */
	size_t body_len;
	char *etag;                 /* validators of the final response */
	char *last_modified;
	char *effective_url;        /* after redirects */
	long redirects;
} pw_fetch_result;

/* One HTTP request. Returns 0 when a response arrived, whatever its status
 * (the caller decides what a 500 means); PW_EIO for a transport failure
 * (DNS, refused, timeout, too many redirects), PW_ELIMIT for a body over
 * max_bytes, PW_EINVAL for a URL that is not http(s). The message names the
 * URL and libcurl's reason. */
int pw_fetch(pw_fetch_result *out, pw_context *ctx, const pw_fetch_request *req);
void pw_fetch_result_free(pw_context *ctx, pw_fetch_result *r);

/* ---- feeds list ------------------------------------------------------ */

typedef struct pw_feed_spec {
	char *url;
	pw_input_format format;     /* PW_INPUT_AUTO: sniffed from the body */
	int jsonl;                  /* the hint was "jsonl" */
} pw_feed_spec;

/* Read a feeds file: one URL per line, optionally followed by a format hint
 * (rss, atom, jsonl, auto); '#' starts a comment; blank lines are ignored.
 * *out is a new array of *n specs, free with pw_feed_specs_free(). A bad
 * line (not http(s), unknown hint) fails with PW_EPARSE naming file:line. */
int pw_feed_specs_load(pw_feed_spec **out, size_t *n, pw_context *ctx, const char *path);
void pw_feed_specs_free(pw_context *ctx, pw_feed_spec *specs, size_t n);

/* ---- the poller ------------------------------------------------------ */

typedef enum pw_watch_level { PW_WATCH_INFO = 0, PW_WATCH_WARN = 1 } pw_watch_level;
/* A log line (no trailing newline). Feed problems are WARN lines naming the
 * URL and the reason. */
typedef void (*pw_watch_log_fn)(void *ud, pw_watch_level level, const char *msg);

typedef struct pw_watch_options {
	unsigned version;
	const char *user_agent;     /* NULL: PW_WATCH_USER_AGENT */
	long connect_timeout_ms;    /* 0: 10 s */
	long timeout_ms;            /* 0: 30 s */
	int retries;                /* extra attempts after a failed fetch/POST (-1: 0; 0: 2) */
	long backoff_ms;            /* first retry delay, doubled each attempt; 0: 1 s */
	long backoff_max_ms;        /* 0: 60 s */
	long host_interval_ms;      /* minimum gap between requests to one host; 0: 1 s, -1: none */
	int max_redirects;          /* 0: 5 */
	const char *webhook;        /* POST every fired alert here (through the outbox) */
	FILE *alerts;               /* one JSON line per fired alert, or NULL */
	const char *countries;      /* filter: "MLI,NER" (either endpoint), NULL: all */
	const char *domains;        /* filter: "military,intelligence", NULL: all */
	unsigned min_sources;       /* filter: independent sources behind a change (0/1: any) */
	size_t max_evidence;        /* evidence sentences per alert; 0: 5 */
	pw_watch_log_fn log;        /* NULL: stderr */
	void *log_ud;
	const volatile int *stop;   /* set (e.g. by a signal handler) to stop between items */
} pw_watch_options;

#define PW_WATCH_OPTIONS_VERSION 1
#define PW_WATCH_OPTIONS_INIT {PW_WATCH_OPTIONS_VERSION, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, \
			       NULL, NULL, 0, 0, NULL, NULL, NULL}

typedef struct pw_watch pw_watch;

typedef struct pw_watch_stats {
	unsigned feeds;             /* feeds attempted this round */
	unsigned ok;                /* answered 2xx and parsed */
	unsigned not_modified;      /* answered 304 */
	unsigned failed;            /* down, timeout, 4xx/5xx, garbage: retried next round */
	unsigned items;             /* items read from the feeds */
	unsigned items_new;         /* ingested for the first time */
	unsigned items_updated;     /* known id, new content: re-ingested */
	unsigned changes;           /* partnership changes detected */
	unsigned alerts;            /* changes fired (passed the filters) */
	unsigned delivered;         /* webhook POSTs acknowledged (2xx) */
	unsigned pending;           /* outbox rows still to deliver */
} pw_watch_stats;

/* A poller over a store (borrowed; must outlive the poller) and a list of
 * feeds (copied). Options are copied; their strings and FILE are borrowed.
 * *out is new, free with pw_watch_free(). */
int pw_watch_new(pw_watch **out, pw_store *s, const pw_feed_spec *feeds, size_t nfeeds,
		 const pw_watch_options *opts);
void pw_watch_free(pw_watch *w);

/* One round: every feed fetched (conditional GET, retries with back-off,
 * per-host interval), new items coded and stored, changes detected, alerts
 * fired and queued for the webhook. A feed's failure is logged and does not
 * fail the round. Returns 0, or negative PW_E* for a store failure (the
 * open transaction is rolled back: nothing half-written). Adds to *st. */
int pw_watch_poll(pw_watch *w, pw_watch_stats *st);

/* Deliver the outbox rows that are due (next_try passed). A failed POST
 * schedules the next try with exponential back-off. *next_ms (if not NULL)
 * receives the delay until the earliest pending row is due (-1: none
 * pending). Adds to st->delivered and sets st->pending. */
int pw_watch_deliver(pw_watch *w, pw_watch_stats *st, long *next_ms);

/* Does a change pass the filters? (countries: either endpoint; domains;
 * nsources >= min_sources). Exposed for tests. */
int pw_watch_filter_match(const pw_watch_options *o, const char *a, const char *b,
			  const char *domain, unsigned nsources);

/* Delay before retry `attempt` (1-based): backoff * 2^(attempt-1), capped. */
long pw_watch_backoff_ms(long base_ms, long max_ms, unsigned attempt);

/* Parse "15m", "30s", "2h", "1d", "500ms" or plain seconds into
 * milliseconds. 0 or PW_EINVAL. */
int pw_watch_parse_duration(long *out_ms, const char *s);

#ifdef __cplusplus
}
#endif
#endif
