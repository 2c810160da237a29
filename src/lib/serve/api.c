/*
 * The JSON API routes (docs/API.md is their reference). Every answer is a
 * JSON object; errors are {"error": "...", "status": N}. Parameters are
 * validated here, before the store sees them, so a bad request is a 400
 * naming the parameter rather than an empty answer the analyst misreads
 * as "no partnerships".
 */
#include "serve/serve_internal.h"
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>

#define EVENTS_DEFAULT_LIMIT 100
#define EVENTS_MAX_LIMIT 1000
#define MAX_ERRORS_REPORTED 50

/* ---- parameter validation -------------------------------------------------- */

/* ISO3 country: three ASCII letters, upper-cased into out. */
static int arg_country(struct pw_req *r, const char *name, char out[4], int required)
{
	const char *v = pw_req_arg(r, name);
	int i;

	out[0] = '\0';
	if (!v || !*v) {
		if (required)
			pw_req_error(r, 400, "parameter '%s' is required (an ISO 3166 alpha-3 code, "
					     "e.g. NER)", name);
		return required ? -1 : 0;
	}
	for (i = 0; i < 3; i++)
		if (!isalpha((unsigned char)v[i]))
			break;
	if (i != 3 || v[3]) {
		pw_req_error(r, 400, "parameter '%s': '%.40s' is not an ISO 3166 alpha-3 code "
				     "(e.g. NER)", name, v);
		return -1;
	}
	for (i = 0; i < 3; i++)
		out[i] = (char)toupper((unsigned char)v[i]);
	out[3] = '\0';
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Strict YYYY-MM-DD: the store compares dates as text, so anything else
 * would silently compare wrong. */
static int arg_date(struct pw_req *r, const char *name, const char **out)
{
	const char *v = pw_req_arg(r, name);
	int y, m, d, i;

	*out = NULL;
	if (!v || !*v)
		return 0;
	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? v[i] != '-' : !isdigit((unsigned char)v[i]))
			break;
	if (i != 10 || v[10])
		goto bad;
	y = atoi(v);
	m = atoi(v + 5);
	d = atoi(v + 8);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		goto bad;
	*out = v;
	return 0;
bad:
	pw_req_error(r, 400, "parameter '%s': '%.40s' is not a date YYYY-MM-DD", name, v);
	return -1;
}

/* A word from a closed vocabulary (NULL list: any [a-z_]{1,32}). */
static int arg_word(struct pw_req *r, const char *name, const char *const *allowed,
		    const char **out)
{
	const char *v = pw_req_arg(r, name);
	size_t i, n;

	*out = NULL;
	if (!v || !*v)
		return 0;
	n = strlen(v);
	if (allowed) {
		for (i = 0; allowed[i]; i++)
			if (!strcmp(allowed[i], v)) {
				*out = v;
				return 0;
			}
		pw_req_error(r, 400, "parameter '%s': '%.40s' is not one of the known values", name,
			     v);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)v[i]) && v[i] != '_')
			break;
	if (n > 32 || i != n) {
		pw_req_error(r, 400, "parameter '%s': '%.40s' is not a valid name", name, v);
		return -1;
	}
	*out = v;
	return 0;
}

static int arg_uint(struct pw_req *r, const char *name, size_t def, size_t max, size_t *out)
{
	const char *v = pw_req_arg(r, name);
	char *end;
	unsigned long long n;

	*out = def;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || *end || !isdigit((unsigned char)v[0]) || n > max) {
		pw_req_error(r, 400, "parameter '%s': '%.40s' is not an integer in 0..%zu", name, v,
			     max);
		return -1;
	}
	*out = (size_t)n;
	return 0;
}

static int args_only(struct pw_req *r, const char *const *names)
{
	const char *bad;
	int rc = pw_req_args_known(r, names, &bad);

	if (rc == 0)
		return 0;
	if (rc == 2)
		pw_req_error(r, 400, "parameter '%.40s': control character in the value", bad);
	else
		pw_req_error(r, 400, "unknown parameter '%.40s'", bad);
	return -1;
}

static const char *const modalities[] = {"asserted", "future", "hypothetical", "negated",
					 "historical", NULL};
static const char *const securities[] = {"talks", "agreement", "training", "arms",
					 "intelligence", "exercise", "operations", "deployment",
					 "basing", "request", "suspension", "withdrawal", NULL};

/* ---- tracker answers ---------------------------------------------------------- */

/* Move a tracker JSON answer into the response body. */
static void put_tracker_json(struct pw_req *r, pw_query_kind kind, const pw_query *q)
{
	pw_store *s = r->slot->store;
	char *json = NULL;
	size_t len = 0;
	int rc = pw_tracker_json(&json, &len, s, kind, q);

	if (rc) {
		pw_req_error(r, rc == PW_EINVAL ? 400 : 500, "%s", pw_error_last(r->slot->ctx));
		return;
	}
	pw_buf_append(&r->out, json, len);
	if (!len || json[len - 1] != '\n')
		pw_buf_putc(&r->out, '\n');
	pw_tracker_json_free(s, json);
}

/* Pagination over a tracker answer: the tracker takes a limit only, so ask
 * for offset + limit rows and drop the first offset ones from the answer's
 * array. Costs a parse of at most EVENTS_MAX_LIMIT + offset rows. */
static void put_paged_json(struct pw_req *r, pw_query_kind kind, pw_query *q, size_t offset,
			   size_t limit)
{
	pw_store *s = r->slot->store;
	char *json = NULL, *dumped;
	size_t len = 0;
	json_t *root, *arr = NULL, *page;
	json_error_t jerr;
	const char *key;
	json_t *val;
	size_t i;
	int rc;

	q->limit = offset + limit + 1; /* one more tells whether there is a next page */
	rc = pw_tracker_json(&json, &len, s, kind, q);
	if (rc) {
		pw_req_error(r, rc == PW_EINVAL ? 400 : 500, "%s", pw_error_last(r->slot->ctx));
		return;
	}
	root = json_loadb(json, len, 0, &jerr);
	pw_tracker_json_free(s, json);
	if (!root || !json_is_object(root)) {
		json_decref(root);
		pw_req_error(r, 500, "tracker answer is not a JSON object");
		return;
	}
	json_object_foreach(root, key, val) {
		if (json_is_array(val)) {
			arr = val;
			break;
		}
	}
	if (arr) {
		size_t n = json_array_size(arr);

		page = json_array();
		for (i = offset; i < n && i < offset + limit; i++)
			json_array_append(page, json_array_get(arr, i));
		json_object_set_new(root, "more", json_boolean(n > offset + limit));
		json_object_set_new(root, key, page);
	}
	json_object_set_new(root, "offset", json_integer((json_int_t)offset));
	json_object_set_new(root, "limit", json_integer((json_int_t)limit));
	dumped = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!dumped) {
		pw_req_error(r, 500, "out of memory");
		return;
	}
	pw_buf_puts(&r->out, dumped);
	pw_buf_putc(&r->out, '\n');
	free(dumped);
}

/* ---- routes -------------------------------------------------------------------- */

static void r_health(struct pw_req *r)
{
	static const char *const known[] = {NULL};
	pw_store *s = r->slot->store;

	if (args_only(r, known))
		return;
	pw_buf_printf(&r->out, "{\"status\":\"ok\",\"version\":\"%s\",\"backend\":\"%s\","
			       "\"schema\":%d,\"ingest\":%s}\n",
		      PW_VERSION, pw_store_backend(s), pw_store_schema_version(s),
		      r->srv->token ? "true" : "false");
}

static void r_stats(struct pw_req *r)
{
	static const char *const known[] = {NULL};
	pw_store_stats st;
	int rc;

	if (args_only(r, known))
		return;
	rc = pw_store_stats_get(&st, r->slot->store);
	if (rc) {
		pw_req_error(r, 500, "%s", pw_error_last(r->slot->ctx));
		return;
	}
	pw_buf_printf(&r->out, "{\"documents\":%llu,\"sentences\":%llu,\"events\":%llu,"
			       "\"security_events\":%llu,\"pairs\":%llu,\"first_date\":",
		      (unsigned long long)st.documents, (unsigned long long)st.sentences,
		      (unsigned long long)st.events, (unsigned long long)st.security_events,
		      (unsigned long long)st.pairs);
	if (st.first_date[0])
		pw_buf_json_str(&r->out, st.first_date, strlen(st.first_date));
	else
		pw_buf_puts(&r->out, "null");
	pw_buf_puts(&r->out, ",\"last_date\":");
	if (st.last_date[0])
		pw_buf_json_str(&r->out, st.last_date, strlen(st.last_date));
	else
		pw_buf_puts(&r->out, "null");
	pw_buf_puts(&r->out, "}\n");
}

static void r_countries(struct pw_req *r)
{
	static const char *const known[] = {NULL};

	if (args_only(r, known))
		return;
	pw_buf_append(&r->out, r->srv->countries_json, r->srv->countries_len);
}

static void r_partners(struct pw_req *r)
{
	static const char *const known[] = {"country", "as_of", "domain", "evidence", NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4];
	size_t ev;

	if (args_only(r, known) || arg_country(r, "country", c, 1) ||
	    arg_date(r, "as_of", &q.as_of) || arg_word(r, "domain", NULL, &q.domain) ||
	    arg_uint(r, "evidence", 5, 50, &ev))
		return;
	q.country = c;
	q.max_evidence = ev;
	put_tracker_json(r, PW_Q_PARTNERS, &q);
}

static void r_network(struct pw_req *r)
{
	static const char *const known[] = {"as_of", "domain", "modality", "country", "since",
					    "until", "evidence", NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4];
	size_t ev;

	if (args_only(r, known) || arg_country(r, "country", c, 0) ||
	    arg_date(r, "as_of", &q.as_of) || arg_date(r, "since", &q.since) ||
	    arg_date(r, "until", &q.until) || arg_word(r, "domain", NULL, &q.domain) ||
	    arg_word(r, "modality", modalities, &q.modality) ||
	    arg_uint(r, "evidence", 3, 50, &ev))
		return;
	q.country = c[0] ? c : NULL;
	q.max_evidence = ev;
	put_tracker_json(r, PW_Q_NETWORK, &q);
}

static void r_timeline(struct pw_req *r)
{
	static const char *const known[] = {"a", "b", "since", "until", "all", NULL};
	pw_query q = PW_QUERY_INIT;
	char a[4], b[4];
	size_t all;

	if (args_only(r, known) || arg_country(r, "a", a, 1) || arg_country(r, "b", b, 1) ||
	    arg_date(r, "since", &q.since) || arg_date(r, "until", &q.until) ||
	    arg_uint(r, "all", 0, 1, &all))
		return;
	q.country = a;
	q.country2 = b;
	q.all_modalities = (int)all;
	put_tracker_json(r, PW_Q_TIMELINE, &q);
}

static void r_changes(struct pw_req *r)
{
	static const char *const known[] = {"since", "until", "country", "domain", NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4];

	if (args_only(r, known) || arg_country(r, "country", c, 0) ||
	    arg_date(r, "since", &q.since) || arg_date(r, "until", &q.until) ||
	    arg_word(r, "domain", NULL, &q.domain))
		return;
	q.country = c[0] ? c : NULL;
	put_tracker_json(r, PW_Q_CHANGES, &q);
}

static void r_events(struct pw_req *r)
{
	static const char *const known[] = {"country", "country2", "since", "until", "security",
					    "modality", "limit", "offset", NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4], c2[4];
	size_t limit, offset;

	if (args_only(r, known) || arg_country(r, "country", c, 0) ||
	    arg_country(r, "country2", c2, 0) || arg_date(r, "since", &q.since) ||
	    arg_date(r, "until", &q.until) || arg_word(r, "security", securities, &q.security) ||
	    arg_word(r, "modality", modalities, &q.modality) ||
	    arg_uint(r, "limit", EVENTS_DEFAULT_LIMIT, EVENTS_MAX_LIMIT, &limit) ||
	    arg_uint(r, "offset", 0, 100000, &offset))
		return;
	q.country = c[0] ? c : NULL;
	q.country2 = c2[0] ? c2 : NULL;
	put_paged_json(r, PW_Q_EVENTS, &q, offset, limit);
}

static void r_search(struct pw_req *r)
{
	static const char *const known[] = {"q", "country", "since", "until", "limit", "offset",
					    NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4];
	size_t limit, offset, n;
	const char *text = pw_req_arg(r, "q");

	if (args_only(r, known))
		return;
	n = text ? strlen(text) : 0;
	while (n && isspace((unsigned char)text[0])) {
		text++;
		n--;
	}
	if (n < 2 || n > 200) {
		pw_req_error(r, 400, "parameter 'q' is required: 2 to 200 characters of text to "
				     "find in the sentences");
		return;
	}
	if (arg_country(r, "country", c, 0) || arg_date(r, "since", &q.since) ||
	    arg_date(r, "until", &q.until) ||
	    arg_uint(r, "limit", EVENTS_DEFAULT_LIMIT, EVENTS_MAX_LIMIT, &limit) ||
	    arg_uint(r, "offset", 0, 100000, &offset))
		return;
	q.text = text;
	q.country = c[0] ? c : NULL;
	put_paged_json(r, PW_Q_EVENTS, &q, offset, limit);
}

static void r_incidents(struct pw_req *r)
{
	static const char *const known[] = {"country", "since", "until", "security", "window",
					    "limit", NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4];
	size_t window, limit;

	if (args_only(r, known) || arg_country(r, "country", c, 0) ||
	    arg_date(r, "since", &q.since) || arg_date(r, "until", &q.until) ||
	    arg_word(r, "security", securities, &q.security) ||
	    arg_uint(r, "window", 7, 365, &window) ||
	    arg_uint(r, "limit", 500, 10000, &limit))
		return;
	q.country = c[0] ? c : NULL;
	q.window_days = (int)window;
	q.limit = limit;
	put_tracker_json(r, PW_Q_INCIDENTS, &q);
}

static void r_dyads(struct pw_req *r)
{
	static const char *const known[] = {"country", "since", "until", "by", NULL};
	static const char *const bys[] = {"day", "month", "year", NULL};
	pw_query q = PW_QUERY_INIT;
	char c[4];

	if (args_only(r, known) || arg_country(r, "country", c, 0) ||
	    arg_date(r, "since", &q.since) || arg_date(r, "until", &q.until) ||
	    arg_word(r, "by", bys, &q.by))
		return;
	q.country = c[0] ? c : NULL;
	put_tracker_json(r, PW_Q_DYADS, &q);
}

static void r_evidence(struct pw_req *r)
{
	static const char *const known[] = {"doc", "sentence", NULL};
	const char *doc = pw_req_arg(r, "doc");
	size_t sent;
	int rc;

	if (args_only(r, known))
		return;
	if (!doc || !*doc || strlen(doc) > 512) {
		pw_req_error(r, 400, "parameter 'doc' is required (a document id)");
		return;
	}
	if (!pw_req_arg(r, "sentence")) {
		pw_req_error(r, 400, "parameter 'sentence' is required (a sentence number)");
		return;
	}
	if (arg_uint(r, "sentence", 0, 1000000, &sent))
		return;
	rc = pw_query_evidence(&r->out, r->slot->store, doc, (long)sent);
	if (rc == PW_ENOTFOUND)
		pw_req_error(r, 404, "no sentence %zu in document '%.100s'", sent, doc);
	else if (rc)
		pw_req_error(r, 500, "%s", pw_error_last(r->slot->ctx));
}

/* ---- ingest ------------------------------------------------------------------------ */

struct ingest_counts {
	size_t received, stored, replaced, unchanged, duplicates, rejected, events;
};

static void add_error(pw_buf *errs, size_t *nerr, uint64_t line, const char *msg)
{
	if (*nerr >= MAX_ERRORS_REPORTED)
		return;
	pw_buf_puts(errs, *nerr ? "," : "");
	pw_buf_printf(errs, "{\"line\":%llu,\"error\":", (unsigned long long)line);
	pw_buf_json_str(errs, msg, strlen(msg));
	pw_buf_putc(errs, '}');
	(*nerr)++;
}

/* Code and store one document. Returns 0, 1 if the document was rejected
 * (reported in errs), or a negative store error (the request fails). */
static int ingest_doc(struct pw_req *r, struct ingest_counts *c, pw_buf *errs, size_t *nerr,
		      const char *line, size_t len, uint64_t lineno)
{
	pw_context *ctx = r->slot->ctx;
	pw_store *s = r->slot->store;
	pw_code_options opts = PW_CODE_OPTIONS_INIT;
	pw_doc *doc = NULL;
	pw_event_list *el = NULL;
	pw_event *evs = NULL;
	pw_put_result res;
	size_t i, n;
	uint64_t hash;
	int rc;

	rc = pw_doc_from_json(&doc, ctx, line, len, "request", lineno);
	if (!rc)
		rc = pw_doc_prepare(ctx, doc);
	if (rc) {
		add_error(errs, nerr, lineno, pw_error_last(ctx));
		c->rejected++;
		pw_doc_free(doc);
		return rc == PW_ENOMEM ? rc : 1;
	}
	if (doc->duplicate_of_seen) {
		c->duplicates++;
		pw_doc_free(doc);
		return 0;
	}
	hash = pw_store_doc_hash(doc);
	rc = pw_store_has_doc_hash(s, doc->id, hash);
	if (rc == 1) {
		c->unchanged++;
		pw_doc_free(doc);
		return 0;
	}
	if (rc < 0)
		goto fail;
	rc = pw_coder_code_doc(&el, ctx, doc, &opts);
	if (rc) {
		if (rc == PW_ENOMEM || rc == PW_EDICT)
			goto fail;
		add_error(errs, nerr, lineno, pw_error_last(ctx));
		c->rejected++;
		pw_doc_free(doc);
		return 1;
	}
	/* The store takes a contiguous array; the list hands out pointers, so
	 * copy the structs (their strings stay owned by the list). */
	n = pw_event_list_count(el);
	if (n) {
		evs = pw_calloc(ctx, n, sizeof(*evs));
		if (!evs) {
			rc = PW_ENOMEM;
			goto fail;
		}
		for (i = 0; i < n; i++)
			evs[i] = *pw_event_list_get(el, i);
	}
	rc = pw_store_put_doc(&res, s, doc, 0, evs, n);
	if (rc)
		goto fail;
	if (res == PW_PUT_NEW)
		c->stored++;
	else if (res == PW_PUT_REPLACED)
		c->replaced++;
	else
		c->unchanged++;
	c->events += n;
	pw_free(ctx, evs);
	pw_event_list_free(el);
	pw_doc_free(doc);
	return 0;
fail:
	pw_free(ctx, evs);
	pw_event_list_free(el);
	pw_doc_free(doc);
	return rc < 0 ? rc : PW_EINTERNAL;
}

/* Checks only (on the connection thread): the work is the writer
 * thread's, see pw_api_ingest. */
static void r_documents(struct pw_req *r)
{
	static const char *const known[] = {NULL};

	if (args_only(r, known) || pw_req_check_token(r))
		return;
	if (!r->body || !r->body_len) {
		pw_req_error(r, 400, "empty body: send documents as JSON lines "
				     "({\"id\", \"date\", \"text\"} per line)");
		return;
	}
	r->deferred = 1;
}

void pw_api_ingest(struct pw_req *r)
{
	struct pw_slot *sl = r->slot;
	struct ingest_counts c;
	pw_buf errs, diags;
	size_t nerr = 0;
	const char *p, *end, *nl;
	uint64_t lineno = 0;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	pw_buf_init(&errs, sl->ctx);
	pw_buf_init(&diags, sl->ctx);
	sl->diag_json = &diags;
	sl->ndiag = 0;
	/* Duplicate detection is per request: a worker context serves many
	 * clients, and the store already makes re-posting idempotent. */
	pw_seen_clear(sl->ctx);
	rc = pw_store_begin(sl->store);
	for (p = r->body, end = r->body + r->body_len; !rc && p < end; p = nl + 1) {
		const char *e;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		lineno++;
		e = nl;
		while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e == p)
			continue;
		c.received++;
		rc = ingest_doc(r, &c, &errs, &nerr, p, (size_t)(e - p), lineno);
		if (rc > 0)
			rc = 0;
	}
	if (!rc)
		rc = pw_store_commit(sl->store);
	else
		pw_store_rollback(sl->store);
	sl->diag_json = NULL;
	if (rc) {
		pw_req_error(r, 500, "ingest failed, nothing written: %s (%s)", pw_error_last(sl->ctx),
			     pw_error_name(rc));
	} else if (!c.received) {
		pw_req_error(r, 400, "empty body: send documents as JSON lines");
	} else {
		int none = c.rejected == c.received;

		r->status = none ? 400 : 200;
		pw_buf_puts(&r->out, "{");
		if (none)
			pw_buf_puts(&r->out, "\"error\":\"no document accepted\",\"status\":400,");
		pw_buf_printf(&r->out, "\"received\":%zu,\"stored\":%zu,\"replaced\":%zu,"
				       "\"unchanged\":%zu,\"duplicates\":%zu,\"rejected\":%zu,"
				       "\"events\":%zu,\"errors\":[",
			      c.received, c.stored, c.replaced, c.unchanged, c.duplicates,
			      c.rejected, c.events);
		pw_buf_append(&r->out, errs.data ? errs.data : "", errs.len);
		pw_buf_puts(&r->out, "],\"diagnostics\":[");
		pw_buf_append(&r->out, diags.data ? diags.data : "", diags.len);
		pw_buf_puts(&r->out, "]}\n");
	}
	pw_buf_free(&errs);
	pw_buf_free(&diags);
}

/* ---- the table ------------------------------------------------------------------------ */

struct route {
	const char *path;
	const char *method;
	void (*fn)(struct pw_req *);
	int cached;   /* a read of the store: answers kept until it changes */
};

static const struct route routes[] = {
	{"/api/health", "GET", r_health, 0},
	{"/api/stats", "GET", r_stats, 1},
	{"/api/countries", "GET", r_countries, 0},
	{"/api/partners", "GET", r_partners, 1},
	{"/api/network", "GET", r_network, 1},
	{"/api/timeline", "GET", r_timeline, 1},
	{"/api/changes", "GET", r_changes, 1},
	{"/api/events", "GET", r_events, 1},
	{"/api/incidents", "GET", r_incidents, 1},
	{"/api/dyads", "GET", r_dyads, 1},
	{"/api/search", "GET", r_search, 1},
	{"/api/evidence", "GET", r_evidence, 1},
	{"/api/documents", "POST", r_documents, 0},
};

/* A read route through the answer cache (cache.c): only complete 200
 * answers are kept, errors are cheap and recomputed. */
static void run_cached(struct pw_req *r, const struct route *rt)
{
	struct pw_answer_cache *c = r->srv->cache;
	uint64_t epoch = pw_cache_check(c, r->slot);
	pw_buf key;

	if (!epoch) {
		rt->fn(r);
		return;
	}
	pw_buf_init(&key, r->slot->ctx);
	pw_req_cache_key(r, &key);
	if (key.oom) {
		rt->fn(r);
	} else if (!pw_cache_get(c, epoch, pw_buf_cstr(&key), &r->out)) {
		rt->fn(r);
		if (r->status == 200 && !r->out.oom)
			pw_cache_put(c, epoch, pw_buf_cstr(&key), r->out.data, r->out.len);
	}
	pw_buf_free(&key);
}

int pw_api_is_api_path(const char *path)
{
	return !strcmp(path, "/api") || !strncmp(path, "/api/", 5);
}

int pw_api_handle(struct pw_req *r)
{
	size_t i;
	int is_get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");

	if (!pw_api_is_api_path(r->path))
		return 0;
	for (i = 0; i < PW_ARRAY_LEN(routes); i++) {
		const struct route *rt = &routes[i];

		if (strcmp(rt->path, r->path))
			continue;
		if (strcmp(rt->method, r->method) && !(is_get && !strcmp(rt->method, "GET"))) {
			r->allow = !strcmp(rt->method, "GET") ? "GET, HEAD" : rt->method;
			pw_req_error(r, 405, "method %s not allowed on %s (use %s)", r->method,
				     rt->path, r->allow);
			return 1;
		}
		if (rt->cached)
			run_cached(r, rt);
		else
			rt->fn(r);
		return 1;
	}
	pw_req_error(r, 404, "no such endpoint: %.200s (see docs/API.md)", r->path);
	return 1;
}
