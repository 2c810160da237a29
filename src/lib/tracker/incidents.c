/*
 * Incidents: the reports of one happening grouped together — what GDELT's
 * users most complain about is one signing counted forty times because forty
 * outlets (and both directions of a reciprocal act) reported it.
 *
 * Grouping key: the unordered pair of endpoints (country, or actor code for
 * IGO/IMG so ECOWAS and the UN stay apart), the PLOVER type and the security
 * sub-type. Reports chain into one incident while each falls within
 * window_days of the previous one. Unordered even for directional types: the
 * coder emits reciprocal acts in both directions, and a report of "A expels
 * B" and one of "B withdraws from A" are the same happening.
 *
 * Incidents are computed on query rather than stored: they then always match
 * the current events (a replaced document regroups by itself) and the window
 * is a query option.
 */
#include "tracker/tracker_internal.h"
#include <stdio.h>
#include <stdlib.h>

struct ilist_priv {
	struct tr_res *res;
};

struct keyed {
	const char *a, *b;
	pw_stored_event *e;
};

static const char *endpoint(const pw_event_actor *x)
{
	const char *c = x->country;

	if (!strcmp(c, "IGO") || !strcmp(c, "IMG") || !strcmp(c, "NGO") || !*c)
		return x->code;
	return c;
}

static int sc(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "");
}

static int keyed_cmp(const void *p, const void *q)
{
	const struct keyed *x = p, *y = q;
	int c = strcmp(x->a, y->a);

	if (!c)
		c = strcmp(x->b, y->b);
	if (!c)
		c = sc(x->e->ev.event, y->e->ev.event);
	if (!c)
		c = sc(x->e->ev.security, y->e->ev.security);
	if (!c)
		c = strcmp(x->e->ev.date, y->e->ev.date);
	if (!c)
		c = sc(x->e->ev.doc, y->e->ev.doc);
	if (!c)
		c = strcmp(x->e->ev.id, y->e->ev.id);
	return c;
}

static int inc_cmp(const void *p, const void *q)
{
	const pw_incident *x = p, *y = q;
	int c = strcmp(x->first, y->first);

	return c ? c : strcmp(x->id, y->id);
}

/* Source of a report: the source field, else the URL's host, else the doc. */
static uint64_t source_key(const pw_event *e)
{
	const char *s = e->source, *h;
	size_t n;

	if (s && *s)
		return pw_hash64(s, strlen(s), 1);
	if (e->url && (h = strstr(e->url, "://"))) {
		h += 3;
		n = strcspn(h, "/:?#");
		return pw_hash64(h, n, 1);
	}
	return pw_hash64(e->doc ? e->doc : "", e->doc ? strlen(e->doc) : 0, 2);
}

static size_t distinct(uint64_t *v, size_t n)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < k && v[j] != v[i]; j++)
			;
		if (j == k)
			v[k++] = v[i];
	}
	return k;
}

void pw_incident_list_free(pw_incident_list *l)
{
	struct ilist_priv *ip;
	pw_context *ctx;
	size_t i;

	if (!l)
		return;
	ip = l->priv_;
	ctx = ip->res->ctx;
	for (i = 0; i < l->n; i++)
		pw_free(ctx, (void *)l->items[i].events);
	pw_free(ctx, l->items);
	tr_res_free(ip->res);
	pw_free(ctx, ip);
	pw_free(ctx, l);
}

static int close_incident(pw_context *ctx, pw_incident_list *l, size_t *cap, struct keyed *k,
			  size_t from, size_t to)
{
	pw_incident *in;
	uint64_t *src, *docs;
	size_t i, n = to - from;

	if (l->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		pw_incident *ni = pw_realloc(ctx, l->items, nc * sizeof(*ni));
		if (!ni)
			return PW_ENOMEM;
		l->items = ni;
		*cap = nc;
	}
	in = &l->items[l->n];
	memset(in, 0, sizeof(*in));
	in->events = pw_calloc(ctx, n, sizeof(*in->events));
	src = pw_calloc(ctx, n, sizeof(*src));
	docs = pw_calloc(ctx, n, sizeof(*docs));
	if (!in->events || !src || !docs) {
		pw_free(ctx, (void *)in->events);
		pw_free(ctx, src);
		pw_free(ctx, docs);
		return PW_ENOMEM;
	}
	l->n++;
	snprintf(in->a, sizeof(in->a), "%s", k[from].a);
	snprintf(in->b, sizeof(in->b), "%s", k[from].b);
	in->event = k[from].e->ev.event;
	in->security = k[from].e->ev.security;
	memcpy(in->first, k[from].e->ev.date, sizeof(in->first));
	memcpy(in->last, k[to - 1].e->ev.date, sizeof(in->last));
	{
		/* the id follows the first report, so it is stable as later
		 * reports join */
		const pw_event *f = &k[from].e->ev;
		uint64_t h = pw_hash64(f->doc, strlen(f->doc), 3);
		h = pw_hash64(f->id, strlen(f->id), h);
		h = pw_hash64(in->b, strlen(in->b), pw_hash64(in->a, strlen(in->a), h));
		snprintf(in->id, sizeof(in->id), "inc-%012llx", (unsigned long long)(h & 0xffffffffffffULL));
	}
	for (i = 0; i < n; i++) {
		pw_stored_event *e = k[from + i].e;
		in->events[i] = e;
		e->incident = in->id; /* fixed below: items may move on realloc */
		src[i] = source_key(&e->ev);
		docs[i] = pw_hash64(e->ev.doc, strlen(e->ev.doc), 4);
	}
	in->nevents = n;
	in->nsources = distinct(src, n);
	in->ndocs = distinct(docs, n);
	pw_free(ctx, src);
	pw_free(ctx, docs);
	return 0;
}

int pw_tracker_incidents(pw_incident_list **out, pw_store *s, const pw_query *q)
{
	long window = q->window_days > 0 ? q->window_days : 7;
	pw_incident_list *l;
	struct ilist_priv *ip;
	struct keyed *k = NULL;
	void *lv, *pv;
	pw_buf sql;
	const char *p[16];
	int np = 0, rc;
	size_t i, j, n = 0, cap = 0;

	*out = NULL;
	if ((rc = tr_list_new(s, sizeof(*l), sizeof(*ip), &lv, &pv)))
		return rc;
	l = lv;
	ip = pv;
	l->priv_ = ip;
	pw_buf_init(&sql, s->ctx);
	pw_buf_printf(&sql, "SELECT %s%s", TR_EVENT_COLS, TR_EVENT_FROM);
	tr_where(&sql, p, &np, q, 1);
	pw_buf_puts(&sql, " AND e.date IS NOT NULL AND e.recipient_country IS NOT NULL");
	rc = sql.oom ? PW_ENOMEM : tr_load_events(s, ip->res, pw_buf_cstr(&sql), np, p);
	pw_buf_free(&sql);
	if (!rc && ip->res->nev && !(k = pw_calloc(s->ctx, ip->res->nev, sizeof(*k))))
		rc = PW_ENOMEM;
	for (i = 0; !rc && i < ip->res->nev; i++) {
		pw_stored_event *e = ip->res->ev[i];
		const char *x = endpoint(&e->ev.actor), *y = endpoint(&e->ev.recipient);
		if (q->domain && (!e->domain || strcmp(e->domain, q->domain)))
			continue;
		k[n].a = strcmp(x, y) <= 0 ? x : y;
		k[n].b = strcmp(x, y) <= 0 ? y : x;
		k[n].e = e;
		n++;
	}
	if (n > 1)
		qsort(k, n, sizeof(*k), keyed_cmp);
	for (i = 0; !rc && i < n; i = j) {
		for (j = i + 1; j < n; j++) {
			if (strcmp(k[j].a, k[i].a) || strcmp(k[j].b, k[i].b) ||
			    sc(k[j].e->ev.event, k[i].e->ev.event) ||
			    sc(k[j].e->ev.security, k[i].e->ev.security))
				break;
			if (tr_days(k[j].e->ev.date) - tr_days(k[j - 1].e->ev.date) > window)
				break;
		}
		rc = close_incident(s->ctx, l, &cap, k, i, j);
	}
	pw_free(s->ctx, k);
	if (!rc && l->n > 1)
		qsort(l->items, l->n, sizeof(*l->items), inc_cmp);
	/* point events at their incident's id now that items stay put */
	for (i = 0; !rc && i < l->n; i++)
		for (j = 0; j < l->items[i].nevents; j++)
			((pw_stored_event *)l->items[i].events[j])->incident = l->items[i].id;
	if (!rc && q->limit && l->n > q->limit) {
		for (i = q->limit; i < l->n; i++)
			pw_free(s->ctx, (void *)l->items[i].events);
		l->n = q->limit;
	}
	if (rc) {
		pw_incident_list_free(l);
		return rc == PW_ENOMEM ? pw_error_set(s->ctx, rc, "out of memory") : rc;
	}
	*out = l;
	return 0;
}

const pw_incident *pw_incident_find(const pw_incident_list *il, const pw_stored_event *ev)
{
	size_t i, j;

	for (i = 0; il && ev && i < il->n; i++)
		for (j = 0; j < il->items[i].nevents; j++) {
			const pw_stored_event *e = il->items[i].events[j];
			if (e->ev.doc && ev->ev.doc && !strcmp(e->ev.doc, ev->ev.doc) && !strcmp(e->ev.id, ev->ev.id))
				return &il->items[i];
		}
	return NULL;
}
