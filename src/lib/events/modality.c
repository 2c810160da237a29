/*
 * Modality: did the act happen (asserted), is it announced (future),
 * speculated (hypothetical), denied (negated) or background (historical)?
 *
 * The cues are data (data/patterns/modality.txt) with a scope relative to
 * the trigger. The nearest cue before the trigger wins, because news stacks
 * them: in "denied reports that it had agreed to host", "denied" governs the
 * whole; in "will not deliver", "not" is nearer than "will" and negates.
 * Rows of a list or table under a speculative heading ("Potential
 * outcomes", "Recommendations") are hypothetical: such lists must never
 * produce asserted events. A year well before the document date ("in 2013")
 * marks background as historical.
 */
#include "events_internal.h"
#include <stdio.h>
#include <stdlib.h>

/* Does cue c occur at token i (words in sequence)? */
static int cue_at(const pw_cue *c, const pw_sent_view *sv, size_t i)
{
	uint8_t k;
	if (i + c->nwords > sv->n || sv->w[i].t->h != c->h0)
		return 0;
	for (k = 0; k < c->nwords; k++)
		if (strcmp(sv->w[i + k].t->fold, c->words[k]))
			return 0;
	return 1;
}

/* Does token t end in suffix x, with at least three letters before it? */
static int ends_with(const pw_token *t, const pw_suffix *x)
{
	/* fold_len saturates at 65535 (a hostile "word") */
	size_t n = t->fold_len < 65535 ? t->fold_len : strlen(t->fold);

	return n > x->len + 2 && !memcmp(t->fold + n - x->len, x->end, x->len);
}

/* An English perfect in the clause ("has trained", "have been"). */
static int has_perfect(const pw_sent_view *sv, uint32_t cs, uint32_t ce)
{
	uint32_t j;
	for (j = cs; j < ce; j++) {
		const char *f = sv->w[j].t->fold;
		if (!strcmp(f, "has") || !strcmp(f, "have") || !strcmp(f, "had"))
			return 1;
	}
	return 0;
}

/* A past participle: English "-ed", French "-é(e)(s)" (accents are gone
 * from the fold, so the original bytes are read). */
static int is_participle(const pw_sent_view *sv, uint32_t j)
{
	const pw_token *t = sv->w[j].t;
	const char *s = sv->text + t->start;
	size_t n = t->end - t->start;

	if (!(t->flags & PW_TOK_WORD) || n < 4)
		return 0;
	if (sv->lang == PW_LANG_FR) {
		/* -é, -ée, -és, -ées */
		if (s[n - 1] == 's')
			n--;
		if (s[n - 1] == 'e')
			n--;
		return (unsigned char)s[n - 2] == 0xc3 && (unsigned char)s[n - 1] == 0xa9;
	}
	return !strcmp(t->fold + t->fold_len - 2, "ed");
}

/* A year phrase right after another participle ("an agreement signed in
 * 2024, revised in 2019") dates that participle, not the trigger [ts, te). */
static int year_of_other_verb(const pw_sent_view *sv, uint32_t j, uint32_t ts, uint32_t te)
{
	uint32_t k = j;

	if (k > 0 && pw_date_month_word(sv->w[k - 1].t->fold))
		k--;
	if (k > 0 && (sv->w[k - 1].t->flags & PW_TOK_NUM))
		k--; /* "le 3 mars 2019" */
	if (k < 2)
		return 0;
	k--; /* the preposition: in, en, late, ... */
	return (k - 1 < ts || k - 1 >= te) && is_participle(sv, k - 1);
}

/* "in 2013", "en 2015", "in October 2011": a year two or more years before
 * the document, not attached to another participle. */
static int old_year(const pw_sent_view *sv, uint32_t cs, uint32_t ce, const pw_trigger *tr, int doc_year,
		    int *year)
{
	uint32_t j;
	if (!doc_year)
		return 0;
	for (j = cs + 1; j < ce; j++) {
		const char *f = sv->w[j].t->fold, *pf = sv->w[j - 1].t->fold;
		long y;
		char *end;
		if (!(sv->w[j].t->flags & PW_TOK_NUM) || sv->w[j].t->fold_len != 4)
			continue;
		y = strtol(f, &end, 10);
		if (*end || y < 1900 || y > 2100)
			continue;
		/* "in October 2011": the month stands between the preposition
		 * and the year */
		if (j >= cs + 2 && pw_date_month_word(pf))
			pf = sv->w[j - 2].t->fold;
		/* "in 2013", "late 2021", "fin 2021", "début 2023"; "since 2014"
		 * only without a perfect ("has trained ... since 2013" is an
		 * ongoing activity, asserted) */
		if (!strcmp(pf, "since") && !has_perfect(sv, cs, ce))
			;
		else if (strcmp(pf, "in") && strcmp(pf, "en") && strcmp(pf, "back") && strcmp(pf, "until") &&
			 strcmp(pf, "late") && strcmp(pf, "early") && strcmp(pf, "fin") && strcmp(pf, "debut") &&
			 strcmp(pf, "mid") && strcmp(pf, "mi"))
			continue;
		if (year_of_other_verb(sv, j, tr->tok_start, tr->tok_end))
			continue;
		if (y + 2 <= doc_year) {
			*year = (int)y;
			return 1;
		}
	}
	return 0;
}

/* Is position i inside the window where cue c counts for a trigger at
 * [ts, ...) in the clause [cs, ce)? */
static int in_scope(const pw_cue *c, size_t i, uint32_t cs, uint32_t ce, uint32_t ts)
{
	switch (c->scope) {
	case PW_SCOPE_NEAR:
		return i >= (ts > cs + 4 ? ts - 4 : cs) && i < ts;
	case PW_SCOPE_CLAUSE:
		return i >= cs && i < ts;
	case PW_SCOPE_SENT:
		return i < ts;
	default:
		return i >= cs && i < ce;
	}
}

int pw_modality_of(const char **why, pw_arena *a, const struct pw_patterns *p,
		   const pw_sent_view *sv, const pw_trigger *tr, int doc_year)
{
	uint32_t cs, ce, i, ts = tr->tok_start;
	const pw_cue *best = NULL;
	size_t best_pos = 0, c;
	int mod = PW_MOD_ASSERTED, year;
	char buf[256];
	const char *w = "no modality cue: asserted";

	/* the reason is text for --explain: made only when asked for */
	pw_clause_range(sv, ts, &cs, &ce);
	/* Each word's lexicon entry lists the cues it can start (in file
	 * order), so only those are tried, position by position. The nearest
	 * cue wins: a later position always replaces; at one position the
	 * first cue in file order stands unless a later one negates. */
	for (i = 0; i < ce; i++) {
		const pw_lexent *lx = sv->w[i].lx;
		/* a cue word inside an actor's name is part of the name
		 * ("Médecins sans frontières") */
		if (sv->w[i].mention >= 0)
			continue;
		for (c = 0; c < lx->ncue; c++) {
			const pw_cue *cue = &p->cues[lx->cue[c]];
			if (!in_scope(cue, i, cs, ce, ts) || !cue_at(cue, sv, i))
				continue;
			if (!best || i > best_pos || (i == best_pos && cue->modality == PW_MOD_NEGATED)) {
				best = cue;
				best_pos = i;
			}
		}
	}
	/* a sentence-wide denial or speculation governs what it introduces:
	 * "denied reports that it had agreed to host" is negated although
	 * "agreed to" is nearer; "rumours that X will send" hypothetical.
	 * The first such cue in file order wins, at its first position. */
	if (best && best->modality == PW_MOD_FUTURE) {
		const pw_cue *gov = NULL;
		size_t gov_pos = 0;
		for (i = 0; i < best_pos; i++) {
			const pw_lexent *lx = sv->w[i].lx;
			if (sv->w[i].mention >= 0)
				continue;
			for (c = 0; c < lx->ncue; c++) {
				const pw_cue *cue = &p->cues[lx->cue[c]];
				if (cue->scope != PW_SCOPE_SENT || cue->modality == PW_MOD_FUTURE ||
				    (gov && cue >= gov) || !cue_at(cue, sv, i))
					continue;
				gov = cue;
				gov_pos = i;
			}
		}
		if (gov) {
			best = gov;
			best_pos = gov_pos;
		}
	}
	if (best) {
		mod = best->modality;
		if (why) {
			snprintf(buf, sizeof(buf), "cue '%s%s%s' (%s)", best->words[0], best->nwords > 1 ? " " : "",
				 best->nwords > 1 ? best->words[1] : "", best->where);
			w = pw_arena_strndup(a, buf, strlen(buf));
		}
	} else {
		/* French future and conditional endings on the trigger or an
		 * auxiliary just before it ("signera", "livreraient") */
		size_t s;
		uint32_t notverb = p->rule_cls.notverb;
		/* the auxiliary or verb may sit two words before a nominal
		 * trigger ("mèneront des patrouilles"); "retrait" is a noun */
		for (i = tr->tok_start > cs + 2 ? tr->tok_start - 2 : cs; i < tr->tok_end; i++)
			for (s = 0; s < p->nsuffixes && !(sv->w[i].classes & notverb); s++)
				if (p->suffixes[s].lang == sv->lang && ends_with(sv->w[i].t, &p->suffixes[s])) {
					mod = p->suffixes[s].modality;
					if (why) {
						snprintf(buf, sizeof(buf), "verb ending '-%s' on '%s'",
							 p->suffixes[s].end, sv->w[i].t->fold);
						w = pw_arena_strndup(a, buf, strlen(buf));
					}
					i = tr->tok_end;
					break;
				}
	}
	if (tr->pat->modality >= 0 && (mod == PW_MOD_ASSERTED || mod == PW_MOD_FUTURE)) {
		mod = tr->pat->modality;
		w = "the pattern itself announces a future act (pledge, promise)";
	}
	if (sv->imperative && mod != PW_MOD_NEGATED) {
		mod = PW_MOD_HYPOTHETICAL;
		w = "instruction: the sentence opens with an imperative verb (recommendation)";
	}
	if (sv->spec_context && mod != PW_MOD_NEGATED) {
		mod = PW_MOD_HYPOTHETICAL;
		w = "list or table row under a speculative heading or intro";
	}
	if (mod == PW_MOD_ASSERTED && (old_year(sv, cs, ce, tr, doc_year, &year) ||
				       old_year(sv, 0, tr->tok_start, tr, doc_year, &year))) {
		mod = PW_MOD_HISTORICAL;
		if (why) {
			snprintf(buf, sizeof(buf), "background: year %d well before the document", year);
			w = pw_arena_strndup(a, buf, strlen(buf));
		}
	}
	if (why)
		*why = w ? w : "";
	return mod;
}
