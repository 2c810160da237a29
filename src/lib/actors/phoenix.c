/*
 * Phoenix / PETRARCH2 (TABARI) dictionaries, read unchanged, so analysts'
 * years of work in that format load beside ours.
 *
 * Actors files (*.actors.txt):
 *   PRIMARY_PHRASE_ [CODE]         a new block; the code may instead come on
 *   +SYNONYM_PHRASE                indented lines below: synonyms of the block
 *   <TAB>[CODE 930417-940928]      a role limited in time (YYMMDD, or YYYYMMDD;
 *   <TAB>[CODE >070101] [CODE <..] two-digit years <= 29 are 20YY, else 19YY)
 *   # comment                      (also after an entry)
 * Underscores separate words. TABARI's "no final underscore = prefix match"
 * is not kept: every phrase matches whole tokens (documented in README).
 *
 * Agents file:
 *   !PERSON! = MAN, MEN, WOMAN     substitution class, expanded in phrases
 *   PHRASE {PLURAL} [~SECTOR]      {PLURAL} an explicit plural, {} none;
 *   PHRASE [~SECTOR]               without braces a regular plural is made.
 *
 * Documented rejects (counted, never fatal, listed by `dict stats`):
 *   nocode   a block whose phrases have no code at all (e.g. "U.N._" alone)
 *   badcode  a code that is not capital letters/digits
 *   baddate  a date restriction that is not YYMMDD/YYYYMMDD (the code line
 *            is dropped, the block keeps its other codes)
 *   empty    a phrase that folds to nothing or is longer than 32 words
 */
#include "actors.h"
#include <stdio.h>

/* YYMMDD or YYYYMMDD into "YYYY-MM-DD"; 0 or -1. */
static int phx_date(char out[11], const char *s, size_t n)
{
	char buf[11];
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	/* by hand, not snprintf: the Phoenix files carry tens of thousands
	 * of dated roles and this was a quarter of the dictionary load */
	if (n == 6) {
		int yy = (s[0] - '0') * 10 + (s[1] - '0');

		memcpy(buf, yy <= 29 ? "20" : "19", 2);
		memcpy(buf + 2, s, 2);
	} else if (n == 8) {
		memcpy(buf, s, 4);
		s += 2;
	} else {
		return -1;
	}
	buf[4] = '-';
	memcpy(buf + 5, s + 2, 2);
	buf[7] = '-';
	memcpy(buf + 8, s + 4, 2);
	buf[10] = '\0';
	/* the digits are checked above: only month and day ranges remain */
	{
		int m = (buf[5] - '0') * 10 + (buf[6] - '0'), dd = (buf[8] - '0') * 10 + (buf[9] - '0');

		if (m < 1 || m > 12 || dd < 1 || dd > 31)
			return -1;
	}
	memcpy(out, buf, 11);
	return 0;
}

/* Parse "[CODE]", "[CODE a-b]", "[CODE >a]", "[CODE <b]" at s (inside the
 * brackets: s..e). Returns 0, -1 bad code, -2 bad date. */
static int phx_code(pw_role *r, const char *s, const char *e)
{
	const char *c = s, *ce, *dt;

	while (c < e && (*c == ' ' || *c == '\t'))
		c++;
	for (ce = c; ce < e && *ce != ' ' && *ce != '\t'; ce++)
		;
	if (pw_role_from_code(r, c, (size_t)(ce - c)))
		return -1;
	for (dt = ce; dt < e && (*dt == ' ' || *dt == '\t'); dt++)
		;
	while (e > dt && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (dt == e)
		return 0;
	if (*dt == '>')
		return phx_date(r->from, dt + 1, (size_t)(e - dt - 1)) ? -2 : 0;
	if (*dt == '<')
		return phx_date(r->until, dt + 1, (size_t)(e - dt - 1)) ? -2 : 0;
	{
		const char *dash = memchr(dt, '-', (size_t)(e - dt));

		if (!dash || phx_date(r->from, dt, (size_t)(dash - dt)) ||
		    phx_date(r->until, dash + 1, (size_t)(e - dash - 1)))
			return -2;
	}
	return 0;
}

/* A phrase as written ("AFGHAN_NATIONAL_ARMY_") into words ("AFGHAN NATIONAL ARMY"). */
static size_t phx_words(char *out, size_t cap, const char *s, const char *e)
{
	size_t n;
	char *u;

	while (s < e && (*s == ' ' || *s == '\t' || *s == '_'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '_' || e[-1] == '\r'))
		e--;
	/* a copy, then the few underscores replaced (not a byte-by-byte
	 * translation: 40,000 phrases at each start) */
	n = s < e ? PW_MIN((size_t)(e - s), cap - 1) : 0;
	memcpy(out, s, n);
	out[n] = '\0';
	for (u = memchr(out, '_', n); u; u = memchr(u + 1, '_', n - (size_t)(u + 1 - out)))
		*u = ' ';
	return n;
}

struct block {
	char phrases[1024][160]; /* largest block in Phoenix.Countries: 217 phrases */
	uint32_t lines[1024];
	size_t nphr;
	pw_role roles[64];
	size_t nroles;
};

/* Short single words ("US", "UN") must be all-caps in text; longer phrases
 * capitalized: Phoenix holds proper names, and "Say" (a town in Niger) or
 * "Nice" must not fire on the verb and the adjective. */
static uint8_t phx_case(const char *w, size_t n)
{
	return (n <= 3 && !memchr(w, ' ', n)) ? PW_CASE_CAPS : PW_CASE_CAP;
}

/* The next line at *p as s..*le, without its comment and trailing blanks;
 * *p moves past it. */
static void phx_line(const char **p, const char *e, const char **s, const char **le)
{
	const char *nl = memchr(*p, '\n', (size_t)(e - *p)), *hash;

	*s = *p;
	*le = nl ? nl : e;
	*p = nl ? nl + 1 : e;
	hash = memchr(*s, '#', (size_t)(*le - *s));
	if (hash)
		*le = hash;
	while (*le > *s && ((*le)[-1] == ' ' || (*le)[-1] == '\t' || (*le)[-1] == '\r'))
		(*le)--;
}

/* "path:line" in the dict arena, by hand: one per Phoenix entry (29,000),
 * and snprintf was an eighth of the whole dictionary load. */
static const char *phx_where(pw_actordict *d, const char *path, uint32_t ln)
{
	char num[PW_U64_DIGITS], *digits = pw_u64_digits(num + sizeof(num), ln);
	size_t pl = strlen(path), nl = (size_t)(num + sizeof(num) - digits);
	char *w = pw_arena_alloc(&d->arena, pl + 1 + nl + 1);

	if (!w)
		return NULL;
	memcpy(w, path, pl);
	w[pl] = ':';
	memcpy(w + pl + 1, digits, nl);
	w[pl + 1 + nl] = '\0';
	return w;
}

/* A new entry of this kind for phrase, found at the file's line ln. */
static int phx_entry(pw_actordict *d, pw_dictfile *f, uint16_t fidx, uint8_t kind,
		     uint8_t casemode, uint32_t ln, const char *phrase, int32_t *out)
{
	pw_entry *en;
	int rc = pw_actordict_entry_new(d, out);

	if (rc)
		return rc;
	en = &d->entries[*out];
	en->kind = kind;
	en->casemode = casemode;
	en->file = fidx;
	en->where = phx_where(d, f->path, ln);
	en->phrase = pw_actordict_strdup(d, phrase, strlen(phrase));
	return en->where && en->phrase ? 0 : PW_ENOMEM;
}

/* The code inside brackets s..e as the block's next role; bad codes and
 * dates are counted as rejects. */
static void block_code(struct block *b, pw_dictfile *f, const char *s, const char *e)
{
	int r;

	if (b->nroles == PW_ARRAY_LEN(b->roles))
		return;
	r = phx_code(&b->roles[b->nroles], s, e);
	if (r == 0)
		b->nroles++;
	else if (r == -1)
		f->rej_badcode++;
	else
		f->rej_baddate++;
}

static int flush_block(pw_actordict *d, pw_dictfile *f, uint16_t fidx, struct block *b)
{
	int32_t ent;
	size_t i;
	int rc;

	if (!b->nphr)
		return 0;
	if (!b->nroles) {
		f->rejects += b->nphr;
		f->rej_nocode += b->nphr;
		b->nphr = 0;
		return 0;
	}
	rc = phx_entry(d, f, fidx, PW_ENTRY_NAME, PW_CASE_CAP, b->lines[0], b->phrases[0], &ent);
	if (rc)
		return rc;
	for (i = 0; i < b->nroles; i++)
		if ((rc = pw_entry_add_role(d, ent, &b->roles[i])))
			return rc;
	for (i = 0; i < b->nphr; i++) {
		int32_t existing;
		size_t n = strlen(b->phrases[i]);

		rc = pw_dict_add_phrase(d, b->phrases[i], n, ent, phx_case(b->phrases[i], n), &existing);
		if (rc == PW_ELIMIT || rc == PW_EINVAL) {
			f->rejects++;
			f->rej_empty++;
			continue;
		}
		if (rc < 0)
			return rc;
		f->phrases++;
		if (rc == 0)
			f->shadowed++;
	}
	f->by_kind[PW_ENTRY_NAME]++;
	b->nphr = b->nroles = 0;
	return 0;
}

static int load_actors(pw_actordict *d, pw_dictfile *f, uint16_t fidx, const char *text, size_t len)
{
	struct block *b = pw_calloc(d->ctx, 1, sizeof(*b));
	const char *p = text, *e = text + len;
	uint32_t ln = 0;
	int rc = 0;

	if (!b)
		return PW_ENOMEM;
	while (p < e && !rc) {
		const char *s, *le;

		ln++;
		phx_line(&p, e, &s, &le);
		if (le == s)
			continue;
		if (*s == ' ' || *s == '\t') {
			/* code lines of the current block: one or more [CODE date] */
			const char *q = s;

			while ((q = memchr(q, '[', (size_t)(le - q))) != NULL) {
				const char *cl = memchr(q, ']', (size_t)(le - q));

				if (!cl)
					cl = le;
				block_code(b, f, q + 1, cl);
				q = cl < le ? cl + 1 : le;
			}
			continue;
		}
		{
			const char *br = memchr(s, '[', (size_t)(le - s)), *pe = br ? br : le;
			int syn = *s == '+';

			if (!syn && (rc = flush_block(d, f, fidx, b)))
				break;
			f->lines++;
			if (syn)
				s++;
			if (b->nphr == PW_ARRAY_LEN(b->phrases)) {
				f->rejects++;
				f->rej_empty++;
			} else if (phx_words(b->phrases[b->nphr], sizeof(b->phrases[0]), s, pe) == 0) {
				f->rejects++;
				f->rej_empty++;
			} else {
				b->lines[b->nphr++] = ln;
			}
			if (br) {
				const char *cl = memchr(br, ']', (size_t)(le - br));

				block_code(b, f, br + 1, cl ? cl : le);
			}
		}
	}
	if (!rc)
		rc = flush_block(d, f, fidx, b);
	pw_free(d->ctx, b);
	return rc;
}

/* ---- agents ------------------------------------------------------------ */

#define MAX_SUBST 16

struct subst {
	char name[32];
	char words[16][32];
	size_t n;
};

static int add_agent(pw_actordict *d, pw_dictfile *f, int32_t ent, const char *phrase)
{
	int32_t existing;
	int rc = pw_dict_add_phrase(d, phrase, strlen(phrase), ent, PW_CASE_ANY, &existing);

	if (rc == 0 && existing != ent)
		f->shadowed++;
	return rc == PW_ELIMIT || rc == PW_EINVAL ? 0 : rc < 0 ? rc : 0;
}

/* Regular English plural of the last word, TABARI style. */
static void plural(char *out, size_t cap, const char *w)
{
	size_t n = strlen(w);

	if (n + 3 >= cap) {
		out[0] = '\0';
		return;
	}
	memcpy(out, w, n + 1);
	if (n && (w[n - 1] == 'Y' || w[n - 1] == 'y') && n > 1 && !strchr("AEIOUaeiou", w[n - 2]))
		strcpy(out + n - 1, "IES");
	else if (n && (w[n - 1] == 'S' || w[n - 1] == 'X' || w[n - 1] == 'Z' ||
		       (n > 1 && w[n - 1] == 'H' && (w[n - 2] == 'C' || w[n - 2] == 'S'))))
		strcpy(out + n, "ES");
	else
		strcpy(out + n, "S");
}

static int load_agents(pw_actordict *d, pw_dictfile *f, uint16_t fidx, const char *text, size_t len)
{
	struct subst *subs = pw_calloc(d->ctx, MAX_SUBST, sizeof(*subs));
	size_t nsubs = 0;
	const char *p = text, *e = text + len;
	uint32_t ln = 0;
	int rc = 0;

	if (!subs)
		return PW_ENOMEM;
	while (p < e && !rc) {
		const char *s, *le, *br, *cb, *ob;
		char phrase[200], plur[200];
		pw_role r;
		int32_t ent;

		ln++;
		phx_line(&p, e, &s, &le);
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		if (le == s)
			continue;
		if (*s == '!') {
			/* !NAME! = A, B, C */
			const char *eq = memchr(s, '=', (size_t)(le - s)), *q;
			struct subst *sb;

			if (!eq || nsubs == MAX_SUBST)
				continue;
			sb = &subs[nsubs++];
			snprintf(sb->name, sizeof(sb->name), "%.*s", (int)PW_MIN((size_t)(eq - s), 31), s);
			while (strlen(sb->name) && sb->name[strlen(sb->name) - 1] == ' ')
				sb->name[strlen(sb->name) - 1] = '\0';
			for (q = eq + 1; q < le && sb->n < 16;) {
				const char *c = memchr(q, ',', (size_t)(le - q)), *we = c ? c : le;

				while (q < we && *q == ' ')
					q++;
				phx_words(sb->words[sb->n], sizeof(sb->words[0]), q, we);
				if (sb->words[sb->n][0])
					sb->n++;
				q = c ? c + 1 : le;
			}
			continue;
		}
		f->lines++;
		br = memchr(s, '[', (size_t)(le - s));
		if (!br) {
			f->rejects++;
			f->rej_nocode++;
			continue;
		}
		cb = memchr(br, ']', (size_t)(le - br));
		if (phx_code(&r, br + 1, cb ? cb : le) || !r.sector[0] || r.country[0]) {
			f->rejects++;
			f->rej_badcode++;
			continue;
		}
		ob = memchr(s, '{', (size_t)(br - s));
		if (phx_words(phrase, sizeof(phrase), s, ob ? ob : br) == 0) {
			f->rejects++;
			f->rej_empty++;
			continue;
		}
		plur[0] = '\0';
		if (ob) {
			const char *oc = memchr(ob, '}', (size_t)(br - ob));

			if (oc)
				phx_words(plur, sizeof(plur), ob + 1, oc);
		} else {
			plural(plur, sizeof(plur), phrase);
		}
		rc = phx_entry(d, f, fidx, PW_ENTRY_AGENT, PW_CASE_ANY, ln, phrase, &ent);
		if (rc || (rc = pw_entry_add_role(d, ent, &r)))
			break;
		f->phrases++;
		f->by_kind[PW_ENTRY_AGENT]++;
		/* expand one substitution class ("CATTLE!PERSON!" -> CATTLEMAN, ...) */
		{
			const char *bang = strchr(phrase, '!');
			size_t i, k;

			if (bang) {
				for (i = 0; i < nsubs; i++) {
					size_t nl2 = strlen(subs[i].name);

					if (strncmp(bang, subs[i].name, nl2))
						continue;
					for (k = 0; k < subs[i].n && !rc; k++) {
						char x[256];

						snprintf(x, sizeof(x), "%.*s%s%s", (int)(bang - phrase), phrase,
							 subs[i].words[k], bang + nl2);
						rc = add_agent(d, f, ent, x);
					}
					break;
				}
				continue;
			}
		}
		if ((rc = add_agent(d, f, ent, phrase)))
			break;
		if (plur[0] && (rc = add_agent(d, f, ent, plur)))
			break;
	}
	pw_free(d->ctx, subs);
	return rc;
}

int pw_phoenix_load(pw_actordict *d, pw_dictfile *f, uint16_t fidx, const char *text, size_t len,
		    int agents)
{
	int rc = agents ? load_agents(d, f, fidx, text, len) : load_actors(d, f, fidx, text, len);

	if (rc == PW_ENOMEM)
		return pw_error_set(d->ctx, rc, "out of memory loading %s", f->path);
	return rc;
}
