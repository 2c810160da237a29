/*
 * Shallow clause analysis: who is the actor and who the recipient of a
 * trigger. News prose is regular enough that a few rules carry far:
 *   - clauses split at ';', ':', relative and contrastive connectives
 *     (", which", ", while", " but ") and reported speech ("said that",
 *     "a déclaré que", "selon"), so "X said Y signed" codes Y's act;
 *   - the subject is the nearest group of coordinated mentions left of the
 *     trigger in its clause ("Mali, Burkina Faso and Niger signed");
 *   - the recipient is the first mention after the trigger, before a
 *     trailing attribution (", the ministry said");
 *   - passive voice ("was signed by X", "a été signé par X") swaps them;
 *   - nominal triggers take their actor from "X's", an adjective ("Russian
 *     instructors") or "of X" ("the arrival of Russian instructors").
 * Patterns then apply dir=reverse ("Mali took delivery of Russian jets":
 * the subject is the recipient) and recip (both directions).
 */
#include "events_internal.h"

/* Word tests run for every token of every sentence, always with a short
 * literal: inlined, the length test and the memcmp of a known size compile
 * to a few instructions (fold_len saturates far above any literal). */
static inline int is(const pw_wtok *w, const char *s)
{
	size_t n = strlen(s);

	return w->t->fold_len == n && !memcmp(w->t->fold, s, n);
}

/* Grammar roles come from data/patterns/grammar.txt through the lexicon:
 * one bit test per word instead of a list walk. */
static int has(const pw_wtok *w, uint32_t role)
{
	return (w->gram & role) != 0;
}

static void clause_spans(pw_sent_view *sv);

void pw_clause_mark(pw_sent_view *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++) {
		pw_wtok *w = &sv->w[i];
		const pw_wtok *prev = i ? &sv->w[i - 1] : NULL;
		if (is(w, ";") || is(w, ":") || is(w, "(") || is(w, ")")) {
			w->clause_break = 1;
			continue;
		}
		/* ", which", ", while" (after a comma); "but", "while",
		 * "according to", "selon" anywhere */
		if ((has(w, PW_GR_SOFT_BREAK) && prev && is(prev, ",")) || has(w, PW_GR_BREAK)) {
			w->clause_break = 1;
			continue;
		}
		/* reported speech: the clause after "said (that)" is the event's */
		if (prev && has(prev, PW_GR_SAY)) {
			w->clause_break = 1;
			continue;
		}
		if ((is(w, "that") || is(w, "que") || is(w, "qu")) && prev && has(prev, PW_GR_THAT_HEAD)) {
			/* "said that", "a déclaré que", "denied reports that" */
			w->clause_break = 1;
			continue;
		}
	}
	clause_spans(sv);
}

void pw_clause_range(const pw_sent_view *sv, uint32_t tok, uint32_t *cs, uint32_t *ce)
{
	uint32_t s = tok, e = tok + 1;

	if (tok < sv->n) {
		*cs = sv->w[tok].cs;
		*ce = sv->w[tok].ce;
		return;
	}
	while (s > 0 && !sv->w[s].clause_break)
		s--;
	while (e < sv->n && !sv->w[e].clause_break)
		e++;
	*cs = s;
	*ce = e;
}

/* Every token's clause, once per sentence (the rules ask for it many
 * times): it starts at the last break at or before the token (or 0) and
 * ends before the first break after it (or n). */
static void clause_spans(pw_sent_view *sv)
{
	uint32_t i, cur = 0, next = (uint32_t)sv->n;

	for (i = 0; i < sv->n; i++) {
		if (sv->w[i].clause_break)
			cur = i;
		sv->w[i].cs = cur;
	}
	for (i = (uint32_t)sv->n; i-- > 0;) {
		sv->w[i].ce = next;
		if (sv->w[i].clause_break)
			next = i;
	}
}

/* End of the recipient window: stop before a trailing attribution
 * (", the Russian ministry said", ", selon ...") or a new clause. */
static uint32_t recipient_end(const pw_sent_view *sv, uint32_t from)
{
	uint32_t j, k;

	for (j = from; j < sv->n; j++) {
		if (sv->w[j].clause_break && j > from)
			return j;
		if (is(&sv->w[j], ",") || is(&sv->w[j], "."))
			for (k = j + 1; k < PW_MIN(sv->n, j + 8); k++) {
				if (has(&sv->w[k], PW_GR_SAY) || is(&sv->w[k], "according") || is(&sv->w[k], "selon"))
					return j;
				if (is(&sv->w[k], ","))
					break;
			}
	}
	return (uint32_t)sv->n;
}

/* Tokens [from, to) between two mentions may join them into one side:
 * only connectors and fillers, at least one connector, at most 4 tokens. */
static int group_gap_ok(const pw_sent_view *sv, uint32_t from, uint32_t to)
{
	uint32_t j;
	int conn = 0;

	if (to - from > 4)
		return 0;
	for (j = from; j < to; j++) {
		if (has(&sv->w[j], PW_GR_CONNECTOR))
			conn = 1;
		else if (!has(&sv->w[j], PW_GR_GROUP_FILLER))
			return 0;
	}
	return conn || from == to;
}

/* A reference resolved to several states ("the three nations") gives
 * mentions sharing one span: they form one group. */
static int same_span(const pw_mention *a, const pw_mention *b)
{
	return a->tok_start == b->tok_start && a->tok_end == b->tok_end;
}

/* The coordinated group of mentions ending at mention index last, going
 * left: mentions joined only by connectors or titles (no verbs). */
static size_t group_left(int16_t *out, size_t cap, const pw_sent_view *sv, int last, uint32_t lo)
{
	size_t n = 0;
	int mi = last;

	out[n++] = (int16_t)mi;
	while (mi > 0 && n < cap) {
		const pw_mention *a = &sv->m[mi - 1], *b = &sv->m[mi];
		if (a->tok_start < lo || (!same_span(a, b) && !group_gap_ok(sv, a->tok_end, b->tok_start)))
			break;
		out[n++] = (int16_t)(mi - 1);
		mi--;
	}
	return n;
}

static size_t group_right(int16_t *out, size_t cap, const pw_sent_view *sv, int first, uint32_t hi)
{
	size_t n = 0;
	int mi = first;

	out[n++] = (int16_t)mi;
	while ((size_t)mi + 1 < sv->nm && n < cap) {
		const pw_mention *a = &sv->m[mi], *b = &sv->m[mi + 1];
		if (b->tok_end > hi || (!same_span(a, b) && !group_gap_ok(sv, a->tok_end, b->tok_start)))
			break;
		out[n++] = (int16_t)(mi + 1);
		mi++;
	}
	return n;
}

/* An English "-ing" form: after "is", a progressive, not a passive. */
static int is_progressive(const pw_sent_view *sv, uint32_t tok)
{
	const pw_token *t = sv->w[tok].t;

	return sv->lang == PW_LANG_EN && t->fold_len > 5 && !strcmp(t->fold + t->fold_len - 3, "ing");
}

/* "their withdrawal from X", "leur retrait de X": the possessor is named
 * earlier, "of/de X" is not the noun's actor (@possdet). */
static int after_possessive(const struct pw_patterns *p, const pw_sent_view *sv, uint32_t tok)
{
	return tok > 0 && (sv->w[tok - 1].classes & p->rule_cls.possdet);
}

/* Is the mention a mere place of a location phrase ("in Moscow")? */
static int is_location(const pw_sent_view *sv, const pw_mention *m)
{
	if (m->tok_start == 0)
		return 0;
	if (m->kind != PW_MENTION_METONYM && m->kind != PW_MENTION_NAME)
		return 0;
	return has(&sv->w[m->tok_start - 1], PW_GR_LOCATION_PREP);
}

/* Between a possessor and its noun ("Niger's recent termination") only
 * possessive marks and a few modifiers may stand; a verb ("condemned the
 * deployment") means the mention is not the noun's actor. */
static int nominal_gap_ok(const pw_sent_view *sv, uint32_t from, uint32_t to)
{
	uint32_t j;
	for (j = from; j < to; j++)
		if ((sv->w[j].t->flags & PW_TOK_WORD) && !has(&sv->w[j], PW_GR_NOMINAL_MOD))
			return 0;
	return 1;
}

/* A country named as the side of a border ("near the Algerian border",
 * "près de la frontière algérienne", "the border with Algeria") places
 * the act; it is not the act's recipient. Border words: @border. */
static int is_border_place(const struct pw_patterns *p, const pw_sent_view *sv, const pw_mention *m)
{
	uint32_t mask = p->rule_cls.border, j;

	if (!mask)
		return 0;
	for (j = m->tok_end; j < sv->n && j < m->tok_end + 2; j++) {
		if (sv->w[j].classes & mask)
			return 1;
		if (!is(&sv->w[j], "-"))
			break;
	}
	for (j = m->tok_start; j > 0 && j + 4 > m->tok_start; j--) {
		if (sv->w[j - 1].classes & mask)
			return 1;
		if (!has(&sv->w[j - 1], PW_GR_BORDER_LINK))
			break;
	}
	return 0;
}

static int same_side(const pw_mention *a, const pw_mention *b)
{
	return a->country[0] && !strcmp(a->country, b->country);
}

/* A domestic act ("the government arrested opposition leaders", "Serbian
 * police clashed with Serbian protesters"): an actor and a recipient of
 * one country are kept when they are distinct entities in the sentence —
 * not a reference back to the actor, not a place, not the same code. */
static int self_ok(const pw_sent_view *sv, const pw_pattern *pt, const pw_mention *a, const pw_mention *b)
{
	uint32_t j;

	/* a security sub-type describes a partnership between two states */
	if (pt->security)
		return 0;
	/* an apposition ("the Wagner Group, a Russian mercenary outfit,")
	 * restates the actor */
	for (j = a->tok_end; j < b->tok_start && j < a->tok_end + 4; j++)
		if (is(&sv->w[j], ","))
			return 0;
	if (b->kind == PW_MENTION_REF || a->kind == PW_MENTION_REF)
		return 0;
	if (!strcmp(a->country, "IGO") || !strcmp(a->country, "IMG") || !strcmp(a->country, "NGO"))
		return 0;
	if (b->kind == PW_MENTION_METONYM || is_location(sv, b))
		return 0;
	if (b->tok_start < a->tok_end)
		return 0;
	return 1;
}

static int push_pair(pw_pair **v, size_t *n, size_t *cap, pw_arena *a, int actor, int recipient)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if ((*v)[i].actor == actor && (*v)[i].recipient == recipient)
			return 0;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		pw_pair *nv = pw_arena_alloc(a, nc * sizeof(*nv));
		if (!nv)
			return PW_ENOMEM;
		if (*n)
			memcpy(nv, *v, *n * sizeof(**v));
		*v = nv;
		*cap = nc;
	}
	(*v)[*n].actor = (int16_t)actor;
	(*v)[*n].recipient = (int16_t)recipient;
	(*n)++;
	return 0;
}

int pw_assign_roles(pw_pair **out, size_t *n, const char **why, pw_arena *a,
		    const struct pw_patterns *p, const pw_sent_view *sv, const pw_trigger *tr)
{
	const pw_pattern *pt = tr->pat;
	uint32_t cs, ce, rend, j;
	int16_t subj[16], obj[16];
	size_t ns = 0, no = 0, i, k, cap = 0;
	int passive = 0, by_mention = -1, mi;
	pw_pair *v = NULL;
	const char *how = "subject left, object right";

	*out = NULL;
	*n = 0;
	*why = "";
	if (!sv->nm)
		return 0;
	pw_clause_range(sv, tr->tok_start, &cs, &ce);
	rend = recipient_end(sv, tr->tok_end);
	if (rend < ce)
		ce = rend;
	/* reported speech can open the clause right before the trigger's
	 * subject; also allow the subject to sit before a clause break made by
	 * an apposition comma ("Salifou Mody, Niger's defence minister, signed") */

	/* passive: a form of "be" just before the trigger and "by X" after;
	 * not a progressive ("is investigating crimes by X") */
	for (j = tr->tok_start; j > cs && j + 3 > tr->tok_start; j--)
		if (has(&sv->w[j - 1], PW_GR_BE) && !is_progressive(sv, tr->tok_start))
			passive = 1;
	if (passive) {
		passive = 0;
		for (j = tr->tok_end; j < PW_MIN(ce, tr->tok_end + 8); j++)
			if (has(&sv->w[j], PW_GR_BY) && j + 1 < sv->n && sv->w[j + 1].mention >= 0) {
				by_mention = sv->w[j + 1].mention;
				passive = 1;
				break;
			}
		/* "par le Niger": skip an article */
		if (!passive)
			for (j = tr->tok_end; j < PW_MIN(ce, tr->tok_end + 8); j++)
				if (has(&sv->w[j], PW_GR_BY) && j + 2 < sv->n && sv->w[j + 2].mention >= 0) {
					by_mention = sv->w[j + 2].mention;
					passive = 1;
					break;
				}
	}

	/* subject: nearest mention left of the trigger within the clause */
	for (mi = (int)sv->nm - 1; mi >= 0; mi--) {
		const pw_mention *m = &sv->m[mi];
		if (m->tok_end > tr->tok_start || m->tok_start < cs)
			continue;
		if (is_location(sv, m) && !pt->nominal)
			continue;
		/* a bare agent ("Turkey's foreign and defence ministers")
		 * belongs to the country named just before it */
		if (!m->country[0] && mi > 0 && sv->m[mi - 1].tok_end + 6 >= m->tok_start &&
		    sv->m[mi - 1].tok_start >= cs && sv->m[mi - 1].country[0])
			continue;
		ns = group_left(subj, PW_ARRAY_LEN(subj), sv, mi, cs);
		break;
	}
	/* nominal triggers: "Niger's termination of ...", "the arrival of Russian instructors" */
	if (pt->nominal || !ns) {
		int nom = -1;
		if (tr->tok_start > 0) {
			for (mi = 0; (size_t)mi < sv->nm; mi++)
				if (sv->m[mi].tok_end + 2 >= tr->tok_start && sv->m[mi].tok_end <= tr->tok_start &&
				    sv->m[mi].tok_start >= cs && nominal_gap_ok(sv, sv->m[mi].tok_end, tr->tok_start) &&
				    /* "arrived in Niamey for talks": a place is not the actor */
				    !(sv->m[mi].kind == PW_MENTION_METONYM || (is_location(sv, &sv->m[mi]) &&
				      sv->m[mi].kind != PW_MENTION_ADJ)))
					nom = mi;
		}
		if (nom < 0 && !after_possessive(p, sv, tr->tok_start))
			for (j = tr->tok_end; j < PW_MIN(ce, tr->tok_end + 3); j++)
				if (has(&sv->w[j], PW_GR_NOMINAL_OF) && j + 1 < sv->n) {
					uint32_t q;
					for (q = j + 1; q < PW_MIN(ce, j + 5); q++)
						if (sv->w[q].mention >= 0) {
							nom = sv->w[q].mention;
							break;
						}
					break;
				}
		if (nom >= 0 && (pt->nominal || !ns)) {
			if (nom > 0 && sv->m[nom].tok_start > tr->tok_start)
				ns = group_right(subj, PW_ARRAY_LEN(subj), sv, nom, ce);
			else
				ns = group_left(subj, PW_ARRAY_LEN(subj), sv, nom, cs);
			how = "nominal: actor from possessive, adjective or 'of X'";
		}
	}
	/* a reciprocal noun whose parties follow a participle ("the signing
	 * of a joint defense agreement, further solidifying cooperation
	 * between Russia and the three nations"): "between X and Y" later in
	 * the sentence names them */
	if (!ns && pt->recip &&
	    (pt->nominal || (tr->tok_start > 0 && (is(&sv->w[tr->tok_start - 1], "the") ||
						    is(&sv->w[tr->tok_start - 1], "la") ||
						    is(&sv->w[tr->tok_start - 1], "le"))))) {
		for (j = tr->tok_end; j < PW_MIN(sv->n, tr->tok_end + 20); j++) {
			uint32_t q;
			if (!is(&sv->w[j], "between") && !is(&sv->w[j], "entre"))
				continue;
			for (q = j + 1; q < PW_MIN(sv->n, j + 4); q++)
				if (sv->w[q].mention >= 0) {
					ns = group_right(subj, PW_ARRAY_LEN(subj), sv, sv->w[q].mention, (uint32_t)sv->n);
					how = "reciprocal noun: parties from 'between X and Y' later in the sentence";
					break;
				}
			break;
		}
	}
	/* a participle opening the sentence ("Réunis à Bamako, les ministres
	 * du Mali et du Niger ont ...", "Meeting in Abuja, the leaders of
	 * ...") has its subject after the comma */
	if (!ns && tr->tok_start <= 2) {
		for (j = tr->tok_end; j < sv->n && !is(&sv->w[j], ","); j++)
			;
		for (mi = 0; j < sv->n && (size_t)mi < sv->nm; mi++) {
			const pw_mention *m = &sv->m[mi];
			if (m->tok_start <= j || !m->country[0])
				continue;
			if (m->tok_start > j + 8)
				break;
			ns = group_right(subj, PW_ARRAY_LEN(subj), sv, mi, (uint32_t)sv->n);
			how = "participle opening the sentence: subject after the comma";
			break;
		}
	}
	/* no subject in the clause: a participle (", handing it over"), a
	 * pronoun after reported speech ("Sweden said it would withdraw") or
	 * a coordinated verb ("deployed ... but withdrew") continues the
	 * previous clause's subject: take the nearest group before the clause */
	if (!ns && cs > 0) {
		for (mi = (int)sv->nm - 1; mi >= 0; mi--) {
			const pw_mention *m = &sv->m[mi];
			if (m->tok_end > cs)
				continue;
			if (is_location(sv, m))
				continue;
			ns = group_left(subj, PW_ARRAY_LEN(subj), sv, mi, 0);
			how = "subject carried over from the previous clause";
			break;
		}
	}
	/* object: first mention after the trigger (not in the subject) */
	if (!(pt->recip && ns >= 2 && !passive)) {
		/* a mention inside the trigger's gap is an object too
		 * ("a appelé l'Algérie à cesser") */
		uint32_t from = tr->tok_start + 1;
		if (ns && sv->m[subj[0]].tok_start >= tr->tok_end)
			from = sv->m[subj[0]].tok_end;
		for (mi = 0; (size_t)mi < sv->nm; mi++) {
			const pw_mention *m = &sv->m[mi];
			int dup = 0;
			if (m->tok_start < from || m->tok_end > ce || mi == by_mention || !m->country[0] ||
			    is_border_place(p, sv, m))
				continue;
			for (k = 0; k < ns; k++)
				if (subj[k] == mi || (same_side(&sv->m[subj[k]], m) && !self_ok(sv, pt, &sv->m[subj[k]], m)))
					dup = 1;
			if (dup)
				continue;
			no = group_right(obj, PW_ARRAY_LEN(obj), sv, mi, ce);
			break;
		}
	}
	/* deployments, withdrawals and bases happen somewhere: when no
	 * recipient follows the trigger, the nearest place of another country
	 * in the sentence ("keep its base there", "left ..., handing it over
	 * to Malian forces") is the partner */
	if (!no && ns && pt->security &&
	    (!strcmp(pt->security, "deployment") || !strcmp(pt->security, "withdrawal") ||
	     !strcmp(pt->security, "basing"))) {
		int bestm = -1;
		uint32_t bestd = UINT32_MAX;
		uint32_t lim = recipient_end(sv, tr->tok_end);
		for (mi = 0; (size_t)mi < sv->nm; mi++) {
			const pw_mention *m = &sv->m[mi];
			uint32_t dist;
			int dup = 0;
			if (m->tok_end > lim)
				continue;
			for (k = 0; k < ns; k++)
				if (subj[k] == mi || same_side(&sv->m[subj[k]], m))
					dup = 1;
			if (dup || !m->country[0] || !strcmp(m->country, "IGO") || is_border_place(p, sv, m))
				continue;
			dist = m->tok_start > tr->tok_start ? m->tok_start - tr->tok_start : tr->tok_start - m->tok_start;
			if (dist < bestd) {
				bestd = dist;
				bestm = mi;
			}
		}
		if (bestm >= 0) {
			obj[0] = (int16_t)bestm;
			no = 1;
		}
	}
	/* forces leave or arrive in a country, not in the IGO mission there:
	 * prefer a state among the objects */
	if (no && pt->security && (!strcmp(pt->security, "deployment") || !strcmp(pt->security, "withdrawal"))) {
		for (mi = 0; (size_t)mi < sv->nm; mi++) {
			const pw_mention *m = &sv->m[mi];
			if (m->tok_start < tr->tok_end || m->tok_end > ce || strcmp(sv->m[obj[0]].country, "IGO"))
				continue;
			if (!strcmp(m->country, "IGO") || m->kind == PW_MENTION_ADJ)
				continue;
			for (k = 0; k < ns; k++)
				if (same_side(&sv->m[subj[k]], m))
					break;
			if (k == ns) {
				obj[0] = (int16_t)mi;
				no = 1;
				break;
			}
		}
	}
	if (passive && by_mention >= 0) {
		/* "X was signed by Y": Y acts; the left subject (or the "to X")
		 * receives. A passive with a bare-noun subject keeps the object. */
		int16_t tmp[16];
		size_t nt = 0;
		if (ns) {
			memcpy(tmp, subj, ns * sizeof(*subj));
			nt = ns;
		} else if (no) {
			memcpy(tmp, obj, no * sizeof(*obj));
			nt = no;
		}
		ns = group_right(subj, PW_ARRAY_LEN(subj), sv, by_mention, ce);
		memcpy(obj, tmp, nt * sizeof(*tmp));
		no = nt;
		how = "passive: 'by X' is the actor";
	}
	if (pt->reverse && !(ns && !no)) {
		int16_t tmp[16];
		size_t nt = ns;
		memcpy(tmp, subj, ns * sizeof(*subj));
		memcpy(subj, obj, no * sizeof(*obj));
		ns = no;
		memcpy(obj, tmp, nt * sizeof(*tmp));
		no = nt;
		how = pt->nominal ? "reverse pattern (nominal)" : "reverse pattern: subject is the recipient";
	}
	if (!ns)
		return 0;
	for (i = 0; i < ns; i++) {
		if (!sv->m[subj[i]].country[0])
			continue;
		if (no) {
			for (k = 0; k < no; k++) {
				/* a bare agent joined to the object ("the Malian army
				 * with instructors") names no recipient of its own */
				if (!sv->m[obj[k]].country[0])
					continue;
				if (subj[i] == obj[k] ||
				    (same_side(&sv->m[subj[i]], &sv->m[obj[k]]) &&
				     !self_ok(sv, pt, &sv->m[subj[i]], &sv->m[obj[k]])))
					continue;
				if (push_pair(&v, n, &cap, a, subj[i], obj[k]))
					return PW_ENOMEM;
				if (pt->recip && push_pair(&v, n, &cap, a, obj[k], subj[i]))
					return PW_ENOMEM;
			}
		} else if (pt->recip && ns > 1) {
			for (k = 0; k < ns; k++)
				if (k != i && !same_side(&sv->m[subj[i]], &sv->m[subj[k]]) &&
				    push_pair(&v, n, &cap, a, subj[i], subj[k]))
					return PW_ENOMEM;
		} else if (push_pair(&v, n, &cap, a, subj[i], -1)) {
			return PW_ENOMEM;
		}
	}
	*out = v;
	*why = how;
	return 0;
}
