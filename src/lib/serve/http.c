/*
 * The HTTP layer on libmicrohttpd: worker slots, request limits, bearer
 * token, JSON errors and the static files of the dashboard. The routes are
 * in api.c.
 */
#include "serve/serve_internal.h"
#include "store/backend.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef PW_DEFAULT_WEB_DIR
#define PW_DEFAULT_WEB_DIR "web/dist"
#endif

#define DEFAULT_MAX_BODY (8u << 20)
/* MHD keeps the request line and headers in this per-connection pool, so
 * it is also the header size limit (MHD answers 431 above it). */
#define CONN_MEMORY_LIMIT (64u << 10)
/* Ingest bodies waiting for the writer (each up to max_body in memory):
 * past this, a POST is answered 503 at once rather than queued. */
#define MAX_QUEUED_INGESTS 16

enum job_state { JOB_NONE, JOB_QUEUED, JOB_DONE };

/* Per-connection state across MHD's calls for one request. The body is
 * kept with plain malloc: it is filled before a slot (and its context) is
 * borrowed, and a context must not be touched outside its slot. */
struct conn_state {
	char *body;
	size_t len, cap;
	int too_large;
	struct timeval t0;
	/* an ingest handed to the writer thread (see pw_server) */
	struct MHD_Connection *conn;
	struct conn_state *next;
	enum job_state job;
	unsigned job_status;
	char *job_out;            /* the answer, malloc'd by the writer */
	size_t job_len;
};

/* ---- slots -------------------------------------------------------------- */

static struct pw_slot *slot_acquire(pw_server *srv)
{
	struct pw_slot *got = NULL;
	unsigned i;

	pthread_mutex_lock(&srv->slot_mu);
	for (;;) {
		for (i = 0; i < srv->nslots; i++)
			if (!srv->slots[i].busy) {
				got = &srv->slots[i];
				got->busy = 1;
				break;
			}
		if (got)
			break;
		/* Only when more requests run than slots (MHD's pool is the
		 * same size, so this is rare): wait for one to be released. */
		pthread_cond_wait(&srv->slot_cv, &srv->slot_mu);
	}
	pthread_mutex_unlock(&srv->slot_mu);
	return got;
}

static void slot_release(pw_server *srv, struct pw_slot *sl)
{
	pthread_mutex_lock(&srv->slot_mu);
	sl->busy = 0;
	pthread_cond_signal(&srv->slot_cv);
	pthread_mutex_unlock(&srv->slot_mu);
}

/* Diagnostics of a worker context: collected as JSON for the ingest answer
 * (the client must learn which of its documents were rejected and why). */
static void slot_diag(void *ud, const pw_diag *d)
{
	struct pw_slot *sl = ud;

	if (!sl->diag_json || sl->ndiag >= 50 || d->severity < PW_DIAG_WARNING)
		return;
	pw_buf_puts(sl->diag_json, sl->ndiag ? ",{" : "{");
	pw_buf_printf(sl->diag_json, "\"severity\":\"%s\",\"line\":%llu,\"doc\":",
		      d->severity == PW_DIAG_ERROR ? "error" : "warning",
		      (unsigned long long)d->line);
	if (d->doc_id)
		pw_buf_json_str(sl->diag_json, d->doc_id, strlen(d->doc_id));
	else
		pw_buf_puts(sl->diag_json, "null");
	pw_buf_puts(sl->diag_json, ",\"message\":");
	pw_buf_json_str(sl->diag_json, d->message ? d->message : "", d->message ? strlen(d->message) : 0);
	pw_buf_putc(sl->diag_json, '}');
	sl->ndiag++;
}

/* ---- request helpers used by the routes ----------------------------------- */

void pw_req_error(struct pw_req *r, unsigned status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->status = status;
	pw_buf_reset(&r->out);
	pw_buf_puts(&r->out, "{\"error\":");
	pw_buf_json_str(&r->out, msg, strlen(msg));
	pw_buf_printf(&r->out, ",\"status\":%u}\n", status);
}

const char *pw_req_arg(struct pw_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct known_ctx {
	const char *const *names;
	const char *bad;
	int ctrl;
};

static enum MHD_Result check_known(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct known_ctx *k = cls;
	size_t i;

	(void)kind;
	for (i = 0; value && value[i]; i++)
		if ((unsigned char)value[i] < 0x20) {
			k->bad = key;
			k->ctrl = 1;
			return MHD_NO;
		}
	for (i = 0; k->names[i]; i++)
		if (!strcmp(k->names[i], key))
			return MHD_YES;
	k->bad = key;
	return MHD_NO;
}

int pw_req_args_known(struct pw_req *r, const char *const *names, const char **bad)
{
	struct known_ctx k = {names, NULL, 0};

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_known, &k);
	*bad = k.bad;
	return k.bad == NULL ? 0 : k.ctrl ? 2 : 1;
}

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	pw_buf *b = cls;

	(void)kind;
	/* control bytes cannot occur in a cached answer's key: the routes
	 * refuse them (400, never cached), so these separators are unique */
	pw_buf_putc(b, '\x1e');
	pw_buf_puts(b, key);
	pw_buf_putc(b, '\x1f');
	pw_buf_puts(b, value ? value : "");
	return MHD_YES;
}

void pw_req_cache_key(struct pw_req *r, pw_buf *key)
{
	pw_buf_puts(key, r->path);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, key_arg, key);
}

/* Compare every byte whatever the lengths, so the time taken says nothing
 * about how much of a guessed token was right. */
int pw_token_equal(const char *given, size_t glen, const char *want, size_t wlen)
{
	unsigned char diff = (unsigned char)(glen != wlen);
	size_t i;

	for (i = 0; i < wlen; i++)
		diff |= (unsigned char)(want[i] ^ (i < glen ? given[i] : 0));
	return diff == 0;
}

int pw_req_check_token(struct pw_req *r)
{
	pw_server *srv = r->srv;
	const char *h;
	size_t n;

	if (!srv->token) {
		pw_req_error(r, 403, "ingest is disabled: start the server with --token or "
				     "PACTWATCH_TOKEN");
		return -1;
	}
	h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	if (!h || strncasecmp(h, "Bearer ", 7) != 0) {
		pw_req_error(r, 401, "a bearer token is required (Authorization: Bearer TOKEN)");
		return -1;
	}
	h += 7;
	while (*h == ' ')
		h++;
	n = strlen(h);
	while (n && (h[n - 1] == ' ' || h[n - 1] == '\t'))
		n--;
	if (!pw_token_equal(h, n, srv->token, srv->token_len)) {
		pw_req_error(r, 403, "wrong token");
		return -1;
	}
	return 0;
}

static int client_is_loopback(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (!sa)
		return 0;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		const uint8_t *b = in6->sin6_addr.s6_addr;
		static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return 1;
		return !memcmp(b, v4mapped, 12) && b[12] == 127;
	}
	return 0;
}

/* ---- static files ----------------------------------------------------------- */

/* The URL path arrives percent-decoded by MHD, so "%2e%2e" is seen here as
 * "..". Refused before any file-system access: dot segments, backslashes
 * (never in our file names, and a Windows-style separator in disguise),
 * control bytes, and empty segments ("//" would make an absolute path). */
const char *pw_static_path_check(const char *path)
{
	const char *seg = path, *p;

	if (path[0] != '/')
		return "the path must start with /";
	if (strlen(path) > 512)
		return "path too long";
	for (p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return "forbidden character in path";
	while (*seg == '/') {
		size_t n;

		seg++;
		p = strchr(seg, '/');
		n = p ? (size_t)(p - seg) : strlen(seg);
		if (n == 0 && p)
			return "empty path segment";
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return "dot segment in path";
		if (n && seg[0] == '.')
			return "hidden file";
		seg += n;
	}
	return NULL;
}

static const char *content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".json", "application/json; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".woff2", "font/woff2"},
		{".txt", "text/plain; charset=utf-8"},
		{".map", "application/json; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot)
		for (i = 0; i < PW_ARRAY_LEN(types); i++)
			if (!strcasecmp(dot, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

static void common_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

static const char OOM_JSON[] = "{\"error\":\"out of memory\",\"status\":500}\n";

static enum MHD_Result queue_body(struct MHD_Connection *conn, unsigned status, const char *body,
				  size_t len, const char *allow)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(len, (void *)(body ? body : ""),
					       MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	common_headers(resp);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (status == 401)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
					"Bearer realm=\"pactwatch\"");
	if (allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result queue_json(struct pw_req *r)
{
	if (r->out.oom)
		return queue_body(r->conn, 500, OOM_JSON, sizeof(OOM_JSON) - 1, NULL);
	return queue_body(r->conn, r->status, r->out.data, r->out.len, r->allow);
}

/* Serve a file under the web root, or set an error on r and return
 * MHD_NO-free -1 (the caller queues r's JSON). */
static int serve_static(struct pw_req *r, enum MHD_Result *ret)
{
	pw_server *srv = r->srv;
	const char *path = r->path, *why;
	char full[PATH_MAX + 600], resolved[PATH_MAX];
	size_t rootlen;
	struct stat st;
	struct MHD_Response *resp;
	int fd;

	if (!strcmp(path, "/"))
		path = "/index.html";
	if ((why = pw_static_path_check(path))) {
		pw_req_error(r, 403, "refused: %s", why);
		return -1;
	}
	if (!srv->web_root) {
		pw_req_error(r, 404, "the dashboard is not built (run scripts/build-web.sh); "
				     "the API is under /api/");
		return -1;
	}
	snprintf(full, sizeof(full), "%s%s", srv->web_root, path);
	if (!realpath(full, resolved)) {
		pw_req_error(r, 404, "not found: %s", r->path);
		return -1;
	}
	/* realpath() follows symlinks, so a link leading out of the root
	 * resolves outside it and is refused here. */
	rootlen = strlen(srv->web_root);
	if (strncmp(resolved, srv->web_root, rootlen) != 0 || resolved[rootlen] != '/') {
		pw_req_error(r, 403, "refused: outside the web root");
		return -1;
	}
	fd = open(resolved, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		pw_req_error(r, 404, "not found: %s", r->path);
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* directories included: there is no listing */
		close(fd);
		pw_req_error(r, 404, "not found: %s", r->path);
		return -1;
	}
	resp = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
	if (!resp) {
		close(fd);
		pw_req_error(r, 500, "cannot create the response");
		return -1;
	}
	common_headers(resp);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type(resolved));
	/* Vite names assets by content hash: cache them for good; the page
	 * itself is revalidated so a rebuilt dashboard shows at once. */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				strncmp(path, "/assets/", 8) ? "no-cache"
							      : "public, max-age=31536000, immutable");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data: blob:; "
				"style-src 'self' 'unsafe-inline'; connect-src 'self'; "
				"object-src 'none'; frame-ancestors 'none'");
	r->status = 200;
	*ret = MHD_queue_response(r->conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return 0;
}

/* ---- the request handler ------------------------------------------------------ */

static void access_log(const char *method, const char *path, unsigned status,
		       const struct conn_state *cs)
{
	struct timeval t1;
	double ms;

	gettimeofday(&t1, NULL);
	ms = (double)(t1.tv_sec - cs->t0.tv_sec) * 1e3 + (double)(t1.tv_usec - cs->t0.tv_usec) / 1e3;
	fprintf(stderr, "pactwatch serve: %s %s %u %.1f ms\n", method, path, status, ms);
}

/* ---- the writer thread ---------------------------------------------------------- */

/* Queue an accepted ingest for the writer and suspend its connection (MHD
 * then leaves it alone, timeout included, until the writer resumes it).
 * -1 if the queue is full. */
static int job_enqueue(pw_server *srv, struct conn_state *cs, struct MHD_Connection *conn)
{
	pthread_mutex_lock(&srv->job_mu);
	if (srv->njobs >= MAX_QUEUED_INGESTS || srv->stopping) {
		pthread_mutex_unlock(&srv->job_mu);
		return -1;
	}
	cs->conn = conn;
	cs->next = NULL;
	cs->job = JOB_QUEUED;
	MHD_suspend_connection(conn);
	if (srv->jobs_tail)
		srv->jobs_tail->next = cs;
	else
		srv->jobs = cs;
	srv->jobs_tail = cs;
	srv->njobs++;
	pthread_cond_signal(&srv->job_cv);
	pthread_mutex_unlock(&srv->job_mu);
	return 0;
}

/* Run one ingest with the writer's slot; the answer is copied to plain
 * memory, as the connection thread sends it and must not touch the
 * writer's context. */
static void job_run(pw_server *srv, struct conn_state *cs, int stopping)
{
	struct pw_req r;

	memset(&r, 0, sizeof(r));
	r.srv = srv;
	r.slot = &srv->writer;
	r.method = "POST";
	r.path = "/api/documents";
	r.body = cs->body;
	r.body_len = cs->len;
	r.status = 200;
	pw_buf_init(&r.out, r.slot->ctx);
	if (stopping)
		pw_req_error(&r, 503, "the server is stopping: nothing written, send again later");
	else
		pw_api_ingest(&r);
	cs->job_status = r.out.oom ? 500 : r.status;
	cs->job_out = NULL;
	if (!r.out.oom && (cs->job_out = malloc(r.out.len + 1)))
		memcpy(cs->job_out, r.out.data ? r.out.data : "", r.out.len);
	cs->job_len = cs->job_out ? r.out.len : 0;
	if (!cs->job_out)
		cs->job_status = 500;
	pw_buf_free(&r.out);
	cs->job = JOB_DONE;
}

static void *writer_main(void *arg)
{
	pw_server *srv = arg;

	for (;;) {
		struct conn_state *cs;
		int stopping;

		pthread_mutex_lock(&srv->job_mu);
		while (!srv->jobs && !srv->stopping)
			pthread_cond_wait(&srv->job_cv, &srv->job_mu);
		cs = srv->jobs;
		if (cs) {
			srv->jobs = cs->next;
			if (!srv->jobs)
				srv->jobs_tail = NULL;
			srv->njobs--;
		}
		stopping = srv->stopping;
		pthread_mutex_unlock(&srv->job_mu);
		if (!cs)
			return NULL;
		/* once stopping, queued bodies are answered 503, not written */
		job_run(srv, cs, stopping);
		MHD_resume_connection(cs->conn);
	}
}

/* The writer's answer, on the connection's thread once resumed. */
static enum MHD_Result job_answer(pw_server *srv, struct conn_state *cs)
{
	enum MHD_Result ret;

	if (cs->job_out)
		ret = queue_body(cs->conn, cs->job_status, cs->job_out, cs->job_len, NULL);
	else
		ret = queue_body(cs->conn, 500, OOM_JSON, sizeof(OOM_JSON) - 1, NULL);
	if (srv->access_log)
		access_log("POST", "/api/documents", cs->job_status, cs);
	free(cs->job_out);
	cs->job_out = NULL;
	cs->job = JOB_NONE;
	return ret;
}

static enum MHD_Result dispatch(pw_server *srv, struct MHD_Connection *conn, const char *url,
				const char *method, struct conn_state *cs)
{
	struct pw_req r;
	enum MHD_Result ret = MHD_NO;
	int is_api = pw_api_is_api_path(url);

	memset(&r, 0, sizeof(r));
	r.srv = srv;
	r.conn = conn;
	r.method = method;
	r.path = url;
	r.status = 200;
	r.slot = slot_acquire(srv);
	pw_buf_init(&r.out, r.slot->ctx);

	if (cs->too_large) {
		pw_req_error(&r, 413, "request body larger than %zu bytes", srv->max_body);
	} else if (is_api) {
		int is_read = !strcmp(method, "GET") || !strcmp(method, "HEAD");

		if (is_read && !srv->open_reads && !client_is_loopback(conn) &&
		    pw_req_check_token(&r) != 0) {
			/* error set */
		} else {
			if (cs->body) {
				cs->body[cs->len] = '\0';
				r.body = cs->body;
				r.body_len = cs->len;
			}
			pw_api_handle(&r);
			if (r.deferred && job_enqueue(srv, cs, conn) == 0) {
				ret = MHD_YES;   /* answered by job_answer */
				goto release;
			}
			if (r.deferred)
				pw_req_error(&r, 503, "%u ingests already waiting: send again later",
					     MAX_QUEUED_INGESTS);
		}
	} else if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		r.allow = "GET, HEAD";
		pw_req_error(&r, 405, "method %s not allowed here", method);
	} else if (serve_static(&r, &ret) == 0) {
		goto done;
	}
	ret = queue_json(&r);
done:
	if (srv->access_log)
		access_log(r.method, r.path, r.status, cs);
release:
	pw_buf_free(&r.out);
	slot_release(srv, r.slot);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	pw_server *srv = cls;
	struct conn_state *cs = *con_cls;

	(void)version;
	if (!cs) {
		const char *cl;

		cs = calloc(1, sizeof(*cs));
		if (!cs)
			return MHD_NO;
		gettimeofday(&cs->t0, NULL);
		*con_cls = cs;
		/* A declared length over the limit is refused before reading
		 * a byte of it; a chunked body is counted as it arrives. */
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl) {
			char *end;
			unsigned long long n;

			errno = 0;
			n = strtoull(cl, &end, 10);
			if (errno || *end || n > srv->max_body) {
				enum MHD_Result ret;

				cs->too_large = 1;
				ret = dispatch(srv, conn, url, method, cs);
				cs->too_large = 2; /* answered: later calls only drain */
				return ret;
			}
		}
		return MHD_YES;
	}
	if (cs->job == JOB_DONE)
		return job_answer(srv, cs);
	if (cs->job == JOB_QUEUED) /* not expected: MHD calls again only once resumed */
		return MHD_YES;
	if (*upload_size) {
		size_t n = *upload_size;

		*upload_size = 0;
		if (cs->too_large)
			return MHD_YES;
		if (cs->len + n > srv->max_body) {
			cs->too_large = 1;
			free(cs->body);
			cs->body = NULL;
			cs->len = cs->cap = 0;
			return MHD_YES;
		}
		if (cs->len + n + 1 > cs->cap) {
			size_t cap = cs->cap ? cs->cap : 65536;
			char *nb;

			while (cap < cs->len + n + 1)
				cap *= 2;
			nb = realloc(cs->body, cap);
			if (!nb)
				return MHD_NO;
			cs->body = nb;
			cs->cap = cap;
		}
		memcpy(cs->body + cs->len, upload, n);
		cs->len += n;
		return MHD_YES;
	}
	if (cs->too_large == 2) /* already answered */
		return MHD_YES;
	return dispatch(srv, conn, url, method, cs);
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Percent-decoding of the path and the query arguments. MHD's own would
 * turn "%00" into a NUL that silently cuts "/index.html%00.js" or a
 * parameter short of what our checks then see; here every decoded control
 * byte becomes 0x01, which the path check and the parameter validators
 * refuse. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	char *r = s, *w = s;

	(void)cls;
	(void)conn;
	while (*r) {
		if (r[0] == '%' && isxdigit((unsigned char)r[1]) && isxdigit((unsigned char)r[2])) {
			int v = hexval(r[1]) * 16 + hexval(r[2]);

			*w++ = v < 0x20 ? (char)0x01 : (char)v;
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_state *cs = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (cs) {
		free(cs->body);
		free(cs->job_out);
		free(cs);
		*con_cls = NULL;
	}
}

/* ---- start / stop --------------------------------------------------------------- */

static void slot_close(struct pw_slot *sl)
{
	if (sl->store)
		pw_store_close(sl->store);
	if (sl->ctx)
		pw_context_free(sl->ctx);
	sl->store = NULL;
	sl->ctx = NULL;
}

static int slot_open(pw_server *srv, struct pw_slot *sl)
{
	pw_context_options co = PW_CONTEXT_OPTIONS_INIT;
	int rc;

	co.data_dir = srv->data_dir;
	co.diag = slot_diag;
	co.diag_ud = sl;
	rc = pw_context_new(&sl->ctx, &co);
	if (rc)
		return pw_error_set(srv->ctx, rc, "serve: cannot create a worker context");
	rc = pw_store_open(&sl->store, sl->ctx, srv->db);
	if (rc)
		return pw_error_set(srv->ctx, rc, "serve: %s", pw_error_last(sl->ctx));
	/* the cache is empty yet: a worker's first request need not
	 * invalidate what the others have computed since */
	sl->version_seen = pw_store_data_version(sl->store, &sl->version) == 0;
	return 0;
}

static int open_slots(pw_server *srv)
{
	unsigned i;
	int rc;

	srv->slots = pw_calloc(srv->ctx, srv->threads, sizeof(*srv->slots));
	if (!srv->slots)
		return PW_ENOMEM;
	for (i = 0; i < srv->threads; i++) {
		srv->nslots = i + 1;
		if ((rc = slot_open(srv, &srv->slots[i])))
			return rc;
	}
	if (!srv->token) /* ingest disabled: no writer */
		return 0;
	if ((rc = slot_open(srv, &srv->writer)))
		return rc;
	if (pthread_create(&srv->writer_thread, NULL, writer_main, srv))
		return pw_error_set(srv->ctx, PW_EINTERNAL, "serve: cannot start the writer thread");
	srv->writer_running = 1;
	return 0;
}

/* Let the writer finish the ingest it runs, answer the queued ones 503
 * and resume their connections: MHD must not stop with any suspended. */
static void writer_stop(pw_server *srv)
{
	if (!srv->writer_running)
		return;
	pthread_mutex_lock(&srv->job_mu);
	srv->stopping = 1;
	pthread_cond_signal(&srv->job_cv);
	pthread_mutex_unlock(&srv->job_mu);
	pthread_join(srv->writer_thread, NULL);
	srv->writer_running = 0;
}

static void srv_free(pw_server *srv)
{
	unsigned i;
	pw_context *ctx = srv->ctx;

	writer_stop(srv);
	for (i = 0; i < srv->nslots; i++)
		slot_close(&srv->slots[i]);
	slot_close(&srv->writer);
	pw_free(ctx, srv->slots);
	pw_free(ctx, srv->db);
	pw_free(ctx, srv->bind);
	if (srv->token)
		memset(srv->token, 0, srv->token_len);
	pw_free(ctx, srv->token);
	free(srv->web_root);
	pw_free(ctx, srv->data_dir);
	pw_free(ctx, srv->countries_json);
	pw_cache_free(srv->cache);
	pthread_mutex_destroy(&srv->slot_mu);
	pthread_cond_destroy(&srv->slot_cv);
	pthread_mutex_destroy(&srv->job_mu);
	pthread_cond_destroy(&srv->job_cv);
	pw_free(ctx, srv);
}

static int make_addr(pw_server *srv, struct sockaddr_storage *ss, unsigned *flags)
{
	memset(ss, 0, sizeof(*ss));
	if (strchr(srv->bind, ':')) {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)srv->port);
		if (inet_pton(AF_INET6, srv->bind, &a6->sin6_addr) != 1)
			return pw_error_set(srv->ctx, PW_EINVAL, "serve: bad bind address '%s'",
					    srv->bind);
		*flags |= MHD_USE_IPv6;
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)ss;

		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)srv->port);
		if (inet_pton(AF_INET, srv->bind, &a4->sin_addr) != 1)
			return pw_error_set(srv->ctx, PW_EINVAL, "serve: bad bind address '%s' "
					    "(an IPv4 or IPv6 address)", srv->bind);
	}
	return 0;
}

int pw_server_start(pw_server **out, pw_context *ctx, const pw_serve_options *o)
{
	pw_server *srv;
	struct sockaddr_storage ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
	const union MHD_DaemonInfo *di;
	char rootbuf[PATH_MAX];
	const char *web = o->web_dir ? o->web_dir : PW_DEFAULT_WEB_DIR;
	int rc;

	*out = NULL;
	if (o->version != PW_SERVE_OPTIONS_VERSION)
		return pw_error_set(ctx, PW_EINVAL, "serve: options version %u unknown", o->version);
	if (o->port > 65535)
		return pw_error_set(ctx, PW_EINVAL, "serve: port %u out of range", o->port);
	if (o->token && strlen(o->token) < 8)
		return pw_error_set(ctx, PW_EINVAL, "serve: the token must have at least 8 characters");
	srv = pw_calloc(ctx, 1, sizeof(*srv));
	if (!srv)
		return PW_ENOMEM;
	srv->ctx = ctx;
	pthread_mutex_init(&srv->slot_mu, NULL);
	pthread_cond_init(&srv->slot_cv, NULL);
	pthread_mutex_init(&srv->job_mu, NULL);
	pthread_cond_init(&srv->job_cv, NULL);
	srv->db = o->db ? pw_strdup(ctx, o->db) : NULL;
	srv->bind = pw_strdup(ctx, o->bind ? o->bind : "127.0.0.1");
	srv->token = o->token && *o->token ? pw_strdup(ctx, o->token) : NULL;
	srv->token_len = srv->token ? strlen(srv->token) : 0;
	srv->data_dir = o->data_dir ? pw_strdup(ctx, o->data_dir) : NULL;
	srv->port = o->port;
	srv->threads = o->threads ? o->threads : 4;
	if (srv->threads > 64)
		srv->threads = 64;
	srv->max_body = o->max_body ? o->max_body : DEFAULT_MAX_BODY;
	srv->timeout_s = o->timeout_s ? o->timeout_s : 30;
	srv->max_conns = o->max_conns ? o->max_conns : 256;
	srv->open_reads = o->open_reads;
	srv->access_log = o->access_log;
	/* A missing dashboard is not fatal: the API still works and "/"
	 * answers how to build it. */
	if (realpath(web, rootbuf))
		srv->web_root = strdup(rootbuf);
	if (!srv->bind || (o->db && !srv->db) || (o->token && *o->token && !srv->token)) {
		srv_free(srv);
		return PW_ENOMEM;
	}
	if ((rc = make_addr(srv, &ss, &flags)) || (rc = pw_countries_json(&srv->countries_json,
									&srv->countries_len, ctx)) ||
	    (rc = pw_cache_new(&srv->cache)) || (rc = open_slots(srv))) {
		srv_free(srv);
		return rc;
	}
	if (srv->access_log)
		flags |= MHD_USE_ERROR_LOG;
	srv->daemon = MHD_start_daemon(
		flags, (uint16_t)srv->port, NULL, NULL, on_request, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)srv->threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)srv->max_conns,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY_LIMIT,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, srv,
		MHD_OPTION_END);
	if (!srv->daemon) {
		rc = pw_error_set(ctx, PW_EIO, "serve: cannot listen on %s port %u (in use? "
				  "permission?)", srv->bind, srv->port);
		srv_free(srv);
		return rc;
	}
	di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (di)
		srv->port = di->port;
	*out = srv;
	return 0;
}

unsigned pw_server_port(const pw_server *srv)
{
	return srv->port;
}

void pw_server_stop(pw_server *srv)
{
	if (!srv)
		return;
	/* the writer first: it resumes every suspended connection */
	writer_stop(srv);
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	srv_free(srv);
}
