/*
 * The coder: documents in, events out (../shared/spec/EVENTS.md).
 *
 * Per sentence: tokens -> stems and word classes -> actor mentions (actors
 * stage) -> clause marks -> triggers -> for each trigger the actor /
 * recipient pairs, the modality and the date -> one event per pair. All
 * per-document scratch lives in one arena; the events' strings are copied
 * into the list's own arena, so the list outlives the document.
 */
#include "events_internal.h"
#include "../actors/actors.h"
#include <stdio.h>
#include <stdlib.h>

struct pw_event_list {
	pw_context *ctx;
	pw_event *v;
	size_t n, cap;
	pw_arena strings;
};

size_t pw_event_list_count(const pw_event_list *l)
{
	return l ? l->n : 0;
}

const pw_event *pw_event_list_get(const pw_event_list *l, size_t i)
{
	return (l && i < l->n) ? &l->v[i] : NULL;
}

void pw_event_list_free(pw_event_list *l)
{
	if (!l)
		return;
	pw_arena_free(&l->strings);
	pw_free(l->ctx, l->v);
	pw_free(l->ctx, l);
}

static pw_event *list_push(pw_event_list *l)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 16;
		pw_event *nv = pw_realloc(l->ctx, l->v, nc * sizeof(*nv));
		if (!nv)
			return NULL;
		l->v = nv;
		l->cap = nc;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

static const char *lstr(pw_event_list *l, const char *s, size_t n)
{
	return pw_arena_strndup(&l->strings, s ? s : "", s ? n : 0);
}

static void lexicon_free_cb(struct pw_lexicon *lx)
{
	pw_lexicon_free(lx);
}

int pw_coder_load(pw_context *ctx)
{
	struct pw_patterns *p;
	int rc = pw_actors_load(ctx);

	if (!rc)
		rc = pw_patterns_get(&p, ctx);
	if (!rc && !ctx->lexicon) {
		rc = pw_lexicon_new(&ctx->lexicon, ctx, p);
		if (rc)
			return pw_error_set(ctx, rc, "out of memory (coder lexicon)");
		ctx->lexicon_free = lexicon_free_cb;
	}
	return rc;
}

/* ---- speculative lists ----------------------------------------------------- */

/* Does the sentence open with a bare instruction verb ("Establish stronger
 * ties ...", "Renforcer la coopération ..."), possibly after a bullet label
 * ("Regional alliances: establish ...")? Recommendations are not facts. */
static int opens_imperative(const pw_sent_view *sv)
{
	size_t i, first = sv->n;

	for (i = 0; i < sv->n && i < 10; i++)
		if (sv->w[i].t->flags & PW_TOK_WORD) {
			if (first == sv->n)
				first = i;
		} else if (sv->w[i].t->fold_len == 1 && sv->w[i].t->fold[0] == ':' && i + 1 < sv->n) {
			first = i + 1;
			break;
		}
	for (i = first; i < sv->n && !(sv->w[i].t->flags & PW_TOK_WORD); i++)
		;
	return i < sv->n && sv->w[i].lx->imperative;
}

/* Does a heading or list intro announce speculation ("Potential outcomes",
 * "Key recommendations include:")? */
static int speculative_intro(const struct pw_patterns *p, int lang, const pw_tokens *t)
{
	size_t i, h;
	for (i = 0; i < t->n; i++)
		for (h = 0; h < p->nheading[lang]; h++) {
			const char *cue = p->heading_cues[lang][h];
			const char *sp = strchr(cue, ' ');
			if (!sp) {
				if (!strcmp(t->v[i].fold, cue))
					return 1;
			} else {
				/* a multi-word cue: compare word by word */
				char tmp[64];
				size_t k = i, off = 0, ok = 1;
				pw_strlcpy(tmp, cue, sizeof(tmp));
				while (ok && tmp[off]) {
					char *e = strchr(tmp + off, ' ');
					size_t wl = e ? (size_t)(e - (tmp + off)) : strlen(tmp + off);
					if (k >= t->n || strlen(t->v[k].fold) != wl || strncmp(t->v[k].fold, tmp + off, wl))
						ok = 0;
					off += wl + (e ? 1 : 0);
					k++;
				}
				if (ok)
					return 1;
			}
		}
	return 0;
}

/* ---- one sentence ------------------------------------------------------------ */

typedef struct coder_state {
	pw_context *ctx;
	struct pw_patterns *p;
	pw_doc *doc;
	const pw_code_options *opts;
	pw_event_list *out;
	pw_arena *a;
	pw_tokens toks;
	pw_mentions ments;
	pw_refstate *rs;
	struct pw_lexicon *lx;
	int lang, doc_year;
	int spec;             /* inside a speculative list */
	/* the current sentence's dates (sentence_date) */
	size_t date_si;
	int date_found, year_done, year_found;
	char date_text[11], year_text[11];
	/* the document's id, source and url in the event list's strings,
	 * copied once per document (every event points at them) */
	const char *doc_id, *doc_source, *doc_url;
} coder_state;

static int sector_mil(const pw_mention *m)
{
	return !strcmp(m->sector, "MIL") || !strcmp(m->sector, "PMC") || !strcmp(m->sector, "SPY");
}

static void fill_actor(pw_event_list *l, pw_event_actor *ea, const pw_mention *m, const pw_doc *doc,
		       uint32_t sent_start)
{
	pw_strlcpy(ea->code, m->code, sizeof(ea->code));
	pw_strlcpy(ea->country, m->country, sizeof(ea->country));
	pw_strlcpy(ea->sector, m->sector, sizeof(ea->sector));
	ea->text = lstr(l, doc->text + m->start, m->end - m->start);
	ea->start = m->start - sent_start;
	ea->end = m->end - sent_start;
}

/* One act restated by two triggers of a sentence ("began the exercise
 * ..., the largest US drill"): an event without a recipient adds nothing
 * when the sentence already has the same actor and act with one. */
static int is_ending(const char *sec)
{
	return !strcmp(sec, "withdrawal") || !strcmp(sec, "suspension");
}

static int redundant(const pw_event_list *l, const pw_event *e)
{
	size_t i;
	for (i = l->n - 1; i-- > 0;) {
		const pw_event *o = &l->v[i];
		if (o->sentence != e->sentence)
			break;
		if (strcmp(o->actor.country, e->actor.country))
			continue;
		/* one security act per pair and sentence: "va ouvrir un centre
		 * de formation" is one training pledge, not a pledge and a
		 * training */
		if (e->security && o->security == e->security &&
		    (!e->has_recipient || (o->has_recipient && !strcmp(o->recipient.country, e->recipient.country))))
			return 1;
		/* one ending per pair: "left Niger on Friday, ending a decade
		 * of French military presence" restates the withdrawal */
		if (e->security && o->security && is_ending(e->security) && is_ending(o->security) &&
		    (!e->has_recipient || (o->has_recipient && !strcmp(o->recipient.country, e->recipient.country))))
			return 1;
		if (strcmp(o->event, e->event) || (o->security != e->security))
			continue;
		if (!e->has_recipient)
			return 1;
		if (o->has_recipient && !strcmp(o->recipient.country, e->recipient.country) &&
		    !strcmp(o->modality, e->modality))
			return 1;
	}
	return 0;
}

/* The event date of sentence si: its own date expression, else (for
 * background) its year phrase, else the document's date. Worked out once
 * per sentence however many events it has, and only when the sentence has
 * a date word (most have none). Returns 1 when from the text. */
static int sentence_date(coder_state *st, size_t si, int date_words, int historical, char date[11])
{
	const pw_sentence *s = &st->doc->sents[si];
	const char *text = st->doc->text + s->start;
	size_t len = s->end - s->start;

	if (st->date_si != si) {
		st->date_si = si;
		st->year_done = 0;
		st->date_found = st->doc->date && date_words &&
				 pw_date_resolve(st->date_text, text, len, st->doc->date, st->lang);
	}
	if (st->date_found) {
		memcpy(date, st->date_text, 11);
		return 1;
	}
	/* background is dated by its year phrase, never the report's date */
	if (historical) {
		if (!st->year_done) {
			st->year_done = 1;
			st->year_found = pw_date_year(st->year_text, text, len, st->doc_year);
		}
		if (st->year_found) {
			memcpy(date, st->year_text, 11);
			return 1;
		}
	}
	if (st->doc->date)
		pw_strlcpy(date, st->doc->date, 11);
	return 0;
}

/* Append the decimal digits of v at o[*n], never past cap - 1 bytes. */
static void id_put_dec(char *o, size_t *n, size_t cap, uint64_t v)
{
	char tmp[PW_U64_DIGITS], *d = pw_u64_digits(tmp + sizeof(tmp), v);

	for (; d < tmp + sizeof(tmp) && *n + 1 < cap; d++)
		o[(*n)++] = *d;
}

static void id_put_str(char *o, size_t *n, size_t cap, const char *s)
{
	for (; *s && *n + 1 < cap; s++)
		o[(*n)++] = *s;
}

/* The event id "<doc>:<sentence>:<n>" (formatted by hand: it is made for
 * every event). An id that does not fit the field keeps its sentence and
 * rank after a hash of its first 95 bytes: "h<16 hex>:<sentence>:<n>". */
static void event_id(char out[96], const char *doc, size_t si, uint32_t nth)
{
	static const char hex[] = "0123456789abcdef";
	char id[96];
	size_t n = 0, k;
	uint64_t h;

	id_put_str(id, &n, sizeof(id), doc ? doc : "");
	id_put_str(id, &n, sizeof(id), ":");
	id_put_dec(id, &n, sizeof(id), si);
	id_put_str(id, &n, sizeof(id), ":");
	id_put_dec(id, &n, sizeof(id), nth);
	id[n] = '\0';
	if (n < sizeof(id) - 1) {
		memcpy(out, id, n + 1);
		return;
	}
	h = pw_hash64(id, n, 0);
	out[0] = 'h';
	for (k = 0; k < 16; k++)
		out[1 + k] = hex[(h >> (60 - 4 * k)) & 15];
	n = 17;
	id_put_str(out, &n, 96, ":");
	id_put_dec(out, &n, 96, si);
	id_put_str(out, &n, 96, ":");
	id_put_dec(out, &n, 96, nth);
	out[n] = '\0';
}

static int emit(coder_state *st, const pw_sent_view *sv, size_t si, const pw_trigger *tr,
		const pw_pair *pairs, size_t np, const char *roles_why, uint32_t *nth)
{
	const pw_pattern *pt = tr->pat;
	const pw_sentence *s = &st->doc->sents[si];
	const char *mwhy = "";
	int mod = pw_modality_of(st->opts->explain ? &mwhy : NULL, st->a, st->p, sv, tr, st->doc_year);
	char date[11] = "";
	int from_text = 0;
	size_t i;
	const char *sent_text, *trig;

	from_text = sentence_date(st, si, sv->date_words, mod == PW_MOD_HISTORICAL, date);
	sent_text = lstr(st->out, st->doc->text + s->start, s->end - s->start);
	trig = lstr(st->out, st->doc->text + sv->w[tr->tok_start].t->start,
		    sv->w[tr->tok_end - 1].t->end - sv->w[tr->tok_start].t->start);
	if (!sent_text || !trig)
		return PW_ENOMEM;
	for (i = 0; i < np; i++) {
		const char *mode = pt->mode, *cameo = pt->cameo;
		int tid = pt->tid;
		const pw_mention *am = &sv->m[pairs[i].actor];
		const pw_mention *rm = pairs[i].recipient >= 0 ? &sv->m[pairs[i].recipient] : NULL;
		pw_event *e = list_push(st->out);
		size_t c;
		if (!e)
			return PW_ENOMEM;
		event_id(e->id, st->doc->id, si, (*nth)++);
		e->doc = st->doc_id;
		e->sentence = (uint32_t)si;
		pw_strlcpy(e->date, date, sizeof(e->date));
		e->date_source = from_text ? "text" : "document";
		fill_actor(st->out, &e->actor, am, st->doc, s->start);
		if (rm) {
			e->has_recipient = 1;
			fill_actor(st->out, &e->recipient, rm, st->doc, s->start);
		}
		/* PLOVER codes future cooperation as AGREE, and the contract an
		 * announced pull-out by the side leaving as CONCEDE */
		if (mod == PW_MOD_FUTURE &&
		    (tid == PW_PT_AID || tid == PW_PT_COOPERATE || tid == PW_PT_CONSULT || tid == PW_PT_SUPPORT)) {
			/* any announced cooperation (a visit, aid, support) is
			 * AGREE in PLOVER, not only security pledges */
			tid = PW_PT_AGREE;
			mode = "";
			if (pt->tid == PW_PT_CONSULT)
				cameo = "036";
			else if (pt->tid == PW_PT_SUPPORT)
				cameo = "030";
			else if (!pt->security)
				cameo = pt->tid == PW_PT_AID ? "033" : "031";
			else
				cameo = !strcmp(pt->security, "intelligence") ? "0314"
					: pt->tid == PW_PT_AID ? "0332" : "0312";
		} else if (mod == PW_MOD_FUTURE &&
			   (tid == PW_PT_PROTEST || tid == PW_PT_ASSAULT || tid == PW_PT_COERCE ||
			    (tid == PW_PT_SANCTION && !pt->security))) {
			/* an announced hostile act ("said they would boycott",
			 * "will impose a curfew") is a threat in PLOVER */
			tid = PW_PT_THREATEN;
			mode = "";
			cameo = "130";
		} else if (mod == PW_MOD_FUTURE && pt->tid == PW_PT_CONCEDE) {
			/* "will release the hostages" is a promise (AGREE) */
			tid = PW_PT_AGREE;
			mode = "";
			cameo = "030";
		} else if (mod == PW_MOD_FUTURE && tid == PW_PT_RETREAT) {
			tid = PW_PT_CONCEDE;
			mode = "";
			cameo = "080";
		}
		e->event = pw_ptype_name(tid);
		e->mode = mode;
		for (c = 0; c < 3 && pt->contexts[c]; c++)
			e->contexts[c] = pt->contexts[c];
		/* a conditional sub-type needs a defence frame: a security word
		 * in the sentence or a military actor */
		if (pt->security && (!pt->sec_conditional || sv->sec_frame || sector_mil(am) || (rm && sector_mil(rm))))
			e->security = pt->security;
		else if (pt->plain_tid != PW_PT_COUNT && tid != PW_PT_AGREE) {
			/* "agreed that ..." outside a defence frame is a plain
			 * agreement (PLOVER AGREE), not a signed pact */
			tid = pt->plain_tid;
			e->event = pw_ptype_name(tid);
			e->mode = mode = "";
			cameo = "030";
		}
		e->modality = pw_modality_name(mod);
		pw_strlcpy(e->cameo, cameo, sizeof(e->cameo));
		if (tid == pt->tid && mode == pt->mode) {
			e->quad = pt->quad;
			e->score = pt->score;
		} else {
			/* every rewrite above drops the mode */
			e->quad = st->p->type_quad[tid];
			e->score = st->p->type_score[tid];
		}
		e->trigger = trig;
		e->text = sent_text;
		e->pattern = pt->where;
		e->source = st->doc_source;
		e->url = st->doc_url;
		if (st->opts->explain) {
			char buf[768];
			snprintf(buf, sizeof(buf),
				 "actor '%.*s' (%s%s%s); recipient %s%.*s%s (%s); roles: %s; modality: %s; security: %s",
				 (int)(am->end - am->start), st->doc->text + am->start, am->entry ? am->entry : "?",
				 am->resolved_from ? ", from " : "", am->resolved_from ? am->resolved_from : "",
				 rm ? "'" : "none", rm ? (int)(rm->end - rm->start) : 0, rm ? st->doc->text + rm->start : "",
				 rm ? "'" : "", rm && rm->entry ? rm->entry : "-", roles_why, mwhy,
				 !pt->security ? "none in pattern"
				 : e->security ? (pt->sec_conditional ? "pattern sub-type, defence frame present" : "pattern sub-type")
					       : "conditional sub-type dropped: no defence word or military actor");
			e->why = lstr(st->out, buf, strlen(buf));
		}
		if (!st->opts->include_all_modalities && (mod == PW_MOD_HYPOTHETICAL || mod == PW_MOD_NEGATED))
			st->out->n--;
		else if (redundant(st->out, e))
			st->out->n--;
	}
	return 0;
}

/* Did an earlier verb trigger of the sentence code the same PLOVER type? */
static int restated(const pw_trigger *trs, size_t i)
{
	size_t k;
	for (k = 0; k < i; k++)
		if (!trs[k].pat->nominal && trs[k].pat->tid == trs[i].pat->tid)
			return 1;
	return 0;
}

/* Is security trigger i the topic of a talks verb before it in its clause
 * ("discussed military training", "ont discuté de la formation militaire",
 * "discussed arms deliveries")? Talking about training is not training:
 * the consultation is the event. */
static int talks_topic(const pw_sent_view *sv, const pw_trigger *trs, size_t i)
{
	uint32_t cs = sv->w[trs[i].tok_start].cs, k;
	size_t j;

	if (!trs[i].pat->security)
		return 0;
	for (j = 0; j < i; j++) {
		/* a talks verb ("discussed", "negotiated", "discuter"), not a
		 * visit or a call ("the highlight of the visit was the signing") */
		if (trs[j].pat->nominal || trs[j].pat->tid != PW_PT_CONSULT || !trs[j].pat->security ||
		    strcmp(trs[j].pat->security, "talks") || (trs[j].pat->mode && trs[j].pat->mode[0]) ||
		    trs[j].tok_start < cs ||
		    trs[j].tok_end > trs[i].tok_start || trs[i].tok_start - trs[j].tok_end > 5)
			continue;
		/* its object: nothing between but modifiers (no actor, though
		 * a bare agent word such as "military" is a modifier here; no
		 * "and" or comma starting a second act: "met and trained") */
		for (k = trs[j].tok_end; k < trs[i].tok_start; k++)
			if ((sv->w[k].mention >= 0 && sv->m[sv->w[k].mention].country[0]) ||
			    (sv->w[k].gram & PW_GR_CONNECTOR))
				break;
		if (k == trs[i].tok_start)
			return 1;
	}
	return 0;
}

/* Is trigger i an activity governed by an ending trigger before it in its
 * clause ("ended an intelligence-sharing agreement", "mis fin à la
 * coopération en matière de formation")? The activity noun names what
 * ends, not a new act: one suspension only. */
static int governed_by_end(const pw_sent_view *sv, const pw_trigger *trs, size_t ntr, size_t i)
{
	const pw_pattern *pt = trs[i].pat;
	uint32_t cs, ce;
	size_t j;

	/* also the signing that made the ended agreement ("mettre fin à
	 * l'accord de coopération ... signé en 2019") */
	if (pt->tid != PW_PT_COOPERATE && pt->tid != PW_PT_AID &&
	    !(pt->tid == PW_PT_SUPPORT && !strcmp(pt->cameo, "057")))
		return 0;
	pw_clause_range(sv, trs[i].tok_start, &cs, &ce);
	for (j = 0; j < ntr; j++) {
		const pw_pattern *q = trs[j].pat;
		if (j == i || trs[j].tok_end > trs[i].tok_start || trs[j].tok_start < cs ||
		    trs[i].tok_start - trs[j].tok_end > 10)
			continue;
		if (q->tid == PW_PT_SANCTION && q->discontinue)
			return 1;
	}
	return 0;
}

/* Does an ending trigger govern a security activity word just after it
 * ("mis fin à la coopération en matière de formation", "ended training
 * and intelligence cooperation")? */
static int ends_security_activity(const struct pw_patterns *p, const pw_sent_view *sv, const pw_trigger *tr)
{
	uint32_t mask = p->rule_cls.activity, cs, ce, k;

	pw_clause_range(sv, tr->tok_start, &cs, &ce);
	for (k = tr->tok_end; k < ce && k < tr->tok_end + 8; k++)
		if (sv->w[k].classes & mask)
			return 1;
	return 0;
}

/* An English noun trigger that is the object of a preposition ("in the
 * negotiations on", "for the bombing of", "against Western criticism",
 * "caused by a missile attack") names a topic or a cause, not an act of
 * the sentence's subject. Only for the general political types where
 * the gold codes the verb frame; security acts and talks ("after talks
 * in Moscow") keep their nominal rules. */
static int prep_object(const pw_sent_view *sv, const pw_trigger *tr)
{
	int t = tr->pat->tid;
	uint32_t k, back;

	if (sv->lang != PW_LANG_EN || tr->tok_end - tr->tok_start != 1)
		return 0;
	if (t != PW_PT_ASSAULT && t != PW_PT_ACCUSE && t != PW_PT_PROTEST && t != PW_PT_CONCEDE &&
	    t != PW_PT_REQUEST &&
	    /* "in the negotiations on", "despite hours of negotiations" */
	    !(t == PW_PT_CONSULT && !strncmp(sv->w[tr->tok_start].t->fold, "negotiation", 11)))
		return 0;
	/* the preposition, at most two words (determiner, modifier) before */
	for (back = 1; back <= 3 && back <= tr->tok_start; back++) {
		k = tr->tok_start - back;
		if (sv->w[k].mention >= 0 || !(sv->w[k].t->flags & PW_TOK_WORD))
			return 0;
		if (sv->w[k].gram & PW_GR_TOPIC_PREP)
			return 1;
	}
	return 0;
}

/* ", killing 20 people" after an attack restates the attack's toll: a
 * participle after a comma adds no event when an earlier trigger of the
 * sentence has the same type. */
static int participle_restates(const pw_sent_view *sv, const pw_trigger *trs, size_t i)
{
	const char *f = sv->w[trs[i].tok_start].t->fold;
	size_t n = strlen(f), j;

	if (trs[i].tok_start == 0 || n < 5 || strcmp(f + n - 3, "ing") ||
	    strcmp(sv->w[trs[i].tok_start - 1].t->fold, ","))
		return 0;
	for (j = 0; j < i; j++)
		if (trs[j].tok_start < trs[i].tok_start && trs[j].pat->tid == trs[i].pat->tid)
			return 1;
	return 0;
}

/* "threatened to ban voting", "a juré de combattre": the act after a
 * threat (or offer) verb is what is threatened or offered, not a second
 * act. */
static int threat_complement(const pw_sent_view *sv, const pw_trigger *trs, size_t i)
{
	size_t j;
	uint32_t k;

	for (j = 0; j < i; j++) {
		/* an offer or promise ("is prepared to lift the ban") governs
		 * its complement too, unless the complement names the security
		 * act (its sub-type must survive: "pledged to deliver drones") */
		int offer = trs[j].pat->tid == PW_PT_AGREE && !trs[j].pat->security && !trs[i].pat->security;
		if ((trs[j].pat->tid != PW_PT_THREATEN && !offer) || trs[j].pat->nominal ||
		    trs[j].tok_end > trs[i].tok_start || trs[i].tok_start - trs[j].tok_end > 4)
			continue;
		for (k = trs[j].tok_end - 1; k < trs[i].tok_start; k++)
			if (!strcmp(sv->w[k].t->fold, "to") || !strcmp(sv->w[k].t->fold, "de"))
				return 1;
	}
	return 0;
}

/* A past participle used as an adjective or reduced relative names a
 * state, not an act of the sentence: "the wounded", "the besieged town",
 * "the ceasefire agreement signed in 2001", "l'accord ... signé avec la
 * France" (the act being reported is elsewhere in the sentence). */
static int adjectival_participle(const struct pw_patterns *p, const pw_sent_view *sv, const pw_trigger *tr)
{
	const char *f = sv->w[tr->tok_start].t->fold;
	int t = tr->pat->tid;
	size_t n = strlen(f);
	uint32_t k, agr;
	int ed = (n > 4 && !strcmp(f + n - 2, "ed")) ||
		 (sv->lang == PW_LANG_FR && (!strcmp(f, "signe") || !strcmp(f, "signes") || !strcmp(f, "signee") ||
					     !strcmp(f, "signees") || !strcmp(f, "conclu") || !strcmp(f, "conclus")));

	if (!ed || tr->tok_start == 0 || tr->tok_end - tr->tok_start != 1)
		return 0;
	if (t == PW_PT_ASSAULT)
		return !strcmp(sv->w[tr->tok_start - 1].t->fold, "the");
	if (t != PW_PT_SUPPORT && t != PW_PT_AGREE)
		return 0;
	agr = p->rule_cls.agreement;
	/* "an agreement signed with Mali's government on Tuesday" names its
	 * parties: the signing is the news */
	if (!agr || (tr->tok_end < sv->n && (!strcmp(sv->w[tr->tok_end].t->fold, "with") ||
						 !strcmp(sv->w[tr->tok_end].t->fold, "avec") ||
						 !strcmp(sv->w[tr->tok_end].t->fold, "between") ||
						 !strcmp(sv->w[tr->tok_end].t->fold, "entre"))))
		return 0;
	/* the agreement noun within three words before, no actor between */
	for (k = tr->tok_start; k-- > 0 && k + 4 > tr->tok_start;) {
		if (sv->w[k].mention >= 0)
			return 0;
		if (sv->w[k].classes & agr)
			return 1;
	}
	return 0;
}

/* An attack word right before an equipment noun names the equipment's
 * kind ("delivered attack drones", "sold assault rifles"), not an attack;
 * unless an actor stands just before it as its subject ("militants attack
 * vehicles"). */
static int equipment_kind(const struct pw_patterns *p, const pw_sent_view *sv, const pw_trigger *tr)
{
	uint32_t arms = p->rule_cls.arms;

	if (!arms || tr->pat->tid != PW_PT_ASSAULT || tr->tok_end - tr->tok_start != 1 ||
	    tr->tok_end >= sv->n || !(sv->w[tr->tok_end].classes & arms))
		return 0;
	return !(tr->tok_start > 0 && sv->w[tr->tok_start - 1].mention >= 0);
}

static int code_sentence(coder_state *st, size_t si)
{
	const pw_sentence *s = &st->doc->sents[si];
	pw_sent_view sv;
	pw_trigger *trs;
	size_t ntr, i, k;
	uint32_t nth = 0;
	int rc, any_cand = 0;

	memset(&sv, 0, sizeof(sv));
	st->toks.n = 0;
	st->ments.n = 0;
	rc = pw_tokenize(&st->toks, st->a, st->doc->text, s->start, s->end);
	if (rc)
		return rc;
	/* speculative lists: a heading or an intro ending in ':' with a cue
	 * opens one; the next prose sentence closes it. Table rows are never
	 * reports of facts. */
	if (s->flags & PW_SENT_HEADING) {
		st->spec = speculative_intro(st->p, st->lang, &st->toks);
		return 0;
	}
	if (!(s->flags & (PW_SENT_BULLET | PW_SENT_TABLE))) {
		int colon = s->end > s->start && st->doc->text[s->end - 1] == ':';
		st->spec = colon && speculative_intro(st->p, st->lang, &st->toks);
		if (colon)
			return 0;
	}
	rc = pw_actors_match_sentence(&st->ments, st->ctx, st->doc, si, &st->toks, st->a, st->rs);
	if (rc)
		return rc;
	/* no actor, no event: the rest of the analysis would find no pair
	 * (most sentences of real news name no state) */
	if (!st->ments.n)
		return 0;
	sv.text = st->doc->text;
	sv.sent_start = s->start;
	sv.sent_end = s->end;
	sv.lang = st->lang;
	sv.flags = s->flags;
	sv.spec_context = (s->flags & PW_SENT_TABLE) || ((s->flags & PW_SENT_BULLET) && st->spec);
	sv.n = st->toks.n;
	sv.m = st->ments.v;
	sv.nm = st->ments.n;
	sv.w = pw_arena_alloc(st->a, (sv.n ? sv.n : 1) * sizeof(*sv.w));
	if (!sv.w)
		return PW_ENOMEM;
	for (i = 0; i < sv.n; i++) {
		pw_wtok *w = &sv.w[i];
		const pw_lexent *lx = pw_lexicon_get(st->lx, st->a, &st->toks.v[i], st->lang);

		if (!lx)
			return PW_ENOMEM;
		w->t = &st->toks.v[i];
		w->lx = lx;
		w->mention = -1;
		w->clause_break = 0;
		w->stem = lx->stem;
		w->classes = lx->classes;
		w->gram = lx->gram;
		if (st->p->security_class >= 0 && (w->classes & (1u << st->p->security_class)))
			sv.sec_frame = 1;
		sv.date_words |= lx->date;
		any_cand |= lx->ncand != 0;
	}
	/* no word that can start a pattern: no trigger */
	if (!any_cand)
		return 0;
	sv.imperative = opens_imperative(&sv);
	for (k = 0; k < sv.nm; k++)
		for (i = sv.m[k].tok_start; i < sv.m[k].tok_end && i < sv.n; i++)
			sv.w[i].mention = (int16_t)k;
	pw_clause_mark(&sv);
	rc = pw_match_sentence(&trs, &ntr, st->a, st->p, &sv);
	if (rc)
		return rc;
	/* a governed security activity puts the ending in a defence frame:
	 * "mis fin à la coopération en matière de formation" */
	for (i = 0; i < ntr; i++)
		if (trs[i].pat->security && !trs[i].pat->sec_conditional && governed_by_end(&sv, trs, ntr, i))
			sv.sec_frame = 1;
	for (i = 0; i < ntr && !sv.sec_frame; i++)
		if (trs[i].pat->tid == PW_PT_SANCTION && trs[i].pat->discontinue)
			sv.sec_frame = ends_security_activity(st->p, &sv, &trs[i]);
	for (i = 0; i < ntr; i++) {
		pw_pair *pairs;
		size_t np;
		const char *why;
		/* a noun restating the verb's act ("visited Lomé for talks",
		 * "met ... after their meeting") adds no event */
		if (trs[i].pat->nominal && restated(trs, i))
			continue;
		if (governed_by_end(&sv, trs, ntr, i))
			continue;
		if (talks_topic(&sv, trs, i))
			continue;
		if (prep_object(&sv, &trs[i]))
			continue;
		if (participle_restates(&sv, trs, i))
			continue;
		if (threat_complement(&sv, trs, i))
			continue;
		if (adjectival_participle(st->p, &sv, &trs[i]))
			continue;
		/* a trigger inside a hyphenated modifier ("ground-attack jets",
		 * "anti-strike") names a kind of thing, not an act */
		if (trs[i].tok_start >= 2 && sv.w[trs[i].tok_start - 1].t->fold[0] == '-' &&
		    sv.w[trs[i].tok_start - 1].t->end == sv.w[trs[i].tok_start].t->start &&
		    sv.w[trs[i].tok_start - 2].t->end == sv.w[trs[i].tok_start - 1].t->start)
			continue;
		if (equipment_kind(st->p, &sv, &trs[i]))
			continue;
		rc = pw_assign_roles(&pairs, &np, &why, st->a, st->p, &sv, &trs[i]);
		if (rc)
			return rc;
		if (np && (rc = emit(st, &sv, si, &trs[i], pairs, np, why, &nth)))
			return rc;
	}
	return 0;
}

int pw_coder_code_doc(pw_event_list **out, pw_context *ctx, pw_doc *doc, const pw_code_options *opts)
{
	pw_code_options defaults = PW_CODE_OPTIONS_INIT;
	coder_state st;
	pw_event_list *l;
	size_t si;
	int rc, y, m, d;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	rc = pw_coder_load(ctx);
	if (rc)
		return rc;
	if (!doc->prepared && (rc = pw_doc_prepare(ctx, doc)))
		return rc;
	l = pw_calloc(ctx, 1, sizeof(*l));
	if (!l)
		return PW_ENOMEM;
	l->ctx = ctx;
	pw_arena_init(&l->strings, ctx, 8192);
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.p = ctx->patterns;
	st.lx = ctx->lexicon;
	st.date_si = (size_t)-1;
	pw_lexicon_checkpoint(st.lx);
	st.doc = doc;
	st.opts = opts;
	st.out = l;
	st.lang = (doc->lang && !strcmp(doc->lang, "fr")) ? PW_LANG_FR : PW_LANG_EN;
	st.doc_year = (doc->date && !pw_date_parse(&y, &m, &d, doc->date)) ? y : 0;
	st.doc_id = lstr(l, doc->id, doc->id ? strlen(doc->id) : 0);
	st.doc_source = doc->source ? lstr(l, doc->source, strlen(doc->source)) : NULL;
	st.doc_url = doc->url ? lstr(l, doc->url, strlen(doc->url)) : NULL;
	if (!st.doc_id || (doc->source && !st.doc_source) || (doc->url && !st.doc_url)) {
		pw_event_list_free(l);
		return pw_error_set(ctx, PW_ENOMEM, "doc %s: out of memory while coding", doc->id ? doc->id : "?");
	}
	st.a = pw_lexicon_scratch(st.lx);
	rc = pw_refstate_new(&st.rs, ctx);
	for (si = 0; !rc && si < doc->nsent; si++) {
		rc = code_sentence(&st, si);
		pw_arena_reset(st.a);
	}
	pw_refstate_free(st.rs);
	pw_tokens_free(&st.toks, ctx);
	pw_free(ctx, st.ments.v);
	if (rc) {
		pw_event_list_free(l);
		if (rc == PW_ENOMEM)
			return pw_error_set(ctx, rc, "doc %s: out of memory while coding", doc->id ? doc->id : "?");
		return rc;
	}
	*out = l;
	return 0;
}

pw_context *pw_event_list_ctx(const pw_event_list *l);
pw_context *pw_event_list_ctx(const pw_event_list *l)
{
	return l->ctx;
}
