/*
 * References: news names the parties once, then says "the two countries",
 * "both nations", "les deux pays", "the junta", "the West African nation",
 * or starts the next sentence with "It"/"Il". Each is resolved to actors of
 * the same or the previous sentence, and the antecedent is recorded in
 * resolved_from/ref_sentence so --explain can show why.
 *
 * Deliberately shallow: a window of two sentences, no syntax. Beyond it a
 * wrong antecedent costs more (a false partnership) than a missed one.
 */
#include "actors.h"
#include <stdio.h>

#define REF_MAX 32

struct pw_refstate {
	pw_context *ctx;
	pw_refitem prev[REF_MAX];   /* the previous sentence's actors, in text order */
	size_t nprev;
};

int pw_refstate_new(pw_refstate **out, pw_context *ctx)
{
	/* not zeroed: one per document, and only prev[0, nprev) is read */
	pw_refstate *rs = pw_malloc(ctx, sizeof(*rs));

	*out = rs;
	if (!rs)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory (reference state)");
	rs->ctx = ctx;
	rs->nprev = 0;
	return 0;
}

void pw_refstate_free(pw_refstate *rs)
{
	if (rs)
		pw_free(rs->ctx, rs);
}

void pw_refstate_reset(pw_refstate *rs)
{
	if (rs)
		rs->nprev = 0;
}

static int is_state(const char *c)
{
	return strlen(c) == 3 && strcmp(c, "IGO") && strcmp(c, "IMG") && strcmp(c, "NGO") &&
	       strcmp(c, "MNC");
}

static void item_from(pw_refitem *it, const pw_mention *m, int32_t sent, const char *text)
{
	size_t n = m->end - m->start;

	/* every field is set below (no memset: this runs for every actor of
	 * every sentence) */
	memcpy(it->code, m->code, sizeof(it->code));
	memcpy(it->country, m->country, sizeof(it->country));
	memcpy(it->sector, m->sector, sizeof(it->sector));
	if (m->kind == PW_MENTION_REF && m->resolved_from) {
		snprintf(it->text, sizeof(it->text), "%s", m->resolved_from);
	} else {
		if (n >= sizeof(it->text))
			n = sizeof(it->text) - 1;
		/* do not cut a UTF-8 sequence */
		while (n && ((unsigned char)text[m->start + n] & 0xC0) == 0x80)
			n--;
		memcpy(it->text, text + m->start, n);
		it->text[n] = '\0';
	}
	it->sentence = m->kind == PW_MENTION_REF ? m->ref_sentence : sent;
	it->is_ref = m->kind == PW_MENTION_REF;
	it->start = m->start;
	it->end = m->end;
}

/* Only list punctuation, "and"/"et", "or"/"ou" and articles between two
 * mentions: "Mali, Burkina Faso, and Niger", "du Mali, du Burkina et du
 * Niger". */
static int list_gap(const char *text, uint32_t from, uint32_t to)
{
	static const char *const fill[] = {"and", "et", "or", "ou", "the", "la", "le", "les", "du", "de", "des",
					   "d'", "l'", NULL};
	uint32_t i = from;

	if (to < from || to - from > 24)
		return 0;
	while (i < to) {
		uint32_t j = i;
		size_t k;
		int ok = 0;

		if (text[i] == ' ' || text[i] == ',') {
			i++;
			continue;
		}
		while (j < to && text[j] != ' ' && text[j] != ',' && text[j] != '\'')
			j++;
		if (j < to && text[j] == '\'')
			j++;
		for (k = 0; fill[k]; k++)
			if (strlen(fill[k]) == j - i && !strncasecmp(text + i, fill[k], j - i))
				ok = 1;
		if (!ok)
			return 0;
		i = j;
	}
	return 1;
}

/* Are candidates a (later) and b (earlier) neighbours in one list? The
 * states of one earlier reference ("the three Sahel nations") are one list
 * too: they share its span. */
static int listed_together(const pw_refitem *a, const pw_refitem *b, const char *text)
{
	if (a->is_ref || b->is_ref)
		return a->is_ref && b->is_ref && a->sentence == b->sentence && a->start == b->start &&
		       a->end == b->end;
	return !a->is_ref && !b->is_ref && a->sentence == b->sentence && b->end <= a->start &&
	       list_gap(text, b->end, a->start);
}

/* "The ministers of Mali, Burkina Faso and Niger arrived in Moscow ... the
 * three nations": the most recent list of exactly n distinct states is the
 * antecedent, not the n most recent states (which would take Moscow in and
 * leave Mali out). cand is most recent first. Returns the list's length. */
static size_t find_list(const pw_refitem *cand, size_t nc, size_t n, const char *text, size_t *first)
{
	size_t i, k, j;

	for (i = 0; i + n <= nc; i++) {
		if (i > 0 && listed_together(&cand[i - 1], &cand[i], text))
			continue; /* not the list's last member */
		for (k = i; k + 1 < nc && listed_together(&cand[k], &cand[k + 1], text); k++)
			;
		if (k - i + 1 != n)
			continue;
		for (j = i; j <= k && is_state(cand[j].country); j++)
			;
		if (j <= k)
			continue;
		for (j = i; j < k; j++)
			if (!strcmp(cand[j].country, cand[j + 1].country))
				break;
		if (j < k)
			continue;
		*first = i;
		return n;
	}
	return 0;
}

void pw_refs_push_sentence(pw_refstate *rs, const pw_mentions *cur, size_t from, int32_t sent,
			   const char *text)
{
	size_t i, k = 0;

	if (!rs)
		return;
	for (i = from; i < cur->n && k < REF_MAX; i++) {
		const pw_mention *m = &cur->v[i];

		if (!m->country[0])
			continue;
		item_from(&rs->prev[k++], m, sent, text);
	}
	/* a sentence without actors keeps the older antecedents in reach:
	 * "Mali and Russia signed. The deal is large. The two countries ..." */
	if (k)
		rs->nprev = k;
}

static int emit(pw_mentions *out, pw_context *ctx, const pw_mention *m, const pw_refitem *it,
		const char *sector, pw_arena *a)
{
	pw_mention *r;
	char buf[128];
	int rc = pw_mentions_push(out, ctx, &r);

	if (rc)
		return rc;
	*r = *m;
	r->kind = PW_MENTION_REF;
	memcpy(r->country, it->country, sizeof(r->country));
	if (sector && sector[0] && is_state(it->country)) {
		snprintf(r->code, sizeof(r->code), "%s%s", it->country, sector);
		snprintf(r->sector, sizeof(r->sector), "%s", sector);
	} else {
		memcpy(r->code, it->code, sizeof(r->code));
		memcpy(r->sector, it->sector, sizeof(r->sector));
	}
	r->ref_sentence = (int16_t)PW_MIN(it->sentence, INT16_MAX);
	snprintf(buf, sizeof(buf), "%s", it->text);
	r->resolved_from = pw_arena_strndup(a, buf, strlen(buf));
	if (!r->resolved_from)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory (references)");
	return 0;
}

static int in_list(const char *const *l, const char *c)
{
	for (; l && *l; l++)
		if (!strcmp(*l, c))
			return 1;
	return 0;
}

int pw_refs_resolve(pw_mentions *out, pw_context *ctx, const pw_entry *e, const pw_mention *m,
		    const pw_mentions *cur, size_t cur_from, pw_refstate *rs, pw_arena *a,
		    int32_t sent, const char *doctext)
{
	pw_refitem cand[2 * REF_MAX], *chosen[9];
	size_t nc = 0, nch = 0, i;
	const pw_actordict *d = ctx->actors;
	const char *sector = e->role0 >= 0 ? d->roles[e->role0].sector : "";

	if (!rs)
		return 0;
	/* candidates, most recent first: this sentence before m, then the previous one */
	for (i = cur->n; i > cur_from && nc < REF_MAX; i--) {
		const pw_mention *x = &cur->v[i - 1];

		if (x->end > m->start || !x->country[0])
			continue;
		item_from(&cand[nc++], x, sent, doctext);
	}
	if (e->ref == PW_REF_PRONOUN) {
		if (!rs->nprev)
			return 0;
		return emit(out, ctx, m, &rs->prev[0], "", a);
	}
	for (i = rs->nprev; i > 0 && nc < PW_ARRAY_LEN(cand); i--)
		cand[nc++] = rs->prev[i - 1];
	if (e->ref == PW_REF_COUNT) {
		size_t want = e->ref_count, first = 0;

		if (want <= PW_ARRAY_LEN(chosen) && find_list(cand, nc, want, doctext, &first))
			for (i = first; i < first + want; i++)
				chosen[nch++] = &cand[i];
		for (i = 0; i < nc && nch < want && nch < PW_ARRAY_LEN(chosen); i++) {
			size_t j;
			int dup = 0;

			if (!is_state(cand[i].country))
				continue;
			for (j = 0; j < nch; j++)
				if (!strcmp(chosen[j]->country, cand[i].country))
					dup = 1;
			if (!dup)
				chosen[nch++] = &cand[i];
		}
		if (nch < want)
			return 0; /* "the two countries" with one in sight: leave it unresolved */
		/* text order: the earliest antecedent first */
		for (i = nch; i > 0; i--) {
			int rc;
			pw_refitem it = *chosen[i - 1];

			it.code[3] = '\0'; /* the states, not their agents */
			it.sector[0] = '\0';
			if ((rc = emit(out, ctx, m, &it, sector, a)))
				return rc;
		}
		return 0;
	}
	if (e->ref == PW_REF_WITHIN) {
		for (i = 0; i < nc; i++)
			if (is_state(cand[i].country) && (!e->within || in_list(e->within, cand[i].country)))
				return emit(out, ctx, m, &cand[i], sector, a);
	}
	return 0;
}
