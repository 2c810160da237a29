/*
 * Matching one sentence: longest dictionary phrase from each token (see
 * automaton.c), then the combinations news writing needs:
 *   country + agent        "Russian instructors", "Niger's defence minister",
 *                          "the Malian junta"                 -> RUSMIL, NERGOV, MLIGOV
 *   agent + adjective      "l'armée malienne", "le ministre malien de la
 *   (+ rest of the agent)   Défense" (the agent phrase resumes after the
 *                          adjective)                          -> MLIMIL
 *   agent + of/de + country "the defence minister of Niger",
 *                          "les forces armées du Burkina Faso" -> NERMIL, BFAMIL
 *   agent + in/en + name   "security forces in Guinea"        -> GINCOP
 * then references (refs.c) and dated roles (roles.c).
 */
#include "actors.h"
#include <stdio.h>

int pw_mentions_push(pw_mentions *out, pw_context *ctx, pw_mention **m)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		pw_mention *v = pw_realloc(ctx, out->v, cap * sizeof(*v));

		if (!v)
			return pw_error_set(ctx, PW_ENOMEM, "out of memory (actor mentions)");
		out->v = v;
		out->cap = cap;
	}
	*m = &out->v[out->n++];
	memset(*m, 0, sizeof(**m));
	(*m)->ref_sentence = -1;
	return 0;
}

typedef struct raw {
	uint32_t s, e;     /* [s, e) in significant-token indices */
	int32_t entry;
	uint32_t node;     /* trie node at the end (to resume agent phrases) */
} raw;

typedef struct sentctx {
	const pw_actordict *d;
	const pw_tokens *toks;
	const uint32_t *ids;   /* token id per significant token */
	const uint32_t *map;   /* significant token -> index in toks */
	uint32_t m;            /* number of significant tokens */
} sentctx;

static int case_ok(const sentctx *c, uint8_t mode, uint32_t s, uint32_t e)
{
	uint32_t i;

	if (mode == PW_CASE_ANY)
		return 1;
	if (mode == PW_CASE_CAP)
		return (c->toks->v[c->map[s]].flags & (PW_TOK_UPPER | PW_TOK_NUM)) != 0;
	for (i = s; i < e; i++) {
		uint16_t f = c->toks->v[c->map[i]].flags;

		if ((f & PW_TOK_WORD) && !(f & (PW_TOK_ALLCAPS | PW_TOK_ACRONYM)))
			return 0;
	}
	return 1;
}

/* Longest phrase starting at significant token i, resuming from node (0 =
 * root). Fills *r and returns 1 if found. */
static int longest(const sentctx *c, uint32_t i, uint32_t node, uint32_t case_from, raw *r)
{
	const pw_actordict *d = c->d;
	uint32_t j;
	int found = 0;

	for (j = i; j < c->m; j++) {
		node = pw_trie_next(d, node, c->ids[j]);
		if (!node)
			break;
		if (d->node_entry[node] >= 0 && case_ok(c, d->node_case[node], case_from, j + 1)) {
			r->e = j + 1;
			r->entry = d->node_entry[node];
			r->node = node;
			found = 1;
		}
	}
	return found;
}

static const pw_role *role_of(const pw_actordict *d, int32_t entry, const char *date, pw_role *tmp)
{
	const pw_entry *e = &d->entries[entry];

	if (e->role0 < 0)
		return NULL;
	return pw_entry_role(d, e, date, tmp);
}

/* A country as such: "Mali", "malien", "Moscow" (not a person, an agent, an IGO). */
static const pw_role *country_role(const pw_actordict *d, const raw *r, const char *date, pw_role *tmp)
{
	const pw_entry *e = &d->entries[r->entry];
	const pw_role *ro;

	if (e->kind != PW_ENTRY_NAME && e->kind != PW_ENTRY_ADJ && e->kind != PW_ENTRY_METONYM)
		return NULL;
	ro = role_of(d, r->entry, date, tmp);
	/* a code of exactly three characters (tested without strlen/strcmp
	 * calls: this runs for most matches of every sentence) */
	if (!ro || !ro->country[0] || ro->sector[0] || !ro->code[1] || !ro->code[2] || ro->code[3])
		return NULL;
	if (!memcmp(ro->country, "IGO", 4) || !memcmp(ro->country, "IMG", 4) ||
	    !memcmp(ro->country, "NGO", 4))
		return NULL;
	return ro;
}

/* An agent, or a reference that can take a country ("junta" -> ~GOV). */
static const char *agent_sector(const pw_actordict *d, const raw *r)
{
	const pw_entry *e = &d->entries[r->entry];

	if (e->kind != PW_ENTRY_AGENT && e->kind != PW_ENTRY_REF)
		return NULL;
	if (e->role0 < 0 || !d->roles[e->role0].sector[0])
		return NULL;
	return d->roles[e->role0].sector;
}

static int fill(pw_mention *mt, const sentctx *c, uint32_t s, uint32_t e, int32_t entry)
{
	const pw_token *a = &c->toks->v[c->map[s]], *b = &c->toks->v[c->map[e - 1]];

	mt->tok_start = c->map[s];
	mt->tok_end = c->map[e - 1] + 1;
	mt->start = a->start;
	mt->end = b->end;
	mt->entry = c->d->entries[entry].where;
	return 0;
}

/* Copy a short NUL-terminated string into dst[cap] (truncating); the
 * fields are a few bytes, a loop beats strlen + memcpy calls. */
static size_t copy_short(char *dst, const char *src, size_t cap)
{
	size_t i;

	for (i = 0; i + 1 < cap && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return i;
}

static void set_code(pw_mention *mt, const char *country, const char *sector)
{
	size_t n;

	if (!sector)
		sector = "";
	n = copy_short(mt->code, country, sizeof(mt->code));
	copy_short(mt->code + n, sector, sizeof(mt->code) - n);
	copy_short(mt->country, country, sizeof(mt->country));
	copy_short(mt->sector, sector, sizeof(mt->sector));
}

static int is_phoenix_agent(const pw_actordict *d, int32_t entry)
{
	const pw_entry *e = &d->entries[entry];

	return e->kind == PW_ENTRY_AGENT && !strcmp(d->files[e->file].format, "phoenix-agents");
}

int pw_actors_match_sentence(pw_mentions *out, pw_context *ctx, const pw_doc *doc, size_t sent,
			     const pw_tokens *toks, pw_arena *a, pw_refstate *rs)
{
	const pw_actordict *d;
	uint32_t *ids, *map, m = 0, i;
	raw *rv;
	size_t nr = 0, r, from = out->n;
	sentctx c;
	const char *date = doc->date;
	int rc;

	if ((rc = pw_actors_load(ctx)))
		return rc;
	d = ctx->actors;
	if (!toks->n) {
		pw_refs_push_sentence(rs, out, from, (int32_t)sent, doc->text);
		return 0;
	}
	/* one block per sentence for the matches, the ids and the map */
	rv = pw_arena_alloc(a, toks->n * (sizeof(*rv) + sizeof(*ids) + sizeof(*map)));
	if (!rv)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory (actor matching)");
	ids = (uint32_t *)(rv + toks->n);
	map = ids + toks->n;
	for (i = 0; i < toks->n; i++) {
		const pw_token *t = &toks->v[i];

		if (t->fold_len == 1 && t->fold[0] == '-')
			continue; /* hyphens are transparent, as in the dictionaries */
		ids[m] = pw_intern_find_h(d, t->fold, t->fold_len, t->h);
		map[m++] = i;
	}
	c.d = d;
	c.toks = toks;
	c.ids = ids;
	c.map = map;
	c.m = m;
	for (i = 0; i < m;) {
		raw x;

		x.s = i;
		if (ids[i] < d->root_cap && d->root_child[ids[i]] && longest(&c, i, 0, i, &x)) {
			rv[nr++] = x;
			i = x.e;
		} else {
			i++;
		}
	}
	for (r = 0; r < nr; r++) {
		raw *x = &rv[r], *y = r + 1 < nr ? &rv[r + 1] : NULL;
		const pw_entry *e = &d->entries[x->entry];
		pw_role tmp, tmp2;
		const pw_role *cr = country_role(d, x, date, &tmp);
		const char *sec = agent_sector(d, x);
		pw_mention mt, *p;

		memset(&mt, 0, sizeof(mt));
		mt.ref_sentence = -1;
		/* country + agent: "Russian instructors", "Niger's army" */
		if (cr && y && y->s == x->e && agent_sector(d, y)) {
			fill(&mt, &c, x->s, y->e, y->entry);
			set_code(&mt, cr->country, agent_sector(d, y));
			mt.kind = PW_MENTION_AGENT;
			r++;
			goto push;
		}
		if (sec) {
			const pw_role *ar;

			/* agent + adjective (+ rest of the agent): "le ministre malien de la Défense" */
			if (y && y->s == x->e && (ar = country_role(d, y, date, &tmp2)) &&
			    d->entries[y->entry].kind == PW_ENTRY_ADJ) {
				raw z;
				uint32_t end = y->e;
				int32_t ent = x->entry;

				z.s = y->e;
				if (longest(&c, y->e, x->node, x->s, &z) &&
				    d->entries[z.entry].kind == PW_ENTRY_AGENT) {
					end = z.e;
					ent = z.entry;
					sec = agent_sector(d, &z);
				}
				fill(&mt, &c, x->s, end, ent);
				set_code(&mt, ar->country, sec);
				mt.kind = PW_MENTION_AGENT;
				r++;
				while (r + 1 < nr && rv[r + 1].s < end)
					r++;
				goto push;
			}
			/* agent of/de + country: "the defence minister of Niger" */
			{
				uint32_t k = x->e;

				if (k < m && (ids[k] == d->id_of || ids[k] == d->id_de || ids[k] == d->id_du ||
					      ids[k] == d->id_des || ids[k] == d->id_d)) {
					k++;
					if (k < m && (ids[k] == d->id_la || ids[k] == d->id_l || ids[k] == d->id_the))
						k++;
					if (y && y->s == k && (ar = country_role(d, y, date, &tmp2)) &&
					    d->entries[y->entry].kind != PW_ENTRY_ADJ) {
						fill(&mt, &c, x->s, y->e, x->entry);
						set_code(&mt, ar->country, sec);
						mt.kind = PW_MENTION_AGENT;
						r++;
						goto push;
					}
				}
			}
			/* agent in + country: "security forces in Guinea", "rebels in
			 * the Ivory Coast" are that country's (a city is only a place) */
			{
				uint32_t k = x->e;

				if (k + 1 < m && (ids[k] == d->id_in || ids[k] == d->id_en)) {
					k++;
					if (ids[k] == d->id_the && k + 1 < m)
						k++;
					if (y && y->s == k && (ar = country_role(d, y, date, &tmp2)) &&
					    d->entries[y->entry].kind == PW_ENTRY_NAME) {
						fill(&mt, &c, x->s, y->e, x->entry);
						set_code(&mt, ar->country, sec);
						mt.kind = PW_MENTION_AGENT;
						r++;
						goto push;
					}
				}
			}
		}
		if (e->kind == PW_ENTRY_REF) {
			if (e->ref == PW_REF_PRONOUN && map[x->s] != 0)
				continue; /* only "It ..." / "Il ..." opening the sentence */
			fill(&mt, &c, x->s, x->e, x->entry);
			mt.is_plural = e->ref == PW_REF_COUNT;
			if ((rc = pw_refs_resolve(out, ctx, e, &mt, out, from, rs, a, (int32_t)sent,
						  doc->text)))
				return rc;
			continue;
		}
		if (e->kind == PW_ENTRY_AGENT) {
			if (is_phoenix_agent(d, x->entry))
				continue; /* Phoenix's 2,000 common nouns only count next to a country */
			fill(&mt, &c, x->s, x->e, x->entry);
			set_code(&mt, "", sec ? sec : "");
			mt.kind = PW_MENTION_AGENT;
			goto push;
		}
		{
			const pw_role *ro = role_of(d, x->entry, date, &tmp);

			if (!ro)
				continue;
			fill(&mt, &c, x->s, x->e, x->entry);
			copy_short(mt.code, ro->code, sizeof(mt.code));
			copy_short(mt.country, ro->country, sizeof(mt.country));
			copy_short(mt.sector, ro->sector, sizeof(mt.sector));
			mt.kind = e->kind;
		}
push:
		if ((rc = pw_mentions_push(out, ctx, &p)))
			return rc;
		*p = mt;
	}
	pw_refs_push_sentence(rs, out, from, (int32_t)sent, doc->text);
	return 0;
}
