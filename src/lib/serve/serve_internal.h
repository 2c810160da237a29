/*
 * The server's internals shared by http.c (transport, limits, static files,
 * auth) and api.c (the JSON routes) and queries.c (the few reads the
 * tracker API does not offer).
 */
#ifndef PW_SERVE_INTERNAL_H
#define PW_SERVE_INTERNAL_H

#include "core/internal.h"
#include <pthread.h>

struct MHD_Connection;
struct conn_state;

/* One worker's private state: a request borrows a slot for its whole run,
 * so a context and a store connection are never used by two threads. */
struct pw_slot {
	pw_context *ctx;
	pw_store *store;
	int busy;
	/* the diagnostics of the current request (ingest reports rejected
	 * documents through the context's callback) */
	pw_buf *diag_json;   /* NULL outside ingest */
	size_t ndiag;
	/* the store's data version when this worker last looked (cache.c) */
	uint64_t version;
	int version_seen;
};

/* cache.c: answers of the read routes, valid until the store changes. */
struct pw_answer_cache;
int pw_cache_new(struct pw_answer_cache **out);
void pw_cache_free(struct pw_answer_cache *c);
/* Notice commits made since this worker last looked (they invalidate every
 * answer); returns the epoch to tag this request's answer with, 0 if the
 * store cannot tell (then nothing is cached). */
uint64_t pw_cache_check(struct pw_answer_cache *c, struct pw_slot *sl);
/* 1 and the answer appended to out on a hit, else 0. */
int pw_cache_get(struct pw_answer_cache *c, uint64_t epoch, const char *key, pw_buf *out);
void pw_cache_put(struct pw_answer_cache *c, uint64_t epoch, const char *key, const char *body,
		  size_t len);

struct pw_server {
	pw_context *ctx;         /* the caller's: errors of start only */
	struct MHD_Daemon *daemon;
	char *db, *bind, *token, *web_root, *data_dir;
	size_t token_len;
	unsigned port, threads, timeout_s, max_conns;
	size_t max_body;
	int open_reads, access_log;

	struct pw_slot *slots;
	unsigned nslots;
	pthread_mutex_t slot_mu;
	pthread_cond_t slot_cv;

	/* Ingest runs on a writer thread of its own with its own store
	 * connection (only when ingest is enabled): a connection thread that
	 * coded and wrote a large body would leave every other connection it
	 * serves waiting, past their timeout. The connection is suspended
	 * while its body waits in this queue and is written. */
	struct pw_slot writer;
	pthread_t writer_thread;
	int writer_running;
	pthread_mutex_t job_mu;
	pthread_cond_t job_cv;
	struct conn_state *jobs, *jobs_tail;   /* FIFO, under job_mu */
	unsigned njobs;
	int stopping;

	struct pw_answer_cache *cache;
	char *countries_json;      /* GET /api/countries, built at start (read-only after) */
	size_t countries_len;
};

/* A request as the routes see it. */
struct pw_req {
	pw_server *srv;
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	const char *body;         /* POST body (NUL-terminated) or NULL */
	size_t body_len;
	struct pw_slot *slot;     /* borrowed for the request */
	/* the answer */
	unsigned status;
	pw_buf out;               /* JSON body */
	const char *allow;        /* Allow header for 405 */
	int deferred;             /* accepted for the writer thread: no answer yet */
};

/* Routes (api.c). Returns 1 if the path is an API path (then r->status and
 * r->out are set), 0 otherwise. */
int pw_api_handle(struct pw_req *r);
/* The ingest itself, on the writer thread: r->body (already checked by the
 * route) is coded and written in one transaction with r->slot. */
void pw_api_ingest(struct pw_req *r);
/* Is this path handled by the API (so a static lookup is not attempted)? */
int pw_api_is_api_path(const char *path);

/* Set a JSON error body {"error": msg, "status": code}. */
void pw_req_error(struct pw_req *r, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A query-string argument, or NULL. Borrowed from the connection. */
const char *pw_req_arg(struct pw_req *r, const char *name);
/* 0 if every query-string argument is in the NULL-terminated list and
 * free of control bytes; else 1 (unknown name) or 2 (control byte in its
 * value) with the argument's name in *bad. */
int pw_req_args_known(struct pw_req *r, const char *const *names, const char **bad);
/* The request's path and query arguments as one string (the cache key). */
void pw_req_cache_key(struct pw_req *r, pw_buf *key);
/* Check the bearer token: 0 ok, else an error response is set. */
int pw_req_check_token(struct pw_req *r);

/* Constant-time comparison of a presented token with the expected one. */
int pw_token_equal(const char *given, size_t glen, const char *want, size_t wlen);
/* Validate a static path (decoded URL path) without touching the file
 * system: 0 if acceptable, else a reason (static string). */
const char *pw_static_path_check(const char *path);

/* queries.c: reads the tracker API does not offer. Results are JSON
 * appended to out. */
int pw_query_evidence(pw_buf *out, pw_store *s, const char *doc, long sentence);
/* data/countries.tsv as a JSON array: new string in *out (pw_free).
 * PW_EDICT names file:line of a bad row. */
int pw_countries_json(char **out, size_t *len, pw_context *ctx);

#endif
