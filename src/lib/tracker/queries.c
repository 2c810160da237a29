/*
 * Event queries: search with filters and the timeline of a pair.
 */
#include "tracker/tracker_internal.h"
#include <stdio.h>
#include <stdlib.h>

struct rows_priv {
	struct tr_res *res;
};

void pw_event_rows_free(pw_event_rows *r)
{
	struct rows_priv *rp;
	pw_context *ctx;

	if (!r)
		return;
	rp = r->priv_;
	ctx = rp->res->ctx;
	tr_res_free(rp->res);
	pw_free(ctx, rp);
	pw_free(ctx, r);
}

static int event_query(pw_event_rows **out, pw_store *s, const pw_query *q0, int counted_only)
{
	pw_query q = *q0;
	pw_buf sql, like;
	const char *p[16];
	int np = 0, rc;
	pw_event_rows *r;
	struct rows_priv *rp;
	void *lv, *pv;
	size_t i;

	*out = NULL;
	if ((rc = tr_list_new(s, sizeof(*r), sizeof(*rp), &lv, &pv)))
		return rc;
	r = lv;
	rp = pv;
	r->priv_ = rp;
	pw_buf_init(&sql, s->ctx);
	pw_buf_init(&like, s->ctx);
	if (q.text) {
		/* substring search; LIKE's own wildcards in the text stay wildcards */
		pw_buf_printf(&like, "%%%s%%", q.text);
		q.text = pw_buf_cstr(&like);
	}
	pw_buf_printf(&sql, "SELECT %s%s", TR_EVENT_COLS, TR_EVENT_FROM);
	tr_where(&sql, p, &np, &q, counted_only);
	if (q.domain || q.limit) {
		/* domain is computed from rules, and the limit applies after
		 * sorting: both are done below */
	}
	rc = sql.oom || like.oom ? PW_ENOMEM : tr_load_events(s, rp->res, pw_buf_cstr(&sql), np, p);
	pw_buf_free(&sql);
	pw_buf_free(&like);
	if (!rc) {
		size_t k = 0;
		for (i = 0; i < rp->res->nev; i++)
			if (!q.domain || (rp->res->ev[i]->domain && !strcmp(rp->res->ev[i]->domain, q.domain)))
				rp->res->ev[k++] = rp->res->ev[i];
		rp->res->nev = k;
		tr_sort_events(rp->res->ev, rp->res->nev);
		if (q.limit && rp->res->nev > q.limit)
			rp->res->nev = q.limit;
		/* hand out a contiguous array of copies (strings stay in the arena) */
		r->rows = pw_arena_alloc(&rp->res->arena, (rp->res->nev + 1) * sizeof(*r->rows));
		if (!r->rows)
			rc = PW_ENOMEM;
		for (i = 0; !rc && i < rp->res->nev; i++)
			r->rows[i] = *rp->res->ev[i];
		r->n = rc ? 0 : rp->res->nev;
	}
	if (rc) {
		pw_event_rows_free(r);
		return rc == PW_ENOMEM ? pw_error_set(s->ctx, rc, "out of memory") : rc;
	}
	*out = r;
	return 0;
}

int pw_tracker_events(pw_event_rows **out, pw_store *s, const pw_query *q)
{
	return event_query(out, s, q, 0);
}

int pw_tracker_timeline(pw_event_rows **out, pw_store *s, const pw_query *q)
{
	if (!q->country || !q->country2)
		return pw_error_set(s->ctx, PW_EINVAL, "timeline: two countries are required");
	return event_query(out, s, q, 1);
}

/* ---- dyads --------------------------------------------------------------- */

struct dyad_ctx {
	pw_context *ctx;
	pw_dyad_list *l;
	size_t cap;
	int oom;
};

static int dyad_row(void *ud, int ncol, const char *const *v)
{
	struct dyad_ctx *d = ud;
	pw_dyad *y;

	if (ncol < 6 || !v[0] || !v[1] || !v[2])
		return 0;
	if (d->l->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 64;
		pw_dyad *n = pw_realloc(d->ctx, d->l->items, nc * sizeof(*n));
		if (!n) {
			d->oom = 1;
			return 1;
		}
		d->l->items = n;
		d->cap = nc;
	}
	y = &d->l->items[d->l->n++];
	memset(y, 0, sizeof(*y));
	snprintf(y->period, sizeof(y->period), "%s", v[0]);
	snprintf(y->a, sizeof(y->a), "%s", v[1]);
	snprintf(y->b, sizeof(y->b), "%s", v[2]);
	y->quad = v[3] ? atoi(v[3]) : 0;
	y->count = v[4] ? strtoull(v[4], NULL, 10) : 0;
	y->score_sum = v[5] ? strtod(v[5], NULL) : 0;
	return 0;
}

static int dyad_cmp(const void *a, const void *b)
{
	const pw_dyad *x = a, *y = b;
	int c = strcmp(x->period, y->period);

	if (!c)
		c = strcmp(x->a, y->a);
	if (!c)
		c = strcmp(x->b, y->b);
	if (!c)
		c = x->quad - y->quad;
	return c;
}

void pw_dyad_list_free(pw_dyad_list *l)
{
	if (!l)
		return;
	pw_context *ctx = l->priv_;
	pw_free(ctx, l->items);
	pw_free(ctx, l);
}

int pw_tracker_dyads(pw_dyad_list **out, pw_store *s, const pw_query *q)
{
	const char *by = q->by ? q->by : "month";
	int len = !strcmp(by, "day") ? 10 : !strcmp(by, "month") ? 7 : !strcmp(by, "year") ? 4 : 0;
	struct dyad_ctx d = {s->ctx, NULL, 0, 0};
	pw_buf sql;
	const char *p[16];
	int np = 0, rc;

	*out = NULL;
	if (!len)
		return pw_error_set(s->ctx, PW_EINVAL, "dyads: --by must be day, month or year, not '%s'", by);
	d.l = pw_calloc(s->ctx, 1, sizeof(*d.l));
	if (!d.l)
		return pw_error_set(s->ctx, PW_ENOMEM, "out of memory");
	d.l->priv_ = s->ctx;
	pw_buf_init(&sql, s->ctx);
	pw_buf_printf(&sql, "SELECT substr(e.date, 1, %d), e.actor_country, e.recipient_country, "
			    "e.quad, COUNT(*), SUM(e.score) FROM events e", len);
	tr_where(&sql, p, &np, q, 1);
	pw_buf_puts(&sql, " AND e.date IS NOT NULL AND e.recipient_country IS NOT NULL "
			  "GROUP BY substr(e.date, 1, ");
	pw_buf_printf(&sql, "%d), e.actor_country, e.recipient_country, e.quad", len);
	rc = sql.oom ? PW_ENOMEM : s->ops->query(s, pw_buf_cstr(&sql), np, p, dyad_row, &d);
	pw_buf_free(&sql);
	if (!rc && d.oom)
		rc = PW_ENOMEM;
	if (rc) {
		pw_dyad_list_free(d.l);
		return rc == PW_ENOMEM ? pw_error_set(s->ctx, rc, "out of memory") : rc;
	}
	if (d.l->n > 1)
		qsort(d.l->items, d.l->n, sizeof(*d.l->items), dyad_cmp);
	*out = d.l;
	return 0;
}
