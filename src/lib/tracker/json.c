/*
 * JSON answers of the tracker queries: one serialization for the CLI's
 * --json and the HTTP API. Each answer is an object echoing the query's
 * parameters with its results in an array.
 */
#include "tracker/tracker_internal.h"
#include <stdio.h>

static void kv(pw_buf *b, const char *key, const char *v, int comma)
{
	if (comma)
		pw_buf_putc(b, ',');
	pw_buf_printf(b, "\"%s\":", key);
	if (v && *v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

/* Opens an answer's object and echoes the query's parameters. */
static void query_echo(pw_buf *b, const char *kind, const pw_query *q)
{
	pw_buf_putc(b, '{');
	kv(b, "query", kind, 0);
	kv(b, "country", q->country, 1);
	if (q->country2)
		kv(b, "country2", q->country2, 1);
	if (q->since)
		kv(b, "since", q->since, 1);
	if (q->until)
		kv(b, "until", q->until, 1);
	if (q->domain)
		kv(b, "domain", q->domain, 1);
}

/* ,"evidence": and the event, or null where the step or change has none. */
static void evidence_json(pw_buf *b, const pw_stored_event *e)
{
	pw_buf_puts(b, ",\"evidence\":");
	if (e)
		tr_event_json(b, e);
	else
		pw_buf_puts(b, "null");
}

/* Writes one item of an answer's array; arg is the serializer's option. */
typedef void (*item_json_fn)(pw_buf *b, const void *item, int arg);

/* The tail every answer shares: the count, the named array of n items of
 * the given size, and the closing of the answer's object. */
static void items_json(pw_buf *b, const char *name, const void *items, size_t n, size_t size,
		       item_json_fn fn, int arg)
{
	size_t i;

	pw_buf_printf(b, ",\"count\":%zu,\"%s\":[", n, name);
	for (i = 0; i < n; i++) {
		if (i)
			pw_buf_putc(b, ',');
		fn(b, (const char *)items + i * size, arg);
	}
	pw_buf_puts(b, "]}");
}

/* Events held by pointer (evidence, incident members) as a bare array. */
static void event_ptrs_json(pw_buf *b, const pw_stored_event *const *ev, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			pw_buf_putc(b, ',');
		tr_event_json(b, ev[i]);
	}
}

static void event_json(pw_buf *b, const void *item, int arg)
{
	(void)arg;
	tr_event_json(b, item);
}

static void partnership_json(pw_buf *b, const void *item, int partners)
{
	const pw_partnership *p = item;
	size_t i;

	pw_buf_putc(b, '{');
	if (partners) {
		kv(b, "country", p->a, 0);
		kv(b, "partner", p->b, 1);
	} else {
		kv(b, "a", p->a, 0);
		kv(b, "b", p->b, 1);
	}
	kv(b, "domain", p->domain, 1);
	kv(b, "state", p->state, 1);
	kv(b, "since", p->since, 1);
	kv(b, "last", p->last, 1);
	pw_buf_printf(b, ",\"events\":%zu,\"steps\":[", p->nevents);
	for (i = 0; i < p->nsteps; i++) {
		if (i)
			pw_buf_putc(b, ',');
		pw_buf_putc(b, '{');
		kv(b, "from", p->steps[i].from, 0);
		kv(b, "to", p->steps[i].to, 1);
		kv(b, "date", p->steps[i].date, 1);
		kv(b, "doc", p->steps[i].doc, 1);
		kv(b, "event_id", p->steps[i].event_id, 1);
		evidence_json(b, p->steps[i].evidence);
		pw_buf_putc(b, '}');
	}
	pw_buf_puts(b, "],\"evidence\":[");
	event_ptrs_json(b, p->evidence, p->nevidence);
	pw_buf_puts(b, "]}");
}

static void change_json(pw_buf *b, const void *item, int arg)
{
	const pw_change *c = item;

	(void)arg;
	pw_buf_putc(b, '{');
	kv(b, "a", c->a, 0);
	kv(b, "b", c->b, 1);
	kv(b, "domain", c->domain, 1);
	kv(b, "from", c->from, 1);
	kv(b, "to", c->to, 1);
	kv(b, "date", c->date, 1);
	evidence_json(b, c->evidence);
	pw_buf_putc(b, '}');
}

static void dyad_json(pw_buf *b, const void *item, int arg)
{
	const pw_dyad *d = item;

	(void)arg;
	pw_buf_putc(b, '{');
	kv(b, "period", d->period, 0);
	kv(b, "actor", d->a, 1);
	kv(b, "recipient", d->b, 1);
	pw_buf_printf(b, ",\"quad\":%d,\"count\":%llu,\"score_sum\":%.1f}", d->quad,
		      (unsigned long long)d->count, d->score_sum);
}

static void incident_json(pw_buf *b, const void *item, int arg)
{
	const pw_incident *in = item;

	(void)arg;
	pw_buf_putc(b, '{');
	kv(b, "id", in->id, 0);
	kv(b, "a", in->a, 1);
	kv(b, "b", in->b, 1);
	kv(b, "event", in->event, 1);
	kv(b, "security", in->security, 1);
	kv(b, "first", in->first, 1);
	kv(b, "last", in->last, 1);
	pw_buf_printf(b, ",\"n_events\":%zu,\"n_sources\":%zu,\"n_docs\":%zu,\"events\":[",
		      in->nevents, in->nsources, in->ndocs);
	event_ptrs_json(b, in->events, in->nevents);
	pw_buf_puts(b, "]}");
}

static int json_partnerships(pw_buf *b, pw_store *s, const pw_query *q, int partners)
{
	pw_partnership_list *l;
	int rc = partners ? pw_tracker_partners(&l, s, q) : pw_tracker_network(&l, s, q);

	if (rc)
		return rc;
	query_echo(b, partners ? "partners" : "network", q);
	kv(b, "as_of", q->as_of, 1);
	items_json(b, partners ? "partners" : "edges", l->items, l->n, sizeof(*l->items),
		   partnership_json, partners);
	pw_partnership_list_free(l);
	return 0;
}

static int json_changes(pw_buf *b, pw_store *s, const pw_query *q)
{
	pw_change_list *l;
	int rc = pw_tracker_changes(&l, s, q);

	if (rc)
		return rc;
	query_echo(b, "changes", q);
	items_json(b, "changes", l->items, l->n, sizeof(*l->items), change_json, 0);
	pw_change_list_free(l);
	return 0;
}

static int json_events(pw_buf *b, pw_store *s, const pw_query *q, int timeline)
{
	pw_event_rows *r;
	int rc = timeline ? pw_tracker_timeline(&r, s, q) : pw_tracker_events(&r, s, q);

	if (rc)
		return rc;
	query_echo(b, timeline ? "timeline" : "events", q);
	items_json(b, "events", r->rows, r->n, sizeof(*r->rows), event_json, 0);
	pw_event_rows_free(r);
	return 0;
}

static int json_dyads(pw_buf *b, pw_store *s, const pw_query *q)
{
	pw_dyad_list *l;
	int rc = pw_tracker_dyads(&l, s, q);

	if (rc)
		return rc;
	query_echo(b, "dyads", q);
	kv(b, "by", q->by ? q->by : "month", 1);
	items_json(b, "dyads", l->items, l->n, sizeof(*l->items), dyad_json, 0);
	pw_dyad_list_free(l);
	return 0;
}

static int json_incidents(pw_buf *b, pw_store *s, const pw_query *q)
{
	pw_incident_list *l;
	int rc = pw_tracker_incidents(&l, s, q);

	if (rc)
		return rc;
	query_echo(b, "incidents", q);
	pw_buf_printf(b, ",\"window_days\":%d", q->window_days > 0 ? q->window_days : 7);
	items_json(b, "incidents", l->items, l->n, sizeof(*l->items), incident_json, 0);
	pw_incident_list_free(l);
	return 0;
}

static int json_stats(pw_buf *b, pw_store *s)
{
	pw_store_stats st;
	int rc = pw_store_stats_get(&st, s);

	if (rc)
		return rc;
	pw_buf_printf(b, "{\"query\":\"stats\",\"backend\":\"%s\",\"schema_version\":%d,"
			 "\"documents\":%llu,\"sentences\":%llu,\"events\":%llu,"
			 "\"security_events\":%llu,\"pairs\":%llu",
		      pw_store_backend(s), pw_store_schema_version(s),
		      (unsigned long long)st.documents, (unsigned long long)st.sentences,
		      (unsigned long long)st.events, (unsigned long long)st.security_events,
		      (unsigned long long)st.pairs);
	kv(b, "first_date", st.first_date, 1);
	kv(b, "last_date", st.last_date, 1);
	pw_buf_putc(b, '}');
	return 0;
}

int pw_tracker_json(char **out, size_t *len, pw_store *s, pw_query_kind kind, const pw_query *q)
{
	pw_query empty = PW_QUERY_INIT;
	pw_buf b;
	int rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (!q)
		q = &empty;
	pw_buf_init(&b, s->ctx);
	switch (kind) {
	case PW_Q_PARTNERS:
		rc = json_partnerships(&b, s, q, 1);
		break;
	case PW_Q_NETWORK:
		rc = json_partnerships(&b, s, q, 0);
		break;
	case PW_Q_CHANGES:
		rc = json_changes(&b, s, q);
		break;
	case PW_Q_TIMELINE:
		rc = json_events(&b, s, q, 1);
		break;
	case PW_Q_EVENTS:
		rc = json_events(&b, s, q, 0);
		break;
	case PW_Q_DYADS:
		rc = json_dyads(&b, s, q);
		break;
	case PW_Q_INCIDENTS:
		rc = json_incidents(&b, s, q);
		break;
	case PW_Q_STATS:
		rc = json_stats(&b, s);
		break;
	default:
		rc = pw_error_set(s->ctx, PW_EINVAL, "unknown query kind %d", (int)kind);
	}
	if (!rc && b.oom)
		rc = pw_error_set(s->ctx, PW_ENOMEM, "out of memory");
	if (rc) {
		pw_buf_free(&b);
		return rc;
	}
	*out = pw_buf_detach(&b, len);
	return 0;
}

void pw_tracker_json_free(pw_store *s, char *json)
{
	if (json)
		pw_free(s->ctx, json);
}
