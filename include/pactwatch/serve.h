/*
 * pactwatch — the HTTP server: a JSON API over the store and the dashboard's
 * static files (docs/API.md is the reference of the routes).
 *
 * Threads. libmicrohttpd runs a small pool of worker threads. A pw_context
 * and a store connection are single-threaded, so the server keeps one
 * "slot" (context + store connection) per worker thread and a request
 * borrows a free slot for its duration. Reads therefore run in parallel on
 * separate connections (SQLite WAL readers, or PostgreSQL sessions); writes
 * (POST /api/documents) are serialized by one mutex so two ingests never
 * race for the SQLite write lock. The server struct holds all of it: the
 * library keeps no global state.
 *
 * Security. Static files are confined to the web root (the path is decoded,
 * "..", absolute and encoded forms refused, then realpath() must stay under
 * the root, which also refuses symlinks leading out). Ingest needs the
 * bearer token (compared in constant time); without a token configured it
 * is disabled (403). Read endpoints are open to loopback clients; clients
 * from other addresses need the token too unless open_reads is set.
 */
#ifndef PACTWATCH_SERVE_H
#define PACTWATCH_SERVE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pw_server pw_server;

typedef struct pw_serve_options {
	unsigned version;
	const char *db;          /* store URI (file path or postgresql://...); NULL: ./pactwatch.db */
	const char *bind;        /* IPv4 or IPv6 address; NULL: "127.0.0.1" */
	unsigned port;           /* 0: an ephemeral port (see pw_server_port) */
	const char *token;       /* bearer token for ingest (and remote reads); NULL: ingest off */
	const char *web_dir;     /* static root; NULL: the built-in PW_DEFAULT_WEB_DIR */
	const char *data_dir;    /* dictionaries for the worker contexts; NULL: default */
	unsigned threads;        /* worker threads (and store connections); 0: 4 */
	size_t max_body;         /* bytes; 0: 8 MiB. Larger bodies get 413 */
	unsigned timeout_s;      /* idle connection timeout; 0: 30 s */
	unsigned max_conns;      /* simultaneous connections; 0: 256 */
	int open_reads;          /* 1: read endpoints open to non-loopback clients */
	int access_log;          /* 1: one line per request on stderr */
} pw_serve_options;

#define PW_SERVE_OPTIONS_VERSION 1
#define PW_SERVE_OPTIONS_INIT {PW_SERVE_OPTIONS_VERSION, NULL, NULL, 8080, NULL, NULL, \
			       NULL, 0, 0, 0, 0, 0, 0}

/* Open the store (one connection per worker), bind and start serving in
 * background threads. *out is new, stop and free it with pw_server_stop().
 * Errors go to ctx: PW_ESTORE (store), PW_EIO (bind failed, web dir
 * missing), PW_EINVAL (bad option). The options' strings are copied. */
int pw_server_start(pw_server **out, pw_context *ctx, const pw_serve_options *opts);

/* The port actually bound (useful with port 0). */
unsigned pw_server_port(const pw_server *srv);

/* Stop accepting, finish requests in flight, close the store connections,
 * free. NULL is a no-op. */
void pw_server_stop(pw_server *srv);

#ifdef __cplusplus
}
#endif
#endif
