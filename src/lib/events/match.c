/*
 * Trigger matching: for each word of a sentence, the patterns whose first
 * word has its stem (or exact fold), then the remaining trigger words with
 * small gaps ("held wide-ranging talks"), then the object and subject class
 * constraints in the trigger's clause. Longest trigger wins, then file order,
 * so specific patterns ("take delivery" + arms) beat general ones.
 */
#include "events_internal.h"

/* Words allowed between two trigger words. */
#define GAP 3
/* How far from the trigger an object word may be. */
#define OBJ_BEFORE 6
#define OBJ_AFTER 10
#define SUBJ_BEFORE 5

static int word_match(const pw_pat_word *pw, const pw_wtok *w)
{
	uint8_t a;
	for (a = 0; a < pw->nalt; a++) {
		const char *k = pw->exact[a] ? w->t->fold : w->stem;
		/* the first byte decides nearly every mismatch */
		if (k && k[0] == pw->alt[a][0] && !strcmp(k, pw->alt[a]))
			return 1;
	}
	return 0;
}

/* Try pattern pt starting at token i; fills tr and returns 1 on success. */
static int try_pattern(pw_trigger *tr, const pw_pattern *pt, const pw_sent_view *sv, uint32_t i)
{
	uint32_t pos = i, k, cs, ce, j;

	for (k = 1; k < pt->nwords; k++) {
		uint32_t g, found = 0;
		for (g = 1; g <= GAP + 1 && pos + g < sv->n; g++) {
			const pw_wtok *w = &sv->w[pos + g];
			if (w->t->flags & PW_TOK_PUNCT && w->t->fold[0] != '-')
				break;
			if (word_match(&pt->words[k], w)) {
				found = pos + g;
				break;
			}
		}
		if (!found)
			return 0;
		pos = found;
	}
	tr->pat = pt;
	tr->tok_start = i;
	tr->tok_end = pos + 1;
	tr->obj_tok = -1;
	pw_clause_range(sv, i, &cs, &ce);
	if (pt->obj_classes) {
		uint32_t lo = i > cs + OBJ_BEFORE ? i - OBJ_BEFORE : cs;
		uint32_t hi = PW_MIN(ce, tr->tok_end + OBJ_AFTER);
		int best = -1;
		for (j = lo; j < hi; j++) {
			if (j >= tr->tok_start && j < tr->tok_end)
				continue;
			if (sv->w[j].classes & pt->obj_classes) {
				/* prefer the object after the trigger (active voice) */
				if (best < 0 || (j >= tr->tok_end && (uint32_t)best < tr->tok_start))
					best = (int)j;
				if (j >= tr->tok_end)
					break;
			}
		}
		if (best < 0)
			return 0;
		tr->obj_tok = best;
	}
	if (pt->subj_classes) {
		uint32_t lo = i > cs + SUBJ_BEFORE ? i - SUBJ_BEFORE : cs, ok = 0;
		for (j = lo; j < i; j++)
			if (sv->w[j].classes & pt->subj_classes)
				ok = 1;
		/* nominal "the arrival of Russian instructors" */
		if (!ok && pt->nominal)
			for (j = tr->tok_end; j < PW_MIN(ce, tr->tok_end + 4); j++)
				if (sv->w[j].classes & pt->subj_classes)
					ok = 1;
		if (!ok)
			return 0;
	}
	return 1;
}

int pw_match_sentence(pw_trigger **out, size_t *n, pw_arena *a, struct pw_patterns *p,
		      const pw_sent_view *sv)
{
	pw_trigger *v = NULL;
	size_t nv = 0, cap = 0;
	uint32_t i, next_free = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < sv->n; i++) {
		const pw_wtok *w = &sv->w[i];
		const uint32_t *cand = w->lx->cand;
		size_t nc = w->lx->ncand, c;
		pw_trigger best, tr;
		int have = 0;

		if (i < next_free || !(w->t->flags & PW_TOK_WORD) || w->mention >= 0)
			continue;
		for (c = 0; c < nc; c++) {
			const pw_pattern *pt = &p->pats[cand[c]];
			if (pt->lang != sv->lang)
				continue;
			if (!try_pattern(&tr, pt, sv, i))
				continue;
			/* longer triggers first, then constrained ones (an object
			 * class says more than a bare verb), then file order */
			int cons = (pt->obj_classes || pt->subj_classes) ? 1 : 0;
			int bcons = have && (best.pat->obj_classes || best.pat->subj_classes) ? 1 : 0;
			if (!have || pt->nwords > best.pat->nwords ||
			    (pt->nwords == best.pat->nwords && cons > bcons) ||
			    (pt->nwords == best.pat->nwords && cons == bcons && pt->order < best.pat->order)) {
				best = tr;
				have = 1;
			}
		}
		if (!have)
			continue;
		if (nv == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			pw_trigger *nvv = pw_arena_alloc(a, ncap * sizeof(*nvv));
			if (!nvv)
				return PW_ENOMEM;
			if (nv)
				memcpy(nvv, v, nv * sizeof(*v));
			v = nvv;
			cap = ncap;
		}
		v[nv++] = best;
		next_free = best.tok_end;
	}
	*out = v;
	*n = nv;
	return 0;
}
