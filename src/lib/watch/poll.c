/*
 * The poller: one round fetches every feed (conditional GET, retries with
 * back-off, per-host interval), parses the body strictly, codes the items
 * never seen before and stores them, with their identities, the changes
 * they cause and the alerts' outbox rows, in one transaction per feed.
 *
 * A feed's validators (ETag, Last-Modified) are saved in that same
 * transaction: if the process dies before the commit, the next round
 * fetches the full body again and redoes the work instead of getting a 304
 * for items that were never stored.
 */
#include "watch/watch_internal.h"
#include "ingest/ingest.h"
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- lifecycle ----------------------------------------------------- */

int pw_watch_new(pw_watch **out, pw_store *s, const pw_feed_spec *feeds, size_t nfeeds,
		 const pw_watch_options *opts)
{
	pw_context *ctx = pw_store_context(s);
	pw_watch_options def = PW_WATCH_OPTIONS_INIT;
	pw_watch *w;
	size_t i;

	*out = NULL;
	w = pw_calloc(ctx, 1, sizeof(*w));
	if (!w)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory");
	w->ctx = ctx;
	w->s = s;
	w->o = opts ? *opts : def;
	if (!w->o.connect_timeout_ms)
		w->o.connect_timeout_ms = 10000;
	if (!w->o.timeout_ms)
		w->o.timeout_ms = 30000;
	if (!w->o.retries)
		w->o.retries = 2;
	if (w->o.retries < 0)
		w->o.retries = 0;
	if (!w->o.backoff_ms)
		w->o.backoff_ms = 1000;
	if (!w->o.backoff_max_ms)
		w->o.backoff_max_ms = 60000;
	if (!w->o.host_interval_ms)
		w->o.host_interval_ms = 1000;
	if (!w->o.max_evidence)
		w->o.max_evidence = 5;
	if (nfeeds) {
		w->feeds = pw_calloc(ctx, nfeeds, sizeof(*w->feeds));
		if (!w->feeds) {
			pw_free(ctx, w);
			return pw_error_set(ctx, PW_ENOMEM, "out of memory");
		}
	}
	for (i = 0; i < nfeeds; i++) {
		w->feeds[i] = feeds[i];
		if (!(w->feeds[i].url = pw_strdup(ctx, feeds[i].url))) {
			w->nfeeds = i;
			pw_watch_free(w);
			return pw_error_set(ctx, PW_ENOMEM, "out of memory");
		}
	}
	w->nfeeds = nfeeds;
	*out = w;
	return 0;
}

void pw_watch_free(pw_watch *w)
{
	if (!w)
		return;
	pw_feed_specs_free(w->ctx, w->feeds, w->nfeeds);
	pw_free(w->ctx, w->hosts);
	pw_free(w->ctx, w);
}

/* ---- feed rows ------------------------------------------------------- */

struct feed_row {
	pw_context *ctx;
	int found;
	char *etag, *last_modified;
	long failures;
};

static int feed_row_cb(void *ud, int ncol, const char *const *v)
{
	struct feed_row *r = ud;

	r->found = 1;
	if (ncol >= 3) {
		r->etag = v[0] ? pw_strdup(r->ctx, v[0]) : NULL;
		r->last_modified = v[1] ? pw_strdup(r->ctx, v[1]) : NULL;
		r->failures = v[2] ? atol(v[2]) : 0;
	}
	return 1;
}

static int feed_row_load(pw_watch *w, const char *url, struct feed_row *r)
{
	const char *p[1] = {url};
	int rc;

	memset(r, 0, sizeof(*r));
	r->ctx = w->ctx;
	rc = pw_store_watch_sql(w->s, "SELECT etag, last_modified, failures FROM watch_feeds WHERE url = ?",
				1, p, feed_row_cb, r);
	if (!rc && !r->found)
		rc = pw_store_watch_sql(w->s, "INSERT INTO watch_feeds (url, failures, items) VALUES (?, 0, 0) "
					      "ON CONFLICT DO NOTHING", 1, p, NULL, NULL);
	return rc;
}

static void feed_row_free(pw_watch *w, struct feed_row *r)
{
	pw_free(w->ctx, r->etag);
	pw_free(w->ctx, r->last_modified);
}

/* A failed poll: counted and logged; the validators are kept. */
static int feed_failed(pw_watch *w, const char *url, long status, const char *why,
		       long failures, pw_watch_stats *st)
{
	char now[24], code[24], fails[24];
	const char *p[5] = {now, code, why, fails, url};

	snprintf(now, sizeof(now), "%lld", pw_watch_now_ms());
	snprintf(code, sizeof(code), "%ld", status);
	snprintf(fails, sizeof(fails), "%ld", failures + 1);
	st->failed++;
	pw_watch_log(w, PW_WATCH_WARN, "%s: %s (failure %ld in a row; retried next round)", url, why,
		     failures + 1);
	return pw_store_watch_sql(w->s, "UPDATE watch_feeds SET last_poll = ?, last_status = ?, "
					"last_error = ?, failures = ? WHERE url = ?",
				  5, p, NULL, NULL);
}

/* A successful poll (2xx parsed, or 304): validators saved, failures reset. */
static int feed_ok(pw_watch *w, const char *url, long status, const char *etag,
		   const char *last_modified, unsigned new_items)
{
	char now[24], code[24], items[16];
	const char *p[6] = {now, code, etag, last_modified, items, url};

	snprintf(now, sizeof(now), "%lld", pw_watch_now_ms());
	snprintf(code, sizeof(code), "%ld", status);
	snprintf(items, sizeof(items), "%u", new_items);
	if (status == 304)
		return pw_store_watch_sql(w->s, "UPDATE watch_feeds SET last_poll = ?, last_ok = last_poll, "
						"last_status = ?, last_error = NULL, failures = 0 WHERE url = ?",
					  2, (const char *const[]){now, code, url}, NULL, NULL);
	return pw_store_watch_sql(w->s, "UPDATE watch_feeds SET last_poll = ?, last_ok = last_poll, "
					"last_status = ?, etag = ?, last_modified = ?, last_error = NULL, "
					"failures = 0, items = items + ? WHERE url = ?",
				  6, p, NULL, NULL);
}

/* ---- fetching -------------------------------------------------------- */

/* Fetch with retries: transport failures, 5xx and 429 are retried after
 * an exponential back-off; other answers (2xx, 304, 4xx) are final.
 * Returns 0 with a response in *res, or 1 with the reason in why. */
static int fetch_feed(pw_watch *w, const char *url, const struct feed_row *row, pw_fetch_result *res,
		      char *why, size_t whycap)
{
	pw_fetch_request rq = PW_FETCH_REQUEST_INIT;
	int attempt;

	rq.url = url;
	rq.etag = row->etag;
	rq.last_modified = row->last_modified;
	rq.user_agent = w->o.user_agent;
	rq.connect_timeout_ms = w->o.connect_timeout_ms;
	rq.timeout_ms = w->o.timeout_ms;
	rq.max_redirects = w->o.max_redirects;
	for (attempt = 0; attempt <= w->o.retries; attempt++) {
		int rc;

		if (attempt && pw_watch_sleep(w, pw_watch_backoff_ms(w->o.backoff_ms, w->o.backoff_max_ms,
								     (unsigned)attempt)))
			break;
		pw_watch_host_wait(w, url);
		rc = pw_fetch(res, w->ctx, &rq);
		if (rc == PW_ENOMEM)
			return rc;
		if (rc) {
			const char *m = pw_error_last(w->ctx);
			size_t ul = strlen(url);
			/* the message starts with the URL, which the log line names */
			if (!strncmp(m, url, ul) && !strncmp(m + ul, ": ", 2))
				m += ul + 2;
			snprintf(why, whycap, "%s", m);
			continue;
		}
		if (res->status >= 500 || res->status == 429) {
			snprintf(why, whycap, "HTTP %ld", res->status);
			pw_fetch_result_free(w->ctx, res);
			continue;
		}
		return 0;
	}
	if (pw_watch_stopped(w))
		snprintf(why, whycap, "stopped");
	return 1;
}

/* ---- parsing --------------------------------------------------------- */

struct doc_vec {
	pw_doc **v;
	size_t n;
};

static void doc_vec_free(struct doc_vec *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		pw_doc_free(d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

static int sniff_jsonl(const pw_feed_spec *sp, const char *b, size_t n)
{
	size_t i = 0;

	if (sp->jsonl)
		return 1;
	if (sp->format != PW_INPUT_AUTO)
		return 0;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i < n && b[i] == '{';
}

static int parse_jsonl(struct doc_vec *out, pw_watch *w, const char *url, const char *b, size_t n)
{
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	size_t pos = 0;
	uint64_t line = 0;

	while (pos < n) {
		const char *nl = memchr(b + pos, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - (b + pos)) : n - pos;
		pw_doc *doc = NULL;
		int rc;

		line++;
		if (!pw_text_blank(b + pos, len)) {
			/* a bad line is reported and skipped: lines are independent */
			rc = pw_jsonl_parse(&doc, w->ctx, b + pos, len, url, line, &ro, 1);
			if (rc == PW_ENOMEM)
				return rc;
			if (!rc) {
				pw_doc **nv = realloc(out->v, (out->n + 1) * sizeof(*nv));
				if (!nv) {
					pw_doc_free(doc);
					return PW_ENOMEM;
				}
				out->v = nv;
				out->v[out->n++] = doc;
			}
		}
		pos += len + (nl ? 1 : 0);
	}
	return 0;
}

/* XML feeds are parsed strictly first: the reader recovers from broken
 * markup, which is right for a file on disk but wrong for a body cut short
 * in transit, whose truncated items would be stored and then "edited" when
 * the full body arrives. A malformed body is a failed poll, retried. */
static int parse_xml(struct doc_vec *out, pw_watch *w, const char *url, const char *b, size_t n,
		     char *why, size_t whycap)
{
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_doc **docs = NULL;
	size_t nd = 0, i;
	xmlDocPtr d;
	int rc;

	if (n > INT32_MAX) {
		snprintf(why, whycap, "body too large");
		return 1;
	}
	d = xmlReadMemory(b, (int)n, url, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!d) {
		const xmlError *e = xmlGetLastError();
		char msg[200] = "unknown error";

		if (e && e->message) {
			snprintf(msg, sizeof(msg), "%s", e->message);
			msg[strcspn(msg, "\n")] = 0;
		}
		snprintf(why, whycap, "malformed XML at line %d: %s", e ? e->line : 0, msg);
		return 1;
	}
	xmlFreeDoc(d);
	rc = pw_feed_parse(&docs, &nd, w->ctx, b, n, url, &ro);
	if (rc == PW_EPARSE) {
		snprintf(why, whycap, "not an RSS or Atom feed");
		return 1;
	}
	if (!rc) {
		pw_doc **nv = realloc(out->v, (out->n + nd + 1) * sizeof(*nv));
		if (!nv)
			rc = PW_ENOMEM;
		else {
			out->v = nv;
			for (i = 0; i < nd; i++)
				out->v[out->n++] = docs[i];
			nd = 0;
		}
	}
	for (i = 0; i < nd; i++)
		pw_doc_free(docs[i]);
	pw_free(w->ctx, docs);
	return rc;
}

/* ---- ingest of new items -------------------------------------------- */

struct item {
	pw_doc *doc;
	uint64_t hash;
	int updated;
	pw_event_list *events;
};

static int item_known(pw_watch *w, const char *id, const char *hex, int *updated)
{
	char *got = NULL;
	const char *p[1] = {id};
	int rc;

	*updated = 0;
	rc = pw_watch_query_str(w, &got, "SELECT hash FROM watch_items WHERE id = ?", 1, p);
	if (rc)
		return rc;
	rc = got && !strcmp(got, hex);
	*updated = got && !rc;
	pw_free(w->ctx, got);
	return rc;
}

static int item_remember(pw_watch *w, const char *id, const char *feed, const char *hex)
{
	char now[24];
	const char *p[5] = {id, feed, hex, now, now};

	snprintf(now, sizeof(now), "%lld", pw_watch_now_ms());
	return pw_store_watch_sql(w->s, "INSERT INTO watch_items (id, feed, hash, first_seen, last_seen) "
					"VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
					"hash = excluded.hash, last_seen = excluded.last_seen",
				  5, p, NULL, NULL);
}

static int add_touched(pw_watch *w, char ***v, size_t *n, const pw_event *e)
{
	char key[8];
	const char *a = e->actor.country, *b = e->has_recipient ? e->recipient.country : NULL;
	size_t i;
	char **nv;

	if (!a || !b || strlen(a) != 3 || strlen(b) != 3 || !strcmp(a, b))
		return 0;
	snprintf(key, sizeof(key), "%s-%s", strcmp(a, b) < 0 ? a : b, strcmp(a, b) < 0 ? b : a);
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i], key))
			return 0;
	nv = pw_realloc(w->ctx, *v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return PW_ENOMEM;
	*v = nv;
	if (!(nv[*n] = pw_strdup(w->ctx, key)))
		return PW_ENOMEM;
	(*n)++;
	return 0;
}

/* Code the new items (outside the transaction: coding is the slow part),
 * then store everything in one transaction with the change detection. */
static int ingest_items(pw_watch *w, const pw_feed_spec *sp, struct item *it, size_t n,
			const pw_fetch_result *res, pw_watch_stats *st)
{
	pw_code_options co = PW_CODE_OPTIONS_INIT;
	pw_change_snapshot before = {0, NULL};
	char since[11] = "", hex[17], **touched = NULL;
	size_t i, j, ntouched = 0;
	unsigned nnew = 0;
	int rc = 0, undated = 0;
	pw_buf lines;

	pw_buf_init(&lines, w->ctx);
	for (i = 0; !rc && i < n; i++) {
		if ((rc = pw_doc_prepare(w->ctx, it[i].doc)))
			break;
		if (it[i].doc->duplicate_of_seen)
			continue; /* same text as an item already coded: stored once */
		rc = pw_coder_code_doc(&it[i].events, w->ctx, it[i].doc, &co);
		for (j = 0; !rc && j < pw_event_list_count(it[i].events); j++) {
			const pw_event *e = pw_event_list_get(it[i].events, j);
			if (!e->date[0])
				undated = 1;
			else if (!since[0] || strcmp(e->date, since) < 0)
				memcpy(since, e->date, 11);
			rc = add_touched(w, &touched, &ntouched, e);
		}
	}
	if (rc)
		goto out;
	/* A new event can only add transitions dated on or after its own
	 * date: compare the changes from the earliest new event's date on. */
	if ((rc = pw_store_begin(w->s)))
		goto out;
	rc = pw_watch_snapshot(&before, w, undated || !since[0] ? NULL : since);
	for (i = 0; !rc && i < n; i++) {
		pw_event *arr = NULL;
		size_t ne = it[i].events ? pw_event_list_count(it[i].events) : 0;

		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)it[i].hash);
		if (it[i].events) {
			if (ne && !(arr = malloc(ne * sizeof(*arr)))) {
				rc = PW_ENOMEM;
				break;
			}
			for (j = 0; j < ne; j++)
				arr[j] = *pw_event_list_get(it[i].events, j);
			rc = pw_store_put_doc(NULL, w->s, it[i].doc, it[i].hash, arr, ne);
			free(arr);
		}
		if (!rc)
			rc = item_remember(w, it[i].doc->id, sp->url, hex);
		if (!rc) {
			if (it[i].updated)
				st->items_updated++;
			else
				st->items_new++;
			nnew++;
		}
	}
	if (!rc)
		rc = pw_watch_detect(w, &before, undated || !since[0] ? NULL : since, touched, ntouched,
				     &lines, st);
	if (!rc)
		rc = feed_ok(w, sp->url, res->status, res->etag, res->last_modified, nnew);
	if (!rc)
		rc = pw_store_commit(w->s);
	else
		pw_store_rollback(w->s);
	/* Alert lines only after the commit: a rolled-back change never
	 * reaches anyone. (The webhook outbox is the durable path.) */
	if (!rc && lines.len && w->o.alerts) {
		fwrite(lines.data, 1, lines.len, w->o.alerts);
		fflush(w->o.alerts);
	}
out:
	pw_watch_snapshot_free(w, &before);
	for (i = 0; i < ntouched; i++)
		pw_free(w->ctx, touched[i]);
	pw_free(w->ctx, touched);
	pw_buf_free(&lines);
	return rc;
}

static int process_docs(pw_watch *w, const pw_feed_spec *sp, struct doc_vec *docs,
			const pw_fetch_result *res, pw_watch_stats *st)
{
	struct item *it = NULL;
	size_t n = 0, i;
	char hex[17];
	int rc = 0;

	if (docs->n && !(it = calloc(docs->n, sizeof(*it))))
		return pw_error_set(w->ctx, PW_ENOMEM, "out of memory");
	for (i = 0; !rc && i < docs->n; i++) {
		uint64_t h = pw_store_doc_hash(docs->v[i]);
		int updated = 0;

		st->items++;
		snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
		rc = item_known(w, docs->v[i]->id, hex, &updated);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		it[n].doc = docs->v[i];
		it[n].hash = h;
		it[n].updated = updated;
		n++;
	}
	if (!rc && n)
		rc = ingest_items(w, sp, it, n, res, st);
	else if (!rc)
		rc = feed_ok(w, sp->url, res->status, res->etag, res->last_modified, 0);
	for (i = 0; i < n; i++)
		pw_event_list_free(it[i].events);
	free(it);
	return rc;
}

static int poll_feed(pw_watch *w, const pw_feed_spec *sp, pw_watch_stats *st)
{
	struct feed_row row;
	pw_fetch_result res;
	struct doc_vec docs = {NULL, 0};
	char why[600] = "";
	int rc;

	memset(&res, 0, sizeof(res));
	if ((rc = feed_row_load(w, sp->url, &row)))
		return rc;
	st->feeds++;
	rc = fetch_feed(w, sp->url, &row, &res, why, sizeof(why));
	if (rc == 1) {
		rc = feed_failed(w, sp->url, 0, why, row.failures, st);
		goto out;
	}
	if (rc)
		goto out;
	if (res.status == 304) {
		st->not_modified++;
		pw_watch_log(w, PW_WATCH_INFO, "%s: not modified", sp->url);
		rc = feed_ok(w, sp->url, 304, NULL, NULL, 0);
		goto out;
	}
	if (res.status < 200 || res.status > 299) {
		snprintf(why, sizeof(why), "HTTP %ld", res.status);
		rc = feed_failed(w, sp->url, res.status, why, row.failures, st);
		goto out;
	}
	if (sniff_jsonl(sp, res.body, res.body_len))
		rc = parse_jsonl(&docs, w, sp->url, res.body, res.body_len);
	else
		rc = parse_xml(&docs, w, sp->url, res.body, res.body_len, why, sizeof(why));
	if (rc == 1) {
		rc = feed_failed(w, sp->url, res.status, why, row.failures, st);
		goto out;
	}
	if (rc)
		goto out;
	st->ok++;
	{
		unsigned n0 = st->items_new + st->items_updated, a0 = st->alerts;
		rc = process_docs(w, sp, &docs, &res, st);
		if (!rc)
			pw_watch_log(w, PW_WATCH_INFO, "%s: HTTP %ld, %zu items, %u new or edited, %u alerts%s",
				     sp->url, res.status, docs.n, st->items_new + st->items_updated - n0,
				     st->alerts - a0, res.redirects ? " (redirected)" : "");
	}
out:
	doc_vec_free(&docs);
	pw_fetch_result_free(w->ctx, &res);
	feed_row_free(w, &row);
	return rc;
}

int pw_watch_poll(pw_watch *w, pw_watch_stats *st)
{
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < w->nfeeds && !pw_watch_stopped(w); i++)
		rc = poll_feed(w, &w->feeds[i], st);
	return rc;
}
