/*
 * The partnership state machine (EVENTS.md, "Partnerships").
 *
 * Per unordered country pair and domain, counted events are folded in date
 * order. Each sub-type moves towards a state (data/tracker/states.tsv):
 *
 *   ended     from any state: a suspension or withdrawal ends what there was
 *   active    from any state: training, arms ... happening is cooperation
 *             whatever was (or was not) reported before
 *   agreed    from none, discussed or ended; an agreement while active
 *             (a renewal) keeps it active rather than stepping back
 *   discussed from none or ended only: talks during an agreed or active
 *             partnership are its routine, not a step back
 *
 * `future` events are intent: whatever their sub-type they move only
 * towards `discussed` ("will deliver drones" is not yet a delivery).
 *
 * `historical` events dated only by their document (date_source other than
 * "text") are background of unknown date ("Wagner first deployed to Mali in
 * 2021", in a 2025 report): they count as evidence and can open a
 * partnership the store knew nothing of, but never move a known one, which
 * would otherwise flip back and forth with every retrospective paragraph.
 *
 * Queries run in two phases so `partners --as-of` stays fast on large
 * stores: the fold reads a few narrow columns through the (pa, date) and
 * (pb, date) indexes, then full rows are fetched only for the evidence.
 */
#include "tracker/tracker_internal.h"
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_EVIDENCE 5

/* A narrow row for the fold. */
struct lite {
	const char *pa, *pb, *domain;
	char date[11];
	enum tr_state target;
	int background;    /* historical, dated by the document only */
	const char *doc, *id;
};

struct lite_set {
	pw_store *s;
	struct tr_res *res;
	struct pw_tracker_rules *rules;
	struct lite *rows;
	size_t n, cap;
	int oom;
};

static int lite_row(void *ud, int ncol, const char *const *v)
{
	struct lite_set *ls = ud;
	struct lite *l;
	enum tr_state t;

	if (ncol < 9 || !v[0] || !v[1] || !v[2])
		return 0;
	t = tr_rule_state(ls->rules, v[3]);
	if (t == TR_NONE || !tr_modality_counts(v[4]))
		return 0;
	if (!strcmp(v[4], "future"))
		t = TR_DISCUSSED;
	if (ls->n == ls->cap) {
		size_t nc = ls->cap ? ls->cap * 2 : 256;
		struct lite *n = pw_realloc(ls->s->ctx, ls->rows, nc * sizeof(*n));
		if (!n) {
			ls->oom = 1;
			return 1;
		}
		ls->rows = n;
		ls->cap = nc;
	}
	l = &ls->rows[ls->n];
	/* pair codes repeat: intern the common case cheaply by comparing with
	 * the previous row */
	if (ls->n && !strcmp(ls->rows[ls->n - 1].pa, v[0]))
		l->pa = ls->rows[ls->n - 1].pa;
	else
		l->pa = tr_strdup(ls->res, v[0]);
	if (ls->n && !strcmp(ls->rows[ls->n - 1].pb, v[1]))
		l->pb = ls->rows[ls->n - 1].pb;
	else
		l->pb = tr_strdup(ls->res, v[1]);
	snprintf(l->date, sizeof(l->date), "%s", v[2]);
	l->target = t;
	l->background = !strcmp(v[4], "historical") && (!v[8] || strcmp(v[8], "text"));
	l->domain = tr_rule_domain(ls->rules, v[3], v[5]);
	l->doc = tr_strdup(ls->res, v[6]);
	l->id = tr_strdup(ls->res, v[7]);
	if (!l->pa || !l->pb || !l->doc || !l->id) {
		ls->oom = 1;
		return 1;
	}
	ls->n++;
	return 0;
}

static int lite_cmp(const void *a, const void *b)
{
	const struct lite *x = a, *y = b;
	int c = strcmp(x->pa, y->pa);

	if (!c)
		c = strcmp(x->pb, y->pb);
	if (!c)
		c = strcmp(x->domain, y->domain);
	if (!c)
		c = strcmp(x->date, y->date);
	if (!c)
		c = strcmp(x->doc, y->doc);
	/* Within one report and date, ends are applied last: a report of an end
	 * names what ended ("the last French troops left Niger, ending a decade
	 * of deployment"), and that mention must not reopen what it closes. */
	if (!c)
		c = (x->target == TR_ENDED) - (y->target == TR_ENDED);
	if (!c)
		c = strcmp(x->id, y->id);
	return c;
}

static enum tr_state step(enum tr_state cur, enum tr_state target)
{
	switch (target) {
	case TR_ENDED:
	case TR_ACTIVE:
		return target;
	case TR_AGREED:
		return cur == TR_ACTIVE ? TR_ACTIVE : TR_AGREED;
	case TR_DISCUSSED:
		return cur == TR_NONE || cur == TR_ENDED ? TR_DISCUSSED : cur;
	default:
		return cur;
	}
}

/* Load narrow rows for pairs involving country (or all pairs), with dates
 * up to until (NULL: all), sorted by pair, domain, date. */
static int load_lite(struct lite_set *ls, const char *country, const char *until)
{
	pw_buf sql;
	const char *p[4];
	int np = 0, rc;

	pw_buf_init(&sql, ls->s->ctx);
	pw_buf_puts(&sql, "SELECT pa, pb, date, security, modality, context, doc, id, date_source FROM events "
			  "WHERE security IS NOT NULL AND date IS NOT NULL");
	if (country) {
		/* two indexed halves rather than one OR, which SQLite may scan */
		pw_buf_puts(&sql, " AND pa = ?");
		p[np++] = country;
		if (until) {
			pw_buf_puts(&sql, " AND date <= ?");
			p[np++] = until;
		}
		pw_buf_puts(&sql, " UNION ALL SELECT pa, pb, date, security, modality, context, doc, "
				  "id, date_source FROM events WHERE security IS NOT NULL AND date IS NOT NULL "
				  "AND pb = ?");
		p[np++] = country;
	} else {
		pw_buf_puts(&sql, " AND pa IS NOT NULL");
	}
	if (until) {
		pw_buf_puts(&sql, " AND date <= ?");
		p[np++] = until;
	}
	rc = sql.oom ? PW_ENOMEM : ls->s->ops->query(ls->s, pw_buf_cstr(&sql), np, p, lite_row, ls);
	pw_buf_free(&sql);
	if (!rc && ls->oom)
		rc = pw_error_set(ls->s->ctx, PW_ENOMEM, "out of memory");
	if (!rc && ls->n > 1)
		qsort(ls->rows, ls->n, sizeof(*ls->rows), lite_cmp);
	return rc;
}

/* ---- partnership lists ---------------------------------------------------- */

struct plist_priv {
	struct tr_res *res;
	pw_partnership *items;
	size_t n, cap;
};

static int state_rank(const char *s)
{
	if (!strcmp(s, "active"))
		return 0;
	if (!strcmp(s, "agreed"))
		return 1;
	if (!strcmp(s, "discussed"))
		return 2;
	return 3;
}

static int part_cmp(const void *a, const void *b)
{
	const pw_partnership *x = a, *y = b;
	int c = state_rank(x->state) - state_rank(y->state);

	if (!c)
		c = strcmp(x->a, y->a);
	if (!c)
		c = strcmp(x->b, y->b);
	if (!c)
		c = strcmp(x->domain, y->domain);
	return c;
}

void pw_partnership_list_free(pw_partnership_list *l)
{
	struct plist_priv *pp;
	size_t i;

	if (!l)
		return;
	pp = l->priv_;
	for (i = 0; i < pp->n; i++) {
		pw_free(pp->res->ctx, pp->items[i].steps);
		pw_free(pp->res->ctx, pp->items[i].evidence);
	}
	pw_free(pp->res->ctx, pp->items);
	pw_context *ctx = pp->res->ctx;
	tr_res_free(pp->res);
	pw_free(ctx, pp);
	pw_free(ctx, l);
}

/* Fold rows[from, to) (one pair and domain) into a partnership. Evidence
 * indices are kept (row numbers) and resolved into full events later. */
struct fold {
	enum tr_state state;
	char since[11], last[11];
	size_t nevents;
	size_t *steps;     /* row index of each transition */
	enum tr_state *step_from, *step_to;
	size_t nsteps, cap;
	size_t ev_first;   /* first row supporting the current state */
	size_t ev_last;    /* one past the last row folded */
};

/* Room for twice as many transitions. On failure every array keeps its
 * old contents (none is lost), so fold_free still frees them all. */
static int fold_grow(pw_context *ctx, struct fold *f)
{
	size_t nc = f->cap ? f->cap * 2 : 4;
	size_t *st = pw_realloc(ctx, f->steps, nc * sizeof(*st));
	enum tr_state *fr, *to;

	if (!st)
		return PW_ENOMEM;
	f->steps = st;
	fr = pw_realloc(ctx, f->step_from, nc * sizeof(*fr));
	if (!fr)
		return PW_ENOMEM;
	f->step_from = fr;
	to = pw_realloc(ctx, f->step_to, nc * sizeof(*to));
	if (!to)
		return PW_ENOMEM;
	f->step_to = to;
	f->cap = nc;
	return 0;
}

static int fold_rows(pw_context *ctx, struct fold *f, const struct lite *rows, size_t from,
		     size_t to)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = from; i < to; i++) {
		enum tr_state ns = rows[i].background && f->state != TR_NONE
					   ? f->state : step(f->state, rows[i].target);
		f->nevents++;
		memcpy(f->last, rows[i].date, sizeof(f->last));
		if (ns != f->state) {
			size_t k = f->nsteps;
			if (k == f->cap && fold_grow(ctx, f))
				return PW_ENOMEM; /* what was grown is freed by fold_free */
			f->nsteps++;
			f->steps[k] = i;
			f->step_from[k] = f->state;
			f->step_to[k] = ns;
			f->state = ns;
			memcpy(f->since, rows[i].date, sizeof(f->since));
			f->ev_first = i;
		}
	}
	f->ev_last = to;
	return 0;
}

static void fold_free(pw_context *ctx, struct fold *f)
{
	pw_free(ctx, f->steps);
	pw_free(ctx, f->step_from);
	pw_free(ctx, f->step_to);
}

static int build_partnership(pw_store *s, struct plist_priv *pp, const struct lite *rows,
			     const struct fold *f, const char *country, size_t max_ev)
{
	pw_partnership *p;
	const struct lite *r0 = &rows[f->ev_last - 1];
	size_t i, k;
	int rc = 0;

	if (pp->n == pp->cap) {
		size_t nc = pp->cap ? pp->cap * 2 : 16;
		pw_partnership *n = pw_realloc(s->ctx, pp->items, nc * sizeof(*n));
		if (!n)
			return PW_ENOMEM;
		pp->items = n;
		pp->cap = nc;
	}
	p = &pp->items[pp->n++];
	memset(p, 0, sizeof(*p));
	if (country && !strcmp(r0->pb, country)) {
		snprintf(p->a, sizeof(p->a), "%s", r0->pb);
		snprintf(p->b, sizeof(p->b), "%s", r0->pa);
	} else {
		snprintf(p->a, sizeof(p->a), "%s", r0->pa);
		snprintf(p->b, sizeof(p->b), "%s", r0->pb);
	}
	p->domain = r0->domain;
	p->state = tr_state_name(f->state);
	memcpy(p->since, f->since, sizeof(p->since));
	memcpy(p->last, f->last, sizeof(p->last));
	p->nevents = f->nevents;
	p->steps = pw_calloc(s->ctx, f->nsteps ? f->nsteps : 1, sizeof(*p->steps));
	if (!p->steps)
		return PW_ENOMEM;
	for (k = 0; !rc && k < f->nsteps; k++) {
		pw_stored_event *e = NULL;
		const struct lite *r = &rows[f->steps[k]];
		/* a long-lived pair can have hundreds of steps: full rows only
		 * for the latest ones keeps the query fast */
		if (k + max_ev >= f->nsteps)
			rc = tr_load_event(s, pp->res, r->doc, r->id, &e);
		p->steps[k].doc = r->doc;
		p->steps[k].event_id = r->id;
		p->steps[k].from = tr_state_name(f->step_from[k]);
		p->steps[k].to = tr_state_name(f->step_to[k]);
		memcpy(p->steps[k].date, r->date, sizeof(p->steps[k].date));
		p->steps[k].evidence = e;
		p->nsteps++;
	}
	/* evidence: newest first, from the rows since the current state began */
	p->evidence = pw_calloc(s->ctx, max_ev, sizeof(*p->evidence));
	if (!p->evidence)
		return PW_ENOMEM;
	for (i = f->ev_last; !rc && i > f->ev_first && p->nevidence < max_ev; i--) {
		pw_stored_event *e = NULL;
		rc = tr_load_event(s, pp->res, rows[i - 1].doc, rows[i - 1].id, &e);
		if (e)
			p->evidence[p->nevidence++] = e;
	}
	return rc;
}

/* One past the last row of the pair and domain that starts at row i. */
static size_t pair_end(const struct lite_set *ls, size_t i)
{
	const struct lite *r = ls->rows;
	size_t j;

	for (j = i + 1; j < ls->n && r[j].pa == r[i].pa && r[j].pb == r[i].pb &&
			r[j].domain == r[i].domain;
	     j++)
		;
	/* interned pointers may differ for equal strings: compare text */
	while (j < ls->n && !strcmp(r[j].pa, r[i].pa) && !strcmp(r[j].pb, r[i].pb) &&
	       !strcmp(r[j].domain, r[i].domain))
		j++;
	return j;
}

/* Called with each pair and domain a query keeps, folded. */
typedef int (*pair_fn)(void *ud, const struct lite *rows, const struct fold *f);

/* Fold every pair and domain involving country (NULL: all) from the rows
 * dated up to until, within one read snapshot, and hand to fn those the
 * query's domain and country2 keep. Strings live in res. */
static int fold_pairs(pw_store *s, struct tr_res *res, const pw_query *q, const char *country,
		      const char *until, pair_fn fn, void *ud)
{
	struct lite_set ls;
	size_t i, j;
	int rc, snap;

	memset(&ls, 0, sizeof(ls));
	ls.s = s;
	ls.res = res;
	if ((rc = tr_rules(s, &ls.rules)))
		return rc;
	snap = pw_store_read_begin(s);
	rc = load_lite(&ls, country, until);
	for (i = 0; !rc && i < ls.n; i = j) {
		const struct lite *r = &ls.rows[i];
		struct fold f;
		j = pair_end(&ls, i);
		if (q->domain && strcmp(q->domain, r->domain))
			continue;
		if (q->country2 && strcmp(r->pa, q->country2) && strcmp(r->pb, q->country2))
			continue;
		rc = fold_rows(s->ctx, &f, ls.rows, i, j);
		if (!rc)
			rc = fn(ud, ls.rows, &f);
		fold_free(s->ctx, &f);
	}
	pw_store_read_end(s, snap);
	pw_free(s->ctx, ls.rows);
	return rc == PW_ENOMEM ? pw_error_set(s->ctx, rc, "out of memory") : rc;
}

struct partners_run {
	pw_store *s;
	struct plist_priv *pp;
	const pw_query *q;
	const char *country;
	size_t max_ev;
};

static int add_partnership(void *ud, const struct lite *rows, const struct fold *f)
{
	struct partners_run *run = ud;

	if (run->q->since && strcmp(f->last, run->q->since) < 0)
		return 0;
	return build_partnership(run->s, run->pp, rows, f, run->country, run->max_ev);
}

static int partnerships(pw_partnership_list **out, pw_store *s, const pw_query *q,
			const char *country)
{
	struct partners_run run = {s, NULL, q, country, DEFAULT_EVIDENCE};
	struct plist_priv *pp;
	pw_partnership_list *l;
	void *lv, *pv;
	int rc;

	*out = NULL;
	if (q->max_evidence)
		run.max_ev = q->max_evidence;
	if ((rc = tr_list_new(s, sizeof(*l), sizeof(*pp), &lv, &pv)))
		return rc;
	l = lv;
	pp = pv;
	l->priv_ = pp;
	run.pp = pp;
	rc = fold_pairs(s, pp->res, q, country, q->as_of, add_partnership, &run);
	l->items = pp->items;
	l->n = pp->n;
	if (pp->n > 1)
		qsort(l->items, l->n, sizeof(*l->items), part_cmp);
	snprintf(l->as_of, sizeof(l->as_of), "%s", q->as_of ? q->as_of : "");
	if (rc) {
		pw_partnership_list_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

int pw_tracker_partners(pw_partnership_list **out, pw_store *s, const pw_query *q)
{
	if (!q->country || !*q->country)
		return pw_error_set(s->ctx, PW_EINVAL, "partners: a country (ISO3) is required");
	return partnerships(out, s, q, q->country);
}

int pw_tracker_network(pw_partnership_list **out, pw_store *s, const pw_query *q)
{
	return partnerships(out, s, q, q->country);
}

/* ---- changes -------------------------------------------------------------- */

struct clist_priv {
	struct tr_res *res;
};

static int change_cmp(const void *a, const void *b)
{
	const pw_change *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (!c)
		c = strcmp(x->a, y->a);
	if (!c)
		c = strcmp(x->b, y->b);
	if (!c)
		c = strcmp(x->domain, y->domain);
	return c;
}

void pw_change_list_free(pw_change_list *l)
{
	struct clist_priv *cp;
	pw_context *ctx;

	if (!l)
		return;
	cp = l->priv_;
	ctx = cp->res->ctx;
	pw_free(ctx, l->items);
	tr_res_free(cp->res);
	pw_free(ctx, cp);
	pw_free(ctx, l);
}

struct changes_run {
	pw_store *s;
	struct clist_priv *cp;
	pw_change_list *l;
	const pw_query *q;
	size_t cap;
};

/* Every step of a fold since the query's date becomes a change. */
static int add_changes(void *ud, const struct lite *rows, const struct fold *f)
{
	struct changes_run *run = ud;
	pw_change_list *l = run->l;
	size_t k;
	int rc = 0;

	for (k = 0; !rc && k < f->nsteps; k++) {
		const struct lite *r = &rows[f->steps[k]];
		pw_change *c;
		pw_stored_event *e = NULL;
		if (run->q->since && strcmp(r->date, run->q->since) < 0)
			continue;
		if (l->n == run->cap) {
			size_t nc = run->cap ? run->cap * 2 : 16;
			pw_change *n = pw_realloc(run->s->ctx, l->items, nc * sizeof(*n));
			if (!n)
				return PW_ENOMEM;
			l->items = n;
			run->cap = nc;
		}
		c = &l->items[l->n++];
		memset(c, 0, sizeof(*c));
		snprintf(c->a, sizeof(c->a), "%s", r->pa);
		snprintf(c->b, sizeof(c->b), "%s", r->pb);
		c->domain = r->domain;
		c->from = tr_state_name(f->step_from[k]);
		c->to = tr_state_name(f->step_to[k]);
		memcpy(c->date, r->date, sizeof(c->date));
		rc = tr_load_event(run->s, run->cp->res, r->doc, r->id, &e);
		c->evidence = e;
	}
	return rc;
}

int pw_tracker_changes(pw_change_list **out, pw_store *s, const pw_query *q)
{
	struct changes_run run = {s, NULL, NULL, q, 0};
	struct clist_priv *cp;
	pw_change_list *l;
	void *lv, *pv;
	int rc;

	*out = NULL;
	if ((rc = tr_list_new(s, sizeof(*l), sizeof(*cp), &lv, &pv)))
		return rc;
	l = lv;
	cp = pv;
	l->priv_ = cp;
	run.cp = cp;
	run.l = l;
	rc = fold_pairs(s, cp->res, q, q->country, q->until, add_changes, &run);
	if (l->n > 1)
		qsort(l->items, l->n, sizeof(*l->items), change_cmp);
	if (!rc && q->limit && l->n > q->limit) {
		/* keep the most recent */
		memmove(l->items, l->items + (l->n - q->limit), q->limit * sizeof(*l->items));
		l->n = q->limit;
	}
	if (rc) {
		pw_change_list_free(l);
		return rc;
	}
	*out = l;
	return 0;
}
