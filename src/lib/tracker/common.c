/*
 * Tracker plumbing: rules from data/tracker, result arenas, loading event
 * rows, filters, and the JSON of one event.
 */
#include "tracker/tracker_internal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

const char *tr_state_name(enum tr_state s)
{
	static const char *const names[] = {"none", "discussed", "agreed", "active", "ended"};

	return names[s];
}

int tr_modality_counts(const char *m)
{
	return m && (!strcmp(m, "asserted") || !strcmp(m, "historical") || !strcmp(m, "future"));
}

/* ---- rules ---------------------------------------------------------------- */

static void rules_free(pw_context *ctx, struct pw_tracker_rules *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nstates; i++)
		pw_free(ctx, r->states[i].security);
	for (i = 0; i < r->ndomains; i++) {
		pw_free(ctx, r->domains[i].value);
		pw_free(ctx, r->domains[i].domain);
	}
	pw_free(ctx, r->states);
	pw_free(ctx, r->domains);
	pw_free(ctx, r->default_domain);
	pw_free(ctx, r);
}

/* Split a TSV line in place into at most max fields; returns the count. */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;
	char *p = line, *e = line + strlen(line);

	while (e > line && (e[-1] == '\n' || e[-1] == '\r'))
		*--e = 0;
	while (n < max) {
		f[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = 0;
	}
	return p ? max + 1 : n;
}

/* Handed each line of a rules file split into n fields (n > max: too
 * many), then once more with f NULL at the end of the file. */
typedef int (*rules_line_fn)(pw_store *s, struct pw_tracker_rules *r, char **f, int n,
			     const char *path, unsigned no);

/* Read data/<rel> line by line into r, skipping comments and blank lines. */
static int read_rules(pw_store *s, struct pw_tracker_rules *r, const char *rel, int max,
		      rules_line_fn fn)
{
	char *path = pw_data_path(s->ctx, rel);
	char line[512], *f[4];
	unsigned no = 0;
	int rc = 0;
	FILE *fp;

	if (!path)
		return PW_ENOMEM;
	if (!(fp = fopen(path, "r"))) {
		rc = pw_error_set(s->ctx, PW_EDICT, "%s: %s", path, strerror(errno));
		pw_free(s->ctx, path);
		return rc;
	}
	while (!rc && fgets(line, sizeof(line), fp)) {
		no++;
		if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
			continue;
		rc = fn(s, r, f, split_tabs(line, f, max), path, no);
	}
	if (!rc)
		rc = fn(s, r, NULL, 0, path, no);
	fclose(fp);
	pw_free(s->ctx, path);
	return rc;
}

static int state_line(pw_store *s, struct pw_tracker_rules *r, char **f, int n,
		      const char *path, unsigned no)
{
	enum tr_state st = TR_NONE;
	void *nn;
	int i;

	if (!f)
		return 0;
	if (n != 2)
		return pw_error_set(s->ctx, PW_EDICT, "%s:%u: expected SUBTYPE<TAB>STATE", path, no);
	for (i = TR_DISCUSSED; i <= TR_ENDED; i++)
		if (!strcmp(f[1], tr_state_name((enum tr_state)i)))
			st = (enum tr_state)i;
	if (st == TR_NONE || !*f[0])
		return pw_error_set(s->ctx, PW_EDICT, "%s:%u: unknown state '%s' (discussed, "
				    "agreed, active, ended)", path, no, f[1]);
	nn = pw_realloc(s->ctx, r->states, (r->nstates + 1) * sizeof(*r->states));
	if (!nn)
		return PW_ENOMEM;
	r->states = nn;
	r->states[r->nstates].state = st;
	if (!(r->states[r->nstates].security = pw_strdup(s->ctx, f[0])))
		return PW_ENOMEM;
	r->nstates++;
	return 0;
}

static int domain_line(pw_store *s, struct pw_tracker_rules *r, char **f, int n,
		       const char *path, unsigned no)
{
	void *nn;

	if (!f)
		return r->default_domain ? 0 : pw_error_set(s->ctx, PW_EDICT, "%s: no "
				"'default<TAB>DOMAIN' line", path);
	if (n == 2 && !strcmp(f[0], "default") && *f[1]) {
		pw_free(s->ctx, r->default_domain);
		return (r->default_domain = pw_strdup(s->ctx, f[1])) ? 0 : PW_ENOMEM;
	}
	if (n != 3 || (strcmp(f[0], "security") && strcmp(f[0], "context")) || !*f[1] || !*f[2])
		return pw_error_set(s->ctx, PW_EDICT, "%s:%u: expected security|context<TAB>VALUE"
				    "<TAB>DOMAIN or default<TAB>DOMAIN", path, no);
	nn = pw_realloc(s->ctx, r->domains, (r->ndomains + 1) * sizeof(*r->domains));
	if (!nn)
		return PW_ENOMEM;
	r->domains = nn;
	r->domains[r->ndomains].is_security = !strcmp(f[0], "security");
	r->domains[r->ndomains].value = pw_strdup(s->ctx, f[1]);
	r->domains[r->ndomains].domain = pw_strdup(s->ctx, f[2]);
	r->ndomains++;
	if (!r->domains[r->ndomains - 1].value || !r->domains[r->ndomains - 1].domain)
		return PW_ENOMEM;
	return 0;
}

int tr_rules(pw_store *s, struct pw_tracker_rules **out)
{
	struct pw_tracker_rules *r;
	int rc;

	if (s->rules) {
		*out = s->rules;
		return 0;
	}
	r = pw_calloc(s->ctx, 1, sizeof(*r));
	if (!r)
		return pw_error_set(s->ctx, PW_ENOMEM, "out of memory");
	rc = read_rules(s, r, "tracker/states.tsv", 2, state_line);
	if (!rc)
		rc = read_rules(s, r, "tracker/domains.tsv", 3, domain_line);
	if (rc) {
		rules_free(s->ctx, r);
		return rc == PW_ENOMEM ? pw_error_set(s->ctx, rc, "out of memory") : rc;
	}
	s->rules = r;
	s->rules_free = rules_free;
	*out = r;
	return 0;
}

enum tr_state tr_rule_state(const struct pw_tracker_rules *r, const char *security)
{
	size_t i;

	if (!security)
		return TR_NONE;
	for (i = 0; i < r->nstates; i++)
		if (!strcmp(r->states[i].security, security))
			return r->states[i].state;
	return TR_NONE;
}

static int has_context(const char *list, const char *c)
{
	size_t l = strlen(c);

	while (list && *list) {
		const char *e = strchr(list, ';');
		size_t n = e ? (size_t)(e - list) : strlen(list);
		if (n == l && !strncmp(list, c, l))
			return 1;
		list = e ? e + 1 : NULL;
	}
	return 0;
}

const char *tr_rule_domain(const struct pw_tracker_rules *r, const char *security,
			   const char *contexts)
{
	size_t i;

	for (i = 0; i < r->ndomains; i++) {
		if (r->domains[i].is_security ? (security && !strcmp(security, r->domains[i].value))
					      : has_context(contexts, r->domains[i].value))
			return r->domains[i].domain;
	}
	return r->default_domain;
}

/* ---- results ---------------------------------------------------------------- */

struct tr_res *tr_res_new(pw_context *ctx)
{
	struct tr_res *r = pw_calloc(ctx, 1, sizeof(*r));

	if (!r)
		return NULL;
	r->ctx = ctx;
	pw_arena_init(&r->arena, ctx, 64 * 1024);
	return r;
}

void tr_res_free(struct tr_res *r)
{
	if (!r)
		return;
	pw_arena_free(&r->arena);
	pw_free(r->ctx, r->ev);
	pw_free(r->ctx, r);
}

char *tr_strdup(struct tr_res *r, const char *s)
{
	return s ? pw_arena_strndup(&r->arena, s, strlen(s)) : NULL;
}

int tr_list_new(pw_store *s, size_t lsize, size_t psize, void **list, void **priv)
{
	void *l = pw_calloc(s->ctx, 1, lsize), *p = pw_calloc(s->ctx, 1, psize);

	if (!l || !p || !(*(struct tr_res **)p = tr_res_new(s->ctx))) {
		pw_free(s->ctx, l);
		pw_free(s->ctx, p);
		return pw_error_set(s->ctx, PW_ENOMEM, "out of memory");
	}
	*list = l;
	*priv = p;
	return 0;
}

const char TR_EVENT_COLS[] =
	"e.doc, e.id, e.sentence, e.date, e.date_source, e.actor_code, e.actor_country, "
	"e.actor_sector, e.actor_text, e.actor_start, e.actor_end, e.recipient_code, "
	"e.recipient_country, e.recipient_sector, e.recipient_text, e.recipient_start, "
	"e.recipient_end, e.event, e.mode, e.context, e.security, e.modality, e.cameo, e.quad, "
	"e.score, e.trigger_text, e.text, e.pattern, d.title, d.source, d.url";

struct load_ctx {
	pw_store *s;
	struct tr_res *r;
	pw_stored_event *last;
	int oom;
};

static void fix(char *dst, size_t cap, const char *v)
{
	snprintf(dst, cap, "%s", v ? v : "");
}

static uint32_t num(const char *v)
{
	return v ? (uint32_t)strtoul(v, NULL, 10) : 0;
}

static int load_row(void *ud, int ncol, const char *const *v)
{
	struct load_ctx *lc = ud;
	struct tr_res *r = lc->r;
	pw_stored_event *se;
	pw_event *e;
	struct pw_tracker_rules *rules = lc->s->rules;

	if (ncol < 31)
		return 1;
	se = pw_arena_alloc(&r->arena, sizeof(*se));
	if (!se || (r->nev == r->cap && !(r->ev = pw_realloc(r->ctx, r->ev,
			(r->cap = r->cap ? r->cap * 2 : 64) * sizeof(*r->ev))))) {
		lc->oom = 1;
		return 1;
	}
	memset(se, 0, sizeof(*se));
	e = &se->ev;
	e->doc = tr_strdup(r, v[0]);
	fix(e->id, sizeof(e->id), v[1]);
	e->sentence = num(v[2]);
	fix(e->date, sizeof(e->date), v[3]);
	e->date_source = tr_strdup(r, v[4]);
	fix(e->actor.code, sizeof(e->actor.code), v[5]);
	fix(e->actor.country, sizeof(e->actor.country), v[6]);
	fix(e->actor.sector, sizeof(e->actor.sector), v[7]);
	e->actor.text = tr_strdup(r, v[8]);
	e->actor.start = num(v[9]);
	e->actor.end = num(v[10]);
	if (v[12]) {
		e->has_recipient = 1;
		fix(e->recipient.code, sizeof(e->recipient.code), v[11]);
		fix(e->recipient.country, sizeof(e->recipient.country), v[12]);
		fix(e->recipient.sector, sizeof(e->recipient.sector), v[13]);
		e->recipient.text = tr_strdup(r, v[14]);
		e->recipient.start = num(v[15]);
		e->recipient.end = num(v[16]);
	}
	e->event = tr_strdup(r, v[17]);
	e->mode = tr_strdup(r, v[18] ? v[18] : "");
	if (v[19] && *v[19]) {
		/* contexts come back ';'-joined: split into the event's array */
		char *c = tr_strdup(r, v[19]);
		size_t i = 0;
		while (c && i < PW_ARRAY_LEN(e->contexts)) {
			char *semi = strchr(c, ';');
			if (semi)
				*semi = 0;
			e->contexts[i++] = c;
			c = semi ? semi + 1 : NULL;
		}
	}
	e->security = tr_strdup(r, v[20]);
	e->modality = tr_strdup(r, v[21]);
	fix(e->cameo, sizeof(e->cameo), v[22]);
	e->quad = (int)num(v[23]);
	e->score = v[24] ? strtod(v[24], NULL) : 0;
	e->trigger = tr_strdup(r, v[25]);
	e->text = tr_strdup(r, v[26]);
	e->pattern = tr_strdup(r, v[27]);
	se->title = tr_strdup(r, v[28]);
	e->source = tr_strdup(r, v[29]);
	e->url = tr_strdup(r, v[30]);
	if (rules)
		se->domain = tr_rule_domain(rules, e->security, v[19]);
	r->ev[r->nev++] = se;
	lc->last = se;
	return 0;
}

int tr_load_events(pw_store *s, struct tr_res *r, const char *sql, int np,
		   const char *const *params)
{
	struct load_ctx lc = {s, r, NULL, 0};
	struct pw_tracker_rules *rules;
	int rc = tr_rules(s, &rules);

	if (rc)
		return rc;
	rc = s->ops->query(s, sql, np, params, load_row, &lc);
	if (!rc && lc.oom)
		rc = pw_error_set(s->ctx, PW_ENOMEM, "out of memory");
	return rc;
}

int tr_load_event(pw_store *s, struct tr_res *r, const char *doc, const char *id,
		  pw_stored_event **out)
{
	static const char sql[] = "SELECT e.doc, e.id, e.sentence, e.date, e.date_source, "
		"e.actor_code, e.actor_country, e.actor_sector, e.actor_text, e.actor_start, "
		"e.actor_end, e.recipient_code, e.recipient_country, e.recipient_sector, "
		"e.recipient_text, e.recipient_start, e.recipient_end, e.event, e.mode, e.context, "
		"e.security, e.modality, e.cameo, e.quad, e.score, e.trigger_text, e.text, e.pattern, "
		"d.title, d.source, d.url" TR_EVENT_FROM "WHERE e.doc = ? AND e.id = ?";
	const char *p[2] = {doc, id};
	size_t before = r->nev;
	int rc = tr_load_events(s, r, sql, 2, p);

	*out = !rc && r->nev > before ? r->ev[r->nev - 1] : NULL;
	return rc;
}

static int ev_cmp(const void *a, const void *b)
{
	const pw_stored_event *x = *(pw_stored_event *const *)a, *y = *(pw_stored_event *const *)b;
	int c = strcmp(x->ev.date, y->ev.date);

	if (!c)
		c = strcmp(x->ev.doc ? x->ev.doc : "", y->ev.doc ? y->ev.doc : "");
	if (!c)
		c = strcmp(x->ev.id, y->ev.id);
	return c;
}

void tr_sort_events(pw_stored_event **ev, size_t n)
{
	if (n > 1)
		qsort(ev, n, sizeof(*ev), ev_cmp);
}

long tr_days(const char *d)
{
	int y, m, day;
	long era, yoe, doy, doe;

	if (!d || sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3 || m < 1 || m > 12 || day < 1 ||
	    day > 31)
		return INT32_MIN;
	/* days from civil (proleptic Gregorian) */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* ---- JSON of one event ------------------------------------------------------ */

static void jstr(pw_buf *b, const char *key, const char *v)
{
	pw_buf_printf(b, "\"%s\":", key);
	if (v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

static void jactor(pw_buf *b, const char *key, const pw_event_actor *a)
{
	pw_buf_printf(b, "\"%s\":{", key);
	jstr(b, "code", a->code);
	pw_buf_putc(b, ',');
	jstr(b, "country", a->country);
	pw_buf_putc(b, ',');
	jstr(b, "sector", a->sector);
	pw_buf_putc(b, ',');
	jstr(b, "text", a->text ? a->text : "");
	pw_buf_printf(b, ",\"start\":%u,\"end\":%u}", a->start, a->end);
}

int tr_event_json(pw_buf *b, const pw_stored_event *se)
{
	const pw_event *e = &se->ev;
	size_t i;

	pw_buf_putc(b, '{');
	jstr(b, "id", e->id);
	pw_buf_putc(b, ',');
	jstr(b, "doc", e->doc);
	pw_buf_printf(b, ",\"sentence\":%u,", e->sentence);
	jstr(b, "date", e->date[0] ? e->date : NULL);
	pw_buf_putc(b, ',');
	jstr(b, "date_source", e->date_source);
	pw_buf_putc(b, ',');
	jactor(b, "actor", &e->actor);
	pw_buf_putc(b, ',');
	if (e->has_recipient)
		jactor(b, "recipient", &e->recipient);
	else
		pw_buf_puts(b, "\"recipient\":null");
	pw_buf_putc(b, ',');
	jstr(b, "event", e->event);
	pw_buf_putc(b, ',');
	jstr(b, "mode", e->mode ? e->mode : "");
	pw_buf_puts(b, ",\"context\":[");
	for (i = 0; i < PW_ARRAY_LEN(e->contexts) && e->contexts[i]; i++) {
		if (i)
			pw_buf_putc(b, ',');
		pw_buf_json_str(b, e->contexts[i], strlen(e->contexts[i]));
	}
	pw_buf_puts(b, "],");
	jstr(b, "security", e->security);
	pw_buf_putc(b, ',');
	jstr(b, "modality", e->modality);
	pw_buf_putc(b, ',');
	jstr(b, "cameo", e->cameo);
	pw_buf_printf(b, ",\"quad\":%d,\"score\":%.1f,", e->quad, e->score);
	jstr(b, "trigger", e->trigger);
	pw_buf_putc(b, ',');
	jstr(b, "text", e->text);
	pw_buf_putc(b, ',');
	jstr(b, "pattern", e->pattern);
	pw_buf_putc(b, ',');
	jstr(b, "title", se->title);
	pw_buf_putc(b, ',');
	jstr(b, "source", e->source);
	pw_buf_putc(b, ',');
	jstr(b, "url", e->url);
	if (se->domain) {
		pw_buf_putc(b, ',');
		jstr(b, "domain", se->domain);
	}
	if (se->incident) {
		pw_buf_putc(b, ',');
		jstr(b, "incident", se->incident);
	}
	pw_buf_putc(b, '}');
	return b->oom ? PW_ENOMEM : 0;
}

/* ---- filters ------------------------------------------------------------------ */

void tr_where(pw_buf *sql, const char **p, int *np, const pw_query *q, int counted_only)
{
	pw_buf_puts(sql, " WHERE 1=1");
	if (q->country && q->country2) {
		pw_buf_puts(sql, " AND ((e.actor_country = ? AND e.recipient_country = ?) OR "
				 "(e.actor_country = ? AND e.recipient_country = ?))");
		p[(*np)++] = q->country;
		p[(*np)++] = q->country2;
		p[(*np)++] = q->country2;
		p[(*np)++] = q->country;
	} else if (q->country) {
		pw_buf_puts(sql, " AND (e.actor_country = ? OR e.recipient_country = ?)");
		p[(*np)++] = q->country;
		p[(*np)++] = q->country;
	}
	if (q->since) {
		pw_buf_puts(sql, " AND e.date >= ?");
		p[(*np)++] = q->since;
	}
	if (q->until) {
		pw_buf_puts(sql, " AND e.date <= ?");
		p[(*np)++] = q->until;
	}
	if (q->security) {
		pw_buf_puts(sql, " AND e.security = ?");
		p[(*np)++] = q->security;
	}
	if (q->modality) {
		pw_buf_puts(sql, " AND e.modality = ?");
		p[(*np)++] = q->modality;
	} else if (counted_only && !q->all_modalities) {
		pw_buf_puts(sql, " AND e.modality IN ('asserted', 'historical', 'future')");
	}
	if (q->text) {
		pw_buf_puts(sql, " AND lower(e.text) LIKE lower(?)");
		p[(*np)++] = q->text;
	}
}
