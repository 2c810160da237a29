/*
 * Alerts: the partnership changes caused by newly ingested items.
 *
 * The tracker folds each pair's whole history, so "what did this ingest
 * change" is answered by comparing its changes before and after the
 * writes, inside the same transaction. A change is identified by pair,
 * domain, from, to and date: not by its evidence event, because a second
 * outlet reporting the same step on the same day may become the evidence
 * without the step being new.
 *
 * Every detected change is recorded; it fires (JSON line, webhook outbox)
 * once it passes the filters. Recording unfired changes is what lets
 * `--min-sources 2` fire when the second, independent report arrives
 * rounds later.
 */
#include "watch/watch_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* ---- snapshot --------------------------------------------------------- */

static void change_key(char *out, size_t cap, const char *a, const char *b, const char *domain,
		       const char *from, const char *to, const char *date)
{
	snprintf(out, cap, "%s|%s|%s|%s|%s|%s", a, b, domain ? domain : "", from ? from : "",
		 to ? to : "", date);
}

static int key_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

int pw_watch_snapshot(pw_change_snapshot *out, pw_watch *w, const char *since)
{
	pw_query q = PW_QUERY_INIT;
	pw_change_list *cl = NULL;
	char key[256];
	size_t i;
	int rc;

	out->n = 0;
	out->keys = NULL;
	q.since = since;
	if ((rc = pw_tracker_changes(&cl, w->s, &q)))
		return rc;
	if (cl->n && !(out->keys = pw_calloc(w->ctx, cl->n, sizeof(*out->keys))))
		rc = pw_error_set(w->ctx, PW_ENOMEM, "out of memory");
	for (i = 0; !rc && i < cl->n; i++) {
		const pw_change *c = &cl->items[i];
		change_key(key, sizeof(key), c->a, c->b, c->domain, c->from, c->to, c->date);
		if (!(out->keys[out->n] = pw_strdup(w->ctx, key)))
			rc = pw_error_set(w->ctx, PW_ENOMEM, "out of memory");
		else
			out->n++;
	}
	pw_change_list_free(cl);
	if (!rc && out->n)
		qsort(out->keys, out->n, sizeof(*out->keys), key_cmp);
	return rc;
}

void pw_watch_snapshot_free(pw_watch *w, pw_change_snapshot *snap)
{
	size_t i;

	for (i = 0; i < snap->n; i++)
		pw_free(w->ctx, snap->keys[i]);
	pw_free(w->ctx, snap->keys);
	snap->keys = NULL;
	snap->n = 0;
}

static int snap_has(const pw_change_snapshot *s, const char *key)
{
	return s->n && bsearch(&key, s->keys, s->n, sizeof(*s->keys), key_cmp) != NULL;
}

/* The alert id: stable for the same change across runs and stores. */
static void alert_id(char out[24], const char *key)
{
	snprintf(out, 24, "alert-%016llx", (unsigned long long)pw_hash64(key, strlen(key), 0x616c));
}

/* ---- recording -------------------------------------------------------- */

static int record_change(pw_watch *w, const pw_change *c, pw_watch_stats *st)
{
	char key[256], id[24], now[24], *got = NULL;
	const char *p[9];
	int rc;

	change_key(key, sizeof(key), c->a, c->b, c->domain, c->from, c->to, c->date);
	alert_id(id, key);
	p[0] = id;
	if ((rc = pw_watch_query_str(w, &got, "SELECT id FROM watch_alerts WHERE id = ?", 1, p)))
		return rc;
	if (got) {
		/* known from an earlier round (e.g. an edited item re-coded) */
		pw_free(w->ctx, got);
		return 0;
	}
	snprintf(now, sizeof(now), "%lld", pw_watch_now_ms());
	p[1] = c->a;
	p[2] = c->b;
	p[3] = c->domain ? c->domain : "";
	p[4] = c->from ? c->from : "";
	p[5] = c->to ? c->to : "";
	p[6] = c->date;
	p[7] = c->evidence ? c->evidence->ev.id : "";
	p[8] = now;
	st->changes++;
	return pw_store_watch_sql(w->s, "INSERT INTO watch_alerts (id, pa, pb, domain, from_state, "
					"to_state, date, evidence, detected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				  9, p, NULL, NULL);
}

/* ---- firing ----------------------------------------------------------- */

struct unfired {
	char id[24];
	char key[256];
};

struct unfired_vec {
	pw_context *ctx;
	struct unfired *v;
	size_t n;
	int oom;
};

static int unfired_cb(void *ud, int ncol, const char *const *v)
{
	struct unfired_vec *u = ud;
	struct unfired *nv;

	if (ncol < 7)
		return 0;
	nv = pw_realloc(u->ctx, u->v, (u->n + 1) * sizeof(*nv));
	if (!nv) {
		u->oom = 1;
		return 1;
	}
	u->v = nv;
	snprintf(nv[u->n].id, sizeof(nv[u->n].id), "%s", v[0] ? v[0] : "");
	change_key(nv[u->n].key, sizeof(nv[u->n].key), v[1] ? v[1] : "", v[2] ? v[2] : "", v[3], v[4],
		   v[5], v[6] ? v[6] : "");
	u->n++;
	return 0;
}

static void json_kv(pw_buf *b, const char *k, const char *v)
{
	pw_buf_printf(b, ",\"%s\":", k);
	if (v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

static void evidence_json(pw_buf *b, const pw_stored_event *e, int first)
{
	pw_buf_puts(b, first ? "{" : ",{");
	pw_buf_puts(b, "\"doc\":");
	pw_buf_json_str(b, e->ev.doc ? e->ev.doc : "", e->ev.doc ? strlen(e->ev.doc) : 0);
	json_kv(b, "event_id", e->ev.id);
	json_kv(b, "date", e->ev.date[0] ? e->ev.date : NULL);
	json_kv(b, "source", e->ev.source);
	json_kv(b, "url", e->ev.url);
	json_kv(b, "title", e->title);
	json_kv(b, "security", e->ev.security);
	json_kv(b, "modality", e->ev.modality);
	json_kv(b, "text", e->ev.text);
	pw_buf_putc(b, '}');
}

static void iso_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The alert's JSON object (one line, no newline). */
static int alert_json(pw_buf *b, pw_watch *w, const char *id, const pw_change *c,
		      const pw_incident *inc, unsigned nsources)
{
	char now[32];
	size_t i, k = 0;

	iso_now(now);
	pw_buf_puts(b, "{\"alert\":");
	pw_buf_json_str(b, id, strlen(id));
	pw_buf_printf(b, ",\"type\":\"partnership_change\",\"pair\":[\"%s\",\"%s\"]", c->a, c->b);
	json_kv(b, "domain", c->domain);
	json_kv(b, "from", c->from);
	json_kv(b, "to", c->to);
	json_kv(b, "date", c->date);
	if (c->evidence) {
		json_kv(b, "security", c->evidence->ev.security);
		json_kv(b, "event", c->evidence->ev.event);
		json_kv(b, "modality", c->evidence->ev.modality);
	}
	pw_buf_printf(b, ",\"sources\":%u,\"evidence\":[", nsources);
	if (c->evidence)
		evidence_json(b, c->evidence, k++ == 0);
	for (i = 0; inc && i < inc->nevents && k < w->o.max_evidence; i++) {
		const pw_stored_event *e = inc->events[i];
		size_t j;
		int dup = 0;

		/* a reciprocal act is two events in one sentence: one
		 * evidence sentence is enough */
		if (c->evidence && e->ev.doc && c->evidence->ev.doc && !strcmp(e->ev.doc, c->evidence->ev.doc) &&
		    e->ev.sentence == c->evidence->ev.sentence)
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = inc->events[j]->ev.doc && e->ev.doc && !strcmp(inc->events[j]->ev.doc, e->ev.doc) &&
			      inc->events[j]->ev.sentence == e->ev.sentence;
		if (!dup)
			evidence_json(b, e, k++ == 0);
	}
	pw_buf_puts(b, "]");
	json_kv(b, "detected", now);
	pw_buf_putc(b, '}');
	return b->oom ? pw_error_set(w->ctx, PW_ENOMEM, "out of memory") : 0;
}

static int fire(pw_watch *w, const char *id, const pw_change *c, const pw_incident *inc,
		unsigned nsources, pw_buf *lines, pw_watch_stats *st)
{
	pw_buf js;
	char now[24];
	int rc;

	pw_buf_init(&js, w->ctx);
	rc = alert_json(&js, w, id, c, inc, nsources);
	snprintf(now, sizeof(now), "%lld", pw_watch_now_ms());
	if (!rc)
		rc = pw_store_watch_sql(w->s, "UPDATE watch_alerts SET fired = ?, payload = ? WHERE id = ?", 3,
					(const char *const[]){now, pw_buf_cstr(&js), id}, NULL, NULL);
	if (!rc && w->o.webhook && *w->o.webhook)
		rc = pw_store_watch_sql(w->s, "INSERT INTO watch_outbox (alert, url, payload, attempts, next_try) "
					      "VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
					4, (const char *const[]){id, w->o.webhook, pw_buf_cstr(&js), now}, NULL, NULL);
	if (!rc) {
		pw_buf_append(lines, js.data, js.len);
		pw_buf_putc(lines, '\n');
		st->alerts++;
	}
	pw_buf_free(&js);
	return rc;
}

/* Fire the unfired changes of one pair that are still in its history and
 * pass the filters. */
static int fire_pair(pw_watch *w, const char *a, const char *b, pw_buf *lines, pw_watch_stats *st)
{
	struct unfired_vec u = {w->ctx, NULL, 0, 0};
	pw_query q = PW_QUERY_INIT;
	pw_change_list *cl = NULL;
	pw_incident_list *il = NULL;
	char key[256];
	size_t i, j;
	int rc;

	rc = pw_store_watch_sql(w->s, "SELECT id, pa, pb, domain, from_state, to_state, date FROM watch_alerts "
				      "WHERE pa = ? AND pb = ? AND fired IS NULL ORDER BY date, id",
				2, (const char *const[]){a, b}, unfired_cb, &u);
	if (!rc && u.oom)
		rc = pw_error_set(w->ctx, PW_ENOMEM, "out of memory");
	if (rc || !u.n)
		goto out;
	q.country = a;
	q.country2 = b;
	if ((rc = pw_tracker_changes(&cl, w->s, &q)) || (rc = pw_tracker_incidents(&il, w->s, &q)))
		goto out;
	for (i = 0; !rc && i < cl->n; i++) {
		const pw_change *c = &cl->items[i];
		const pw_incident *inc;
		unsigned ns;

		if (strcmp(c->a, a) || strcmp(c->b, b))
			continue;
		change_key(key, sizeof(key), c->a, c->b, c->domain, c->from, c->to, c->date);
		for (j = 0; j < u.n && strcmp(u.v[j].key, key); j++)
			;
		if (j == u.n || !u.v[j].id[0])
			continue;
		/* the incident holding the change's evidence: its distinct
		 * sources are the change's independent sources, its reports
		 * the alert's evidence */
		inc = pw_incident_find(il, c->evidence);
		ns = inc && inc->nsources ? (unsigned)inc->nsources : 1;
		if (pw_watch_filter_match(&w->o, c->a, c->b, c->domain, ns))
			rc = fire(w, u.v[j].id, c, inc, ns, lines, st);
		u.v[j].id[0] = 0; /* one change fires once even if listed twice */
	}
out:
	pw_change_list_free(cl);
	pw_incident_list_free(il);
	pw_free(w->ctx, u.v);
	return rc;
}

int pw_watch_detect(pw_watch *w, const pw_change_snapshot *before, const char *since,
		    char *const *touched, size_t ntouched, pw_buf *lines, pw_watch_stats *st)
{
	pw_change_snapshot after = {0, NULL};
	pw_query q = PW_QUERY_INIT;
	pw_change_list *cl = NULL;
	char key[256];
	size_t i;
	int rc;

	q.since = since;
	if ((rc = pw_tracker_changes(&cl, w->s, &q)))
		return rc;
	for (i = 0; !rc && i < cl->n; i++) {
		const pw_change *c = &cl->items[i];
		change_key(key, sizeof(key), c->a, c->b, c->domain, c->from, c->to, c->date);
		if (!snap_has(before, key))
			rc = record_change(w, c, st);
	}
	pw_change_list_free(cl);
	for (i = 0; !rc && i < ntouched; i++) {
		char a[4], b[4];

		if (strlen(touched[i]) != 7)
			continue;
		memcpy(a, touched[i], 3);
		a[3] = 0;
		memcpy(b, touched[i] + 4, 3);
		b[3] = 0;
		rc = fire_pair(w, a, b, lines, st);
	}
	pw_watch_snapshot_free(w, &after);
	return rc;
}

/* ---- webhook delivery ------------------------------------------------ */

struct outrow {
	char *alert, *url, *payload;
	unsigned attempts;
};

struct outrows {
	pw_context *ctx;
	struct outrow *v;
	size_t n;
	int oom;
};

static int outrow_cb(void *ud, int ncol, const char *const *v)
{
	struct outrows *o = ud;
	struct outrow *nv;

	if (ncol < 4)
		return 0;
	nv = pw_realloc(o->ctx, o->v, (o->n + 1) * sizeof(*nv));
	if (!nv) {
		o->oom = 1;
		return 1;
	}
	o->v = nv;
	nv[o->n].alert = pw_strdup(o->ctx, v[0] ? v[0] : "");
	nv[o->n].url = pw_strdup(o->ctx, v[1] ? v[1] : "");
	nv[o->n].payload = pw_strdup(o->ctx, v[2] ? v[2] : "");
	nv[o->n].attempts = v[3] ? (unsigned)atoi(v[3]) : 0;
	if (!nv[o->n].alert || !nv[o->n].url || !nv[o->n].payload)
		o->oom = 1;
	o->n++;
	return 0;
}

static int post_one(pw_watch *w, struct outrow *r, pw_watch_stats *st)
{
	pw_fetch_request rq = PW_FETCH_REQUEST_INIT;
	pw_fetch_result res;
	char now[24], next[24], att[16], why[600];
	long long t;
	int rc;

	rq.url = r->url;
	rq.method = "POST";
	rq.body = r->payload;
	rq.body_len = strlen(r->payload);
	rq.user_agent = w->o.user_agent;
	rq.connect_timeout_ms = w->o.connect_timeout_ms;
	rq.timeout_ms = w->o.timeout_ms;
	/* a redirected POST would be replayed as GET by some servers: no */
	rq.max_redirects = -1;
	pw_watch_host_wait(w, r->url);
	rc = pw_fetch(&res, w->ctx, &rq);
	if (rc == PW_ENOMEM)
		return rc;
	t = pw_watch_now_ms();
	snprintf(now, sizeof(now), "%lld", t);
	snprintf(att, sizeof(att), "%u", r->attempts + 1);
	if (!rc && res.status >= 200 && res.status <= 299) {
		pw_fetch_result_free(w->ctx, &res);
		st->delivered++;
		return pw_store_watch_sql(w->s, "UPDATE watch_outbox SET delivered = ?, attempts = ?, "
						"last_error = NULL WHERE alert = ? AND url = ?",
					  4, (const char *const[]){now, att, r->alert, r->url}, NULL, NULL);
	}
	if (rc)
		snprintf(why, sizeof(why), "%s", pw_error_last(w->ctx));
	else
		snprintf(why, sizeof(why), "HTTP %ld", res.status);
	pw_fetch_result_free(w->ctx, &res);
	snprintf(next, sizeof(next), "%lld",
		 t + pw_watch_backoff_ms(w->o.backoff_ms, w->o.backoff_max_ms, r->attempts + 1));
	pw_watch_log(w, PW_WATCH_WARN, "webhook %s: %s for %s (attempt %u; retried later)", r->url, why,
		     r->alert, r->attempts + 1);
	return pw_store_watch_sql(w->s, "UPDATE watch_outbox SET attempts = ?, next_try = ?, last_error = ? "
					"WHERE alert = ? AND url = ?",
				  5, (const char *const[]){att, next, why, r->alert, r->url}, NULL, NULL);
}

int pw_watch_deliver(pw_watch *w, pw_watch_stats *st, long *next_ms)
{
	struct outrows o = {w->ctx, NULL, 0, 0};
	char now[24], *v = NULL;
	size_t i;
	int rc;

	if (next_ms)
		*next_ms = -1;
	snprintf(now, sizeof(now), "%lld", pw_watch_now_ms());
	rc = pw_store_watch_sql(w->s, "SELECT alert, url, payload, attempts FROM watch_outbox "
				      "WHERE delivered IS NULL AND next_try <= ? ORDER BY next_try, alert",
				1, (const char *const[]){now}, outrow_cb, &o);
	if (!rc && o.oom)
		rc = pw_error_set(w->ctx, PW_ENOMEM, "out of memory");
	for (i = 0; !rc && i < o.n && !pw_watch_stopped(w); i++)
		rc = post_one(w, &o.v[i], st);
	for (i = 0; i < o.n; i++) {
		pw_free(w->ctx, o.v[i].alert);
		pw_free(w->ctx, o.v[i].url);
		pw_free(w->ctx, o.v[i].payload);
	}
	pw_free(w->ctx, o.v);
	if (!rc)
		rc = pw_watch_query_str(w, &v, "SELECT COUNT(*) FROM watch_outbox WHERE delivered IS NULL", 0, NULL);
	st->pending = v ? (unsigned)atoi(v) : 0;
	pw_free(w->ctx, v);
	v = NULL;
	if (!rc && st->pending && next_ms) {
		rc = pw_watch_query_str(w, &v, "SELECT MIN(next_try) FROM watch_outbox WHERE delivered IS NULL",
					0, NULL);
		if (v) {
			long long d = atoll(v) - pw_watch_now_ms();
			*next_ms = d < 0 ? 0 : (long)d;
		}
		pw_free(w->ctx, v);
	}
	return rc;
}
