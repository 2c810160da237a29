/*
 * Loading the coder's tables: trigger patterns (data/patterns/en.pat,
 * fr.pat), word classes (classes.txt), modality cues (modality.txt), PLOVER
 * scores and CAMEO Goldstein values (data/cameo/). Formats are documented in
 * data/patterns/README.md and in each file's header. Every error names
 * file:line.
 *
 * Words are stored stemmed (Snowball, per language) so the data lists lemmas
 * and "signed", "signing", "signs" all meet "sign". One stemmer per context:
 * libstemmer objects are not thread-safe.
 */
#include "events_internal.h"
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>

/* in the order of enum pw_ptype (events_internal.h) */
static const char *const plover_types[PW_PT_COUNT] = {
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"};
static const char *const security_types[] = {
	"talks", "agreement", "training", "arms", "intelligence", "exercise", "operations",
	"deployment", "basing", "request", "suspension", "withdrawal"};
static const char *const modality_names[PW_MOD_COUNT] = {
	"asserted", "future", "hypothetical", "negated", "historical"};

const char *pw_ptype_name(int tid)
{
	return (tid >= 0 && tid < PW_PT_COUNT) ? plover_types[tid] : "";
}

const char *pw_modality_name(int m)
{
	return (m >= 0 && m < PW_MOD_COUNT) ? modality_names[m] : "asserted";
}

static int modality_parse(const char *s)
{
	int i;
	for (i = 0; i < PW_MOD_COUNT; i++)
		if (!strcmp(s, modality_names[i]))
			return i;
	return -1;
}

/* ---- hashing of (lang, word, exact) keys --------------------------------- */

static uint64_t key_hash(int lang, const char *w, size_t n, int exact)
{
	uint64_t h = pw_hash64(w, n, 0x9e3779b97f4a7c15ULL + (uint64_t)lang * 131 + (uint64_t)exact);
	return h ? h : 1;
}

static int idx_grow(struct pw_patterns *p)
{
	size_t ncap = p->idx_cap ? p->idx_cap * 2 : 1024, i;
	uint64_t *nh = pw_calloc(p->ctx, ncap, sizeof(*nh));
	uint32_t *np = pw_calloc(p->ctx, ncap, sizeof(*np));

	if (!nh || !np) {
		pw_free(p->ctx, nh);
		pw_free(p->ctx, np);
		return PW_ENOMEM;
	}
	for (i = 0; i < p->idx_cap; i++) {
		size_t j;
		if (!p->idx_hash[i])
			continue;
		for (j = p->idx_hash[i] & (ncap - 1); nh[j]; j = (j + 1) & (ncap - 1))
			;
		nh[j] = p->idx_hash[i];
		np[j] = p->idx_pat[i];
	}
	pw_free(p->ctx, p->idx_hash);
	pw_free(p->ctx, p->idx_pat);
	p->idx_hash = nh;
	p->idx_pat = np;
	p->idx_cap = ncap;
	return 0;
}

/* Entry lists: idx_pat[slot] is 1 + the head entry; entries chain by idx_next. */
static int idx_add(struct pw_patterns *p, uint64_t h, uint32_t pat)
{
	size_t j;
	uint32_t e;

	if (p->nent == p->ent_cap) {
		size_t ecap = p->ent_cap ? p->ent_cap * 2 : 64;
		uint32_t *nx = pw_realloc(p->ctx, p->idx_next, ecap * sizeof(*nx));
		uint32_t *ep;
		if (!nx)
			return PW_ENOMEM;
		p->idx_next = nx;
		ep = pw_realloc(p->ctx, p->ent_pat, ecap * sizeof(*ep));
		if (!ep)
			return PW_ENOMEM;
		p->ent_pat = ep;
		p->ent_cap = ecap;
	}
	if ((p->nent + 1) * 2 > p->idx_cap && idx_grow(p))
		return PW_ENOMEM;
	for (j = h & (p->idx_cap - 1); p->idx_hash[j] && p->idx_hash[j] != h; j = (j + 1) & (p->idx_cap - 1))
		;
	/* one pattern may list the same first word twice: keep one entry */
	if (p->idx_hash[j])
		for (e = p->idx_pat[j]; e; e = p->idx_next[e - 1])
			if (p->ent_pat[e - 1] == pat)
				return 0;
	e = (uint32_t)p->nent++;
	p->ent_pat[e] = pat;
	p->idx_next[e] = p->idx_hash[j] ? p->idx_pat[j] : 0;
	p->idx_hash[j] = h;
	p->idx_pat[j] = e + 1;
	return 0;
}

/* ---- class words ------------------------------------------------------------ */

/* Tables of word sets: classes are at most a few thousand words, grammar
 * roles a few hundred, so a fixed capacity that fails loudly (PW_ELIMIT,
 * reported with the file and line) beats growing code. */
static int bittab_put(pw_context *ctx, pw_bittab *t, size_t cap, uint64_t h, uint32_t bit)
{
	size_t j;

	if (!t->cap) {
		t->h = pw_calloc(ctx, cap, sizeof(*t->h));
		t->bits = pw_calloc(ctx, cap, sizeof(*t->bits));
		if (!t->h || !t->bits)
			return PW_ENOMEM;
		t->cap = cap;
	}
	for (j = h & (t->cap - 1); t->h[j] && t->h[j] != h; j = (j + 1) & (t->cap - 1))
		;
	if (!t->h[j] && ++t->used * 2 > t->cap)
		return PW_ELIMIT;
	t->h[j] = h;
	t->bits[j] |= bit;
	return 0;
}

static uint32_t bittab_get(const pw_bittab *t, uint64_t h)
{
	size_t j;

	if (!t->cap)
		return 0;
	for (j = h & (t->cap - 1); t->h[j]; j = (j + 1) & (t->cap - 1))
		if (t->h[j] == h)
			return t->bits[j];
	return 0;
}

static void bittab_free(pw_context *ctx, pw_bittab *t)
{
	pw_free(ctx, t->h);
	pw_free(ctx, t->bits);
}

uint32_t pw_class_bits(const struct pw_patterns *p, int lang, const char *stem, const char *fold)
{
	uint32_t b = 0;
	if (stem)
		b |= bittab_get(&p->cls, key_hash(lang, stem, strlen(stem), 0));
	if (fold)
		b |= bittab_get(&p->cls, key_hash(lang, fold, strlen(fold), 1));
	return b;
}

int pw_class_bit(const struct pw_patterns *p, const char *name)
{
	int i;
	for (i = 0; i < p->nclasses; i++)
		if (!strcmp(p->class_names[i], name))
			return i;
	return -1;
}

/* ---- stemming ------------------------------------------------------------------ */

size_t pw_stem_with(struct sb_stemmer *st, const char *fold, size_t n, char *out, size_t cap)
{
	const sb_symbol *s;
	int len;

	if (!cap)
		return 0;
	/* Short words and words with digits are kept as they are: stemming
	 * "us" or "su-25" helps nothing and costs time. */
	if (n > 3 && st && (s = sb_stemmer_stem(st, (const sb_symbol *)fold, (int)n))) {
		len = sb_stemmer_length(st);
		if ((size_t)len >= cap)
			len = (int)cap - 1;
		memcpy(out, s, (size_t)len);
		out[len] = 0;
		return (size_t)len;
	}
	n = PW_MIN(n, cap - 1);
	memcpy(out, fold, n);
	out[n] = 0;
	return n;
}

size_t pw_stem(struct pw_patterns *p, int lang, const char *fold, size_t n, char *out, size_t cap)
{
	return pw_stem_with(p->stem[lang], fold, n, out, cap);
}

/* ---- line reading -------------------------------------------------------------- */

typedef struct lines {
	FILE *f;
	char *path;
	const char *rel;
	unsigned line;
	char buf[2048];
} lines;

static int lines_open(lines *l, pw_context *ctx, const char *rel)
{
	memset(l, 0, sizeof(*l));
	l->rel = rel;
	l->path = pw_data_path(ctx, rel);
	if (!l->path)
		return PW_ENOMEM;
	l->f = fopen(l->path, "r");
	if (!l->f) {
		int rc = pw_error_set(ctx, PW_EDICT, "%s: cannot open: %s", l->path, strerror(errno));
		pw_free(ctx, l->path);
		l->path = NULL;
		return rc;
	}
	return 0;
}

/* Next non-empty, non-comment line with the comment and trailing space
 * removed; NULL at the end. A '#' starts a comment only at line start or
 * after a space, so "#" inside words is kept. */
static char *lines_next(lines *l)
{
	while (fgets(l->buf, sizeof(l->buf), l->f)) {
		char *s = l->buf, *c, *e;
		l->line++;
		for (c = s; *c; c++)
			if (*c == '#' && (c == s || isspace((unsigned char)c[-1]))) {
				*c = 0;
				break;
			}
		while (isspace((unsigned char)*s))
			s++;
		e = s + strlen(s);
		while (e > s && isspace((unsigned char)e[-1]))
			*--e = 0;
		if (*s)
			return s;
	}
	return NULL;
}

static void lines_close(lines *l, pw_context *ctx)
{
	if (l->f)
		fclose(l->f);
	pw_free(ctx, l->path);
}

static const char *pool_where(struct pw_patterns *p, const lines *l)
{
	char tmp[256];
	snprintf(tmp, sizeof(tmp), "%s:%u", l->rel, l->line);
	return pw_arena_strndup(&p->pool, tmp, strlen(tmp));
}

static int lang_of(const char *s)
{
	if (!strcmp(s, "en"))
		return PW_LANG_EN;
	if (!strcmp(s, "fr"))
		return PW_LANG_FR;
	return -1;
}

/* Fold (and unless exact, stem) a data word into the pool: PW_EDICT when
 * it cannot be folded (the caller names the line), PW_ENOMEM when the pool
 * is out of memory (a data file is not to blame for that). */
static int pool_word(const char **out, struct pw_patterns *p, int lang, const char *w, int exact)
{
	char f[128], s[128];
	size_t n = pw_fold(f, sizeof(f), w, strlen(w));

	*out = NULL;
	if (n == (size_t)-1)
		return PW_EDICT;
	if (!exact)
		n = pw_stem(p, lang, f, n, s, sizeof(s));
	*out = pw_arena_strndup(&p->pool, exact ? f : s, n);
	return *out ? 0 : PW_ENOMEM;
}

/* The error of a pool_word() failure at l for word w. */
static int bad_word(struct pw_patterns *p, const lines *l, const char *w, int rc)
{
	if (rc == PW_ENOMEM)
		return pw_error_set(p->ctx, rc, "%s:%u: out of memory", l->path, l->line);
	return pw_error_set(p->ctx, PW_EDICT, "%s:%u: bad word '%s'", l->path, l->line, w);
}

/* ---- classes.txt ------------------------------------------------------------------- */

static uint32_t class_mask(const struct pw_patterns *p, const char *name)
{
	int bit = pw_class_bit(p, name);

	return bit >= 0 ? 1u << bit : 0;
}

/* The classes the rules test on every sentence, looked up by name once. */
static void resolve_rule_classes(struct pw_patterns *p)
{
	p->security_class = pw_class_bit(p, "security");
	p->rule_cls.agreement = class_mask(p, "agreement");
	p->rule_cls.arms = class_mask(p, "arms");
	p->rule_cls.border = class_mask(p, "border");
	p->rule_cls.possdet = class_mask(p, "possdet");
	p->rule_cls.notverb = class_mask(p, "notverb");
	p->rule_cls.activity = class_mask(p, "training") | class_mask(p, "intel") | class_mask(p, "arms") |
			       class_mask(p, "exercise") | class_mask(p, "operation");
}

static int load_classes(struct pw_patterns *p)
{
	lines l;
	char *s;
	int rc = lines_open(&l, p->ctx, "patterns/classes.txt");

	if (rc)
		return rc;
	while ((s = lines_next(&l))) {
		char *save = NULL, *name = strtok_r(s, " \t", &save);
		char *lang_s = strtok_r(NULL, " \t", &save), *w;
		int bit, lang;

		if (!name || name[0] != '@' || !lang_s || (lang = lang_of(lang_s)) < 0) {
			rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: expected '@class LANG words...'", l.path, l.line);
			break;
		}
		bit = pw_class_bit(p, name + 1);
		if (bit < 0) {
			if (p->nclasses >= PW_MAX_CLASSES || strlen(name + 1) >= sizeof(p->class_names[0])) {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: too many classes or name too long", l.path, l.line);
				break;
			}
			bit = p->nclasses++;
			strcpy(p->class_names[bit], name + 1);
		}
		while ((w = strtok_r(NULL, " \t", &save))) {
			int exact = w[0] == '=';
			const char *k;
			if ((rc = pool_word(&k, p, lang, w + exact, exact))) {
				rc = bad_word(p, &l, w, rc);
				break;
			}
			rc = bittab_put(p->ctx, &p->cls, 2048, key_hash(lang, k, strlen(k), exact), 1u << bit);
			if (rc) {
				rc = pw_error_set(p->ctx, rc, "%s:%u: class table full", l.path, l.line);
				break;
			}
		}
		if (rc)
			break;
	}
	lines_close(&l, p->ctx);
	if (!rc)
		resolve_rule_classes(p);
	return rc;
}

/* ---- grammar.txt ------------------------------------------------------------------- */

static const struct {
	const char *name;
	uint32_t bit;
} grammar_roles[] = {
	{"say", PW_GR_SAY},
	{"soft_break", PW_GR_SOFT_BREAK},
	{"break", PW_GR_BREAK},
	{"that_head", PW_GR_THAT_HEAD},
	{"connector", PW_GR_CONNECTOR},
	{"group_filler", PW_GR_GROUP_FILLER},
	{"be", PW_GR_BE},
	{"by", PW_GR_BY},
	{"nominal_mod", PW_GR_NOMINAL_MOD},
	{"location_prep", PW_GR_LOCATION_PREP},
	{"topic_prep", PW_GR_TOPIC_PREP},
	{"nominal_of", PW_GR_NOMINAL_OF},
	{"border_link", PW_GR_BORDER_LINK},
};

uint32_t pw_grammar_bits(const struct pw_patterns *p, const char *fold, size_t n)
{
	return bittab_get(&p->gram, pw_word_hash(fold, n));
}

static int load_grammar(struct pw_patterns *p)
{
	lines l;
	char *s;
	int rc = lines_open(&l, p->ctx, "patterns/grammar.txt");

	if (rc)
		return rc;
	while (!rc && (s = lines_next(&l))) {
		char *save = NULL, *name = strtok_r(s, " \t", &save), *w;
		uint32_t bit = 0;
		size_t r;

		for (r = 0; name && name[0] == '@' && r < PW_ARRAY_LEN(grammar_roles); r++)
			if (!strcmp(name + 1, grammar_roles[r].name))
				bit = grammar_roles[r].bit;
		if (!bit) {
			rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: expected '@ROLE words...' with a known role, not '%s'",
					  l.path, l.line, name ? name : "");
			break;
		}
		while ((w = strtok_r(NULL, " \t", &save))) {
			char f[128];
			size_t n = pw_fold(f, sizeof(f), w, strlen(w));

			if (n == (size_t)-1 || !n) {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: bad word '%s'", l.path, l.line, w);
				break;
			}
			rc = bittab_put(p->ctx, &p->gram, 1024, pw_word_hash(f, n), bit);
			if (rc) {
				rc = pw_error_set(p->ctx, rc, "%s:%u: grammar table full", l.path, l.line);
				break;
			}
		}
	}
	lines_close(&l, p->ctx);
	return rc;
}

/* ---- en.pat / fr.pat ------------------------------------------------------------- */

static int parse_classes(uint32_t *out, struct pw_patterns *p, const char *v)
{
	char tmp[256], *save = NULL, *c;

	*out = 0;
	snprintf(tmp, sizeof(tmp), "%s", v);
	for (c = strtok_r(tmp, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
		int bit = c[0] == '@' ? pw_class_bit(p, c + 1) : -1;
		if (bit < 0)
			return -1;
		*out |= 1u << bit;
	}
	return 0;
}

static int parse_pattern(pw_pattern *pt, struct pw_patterns *p, char *s, const lines *l, int lang)
{
	char *arrow = strstr(s, "=>"), *save = NULL, *w, *rhs;
	size_t i;
	int rc;

	memset(pt, 0, sizeof(*pt));
	pt->lang = (uint8_t)lang;
	pt->tid = pt->plain_tid = PW_PT_COUNT;
	pt->modality = -1;
	pt->mode = "";
	if (!arrow)
		return pw_error_set(p->ctx, PW_EDICT, "%s:%u: missing '=>'", l->path, l->line);
	*arrow = 0;
	rhs = arrow + 2;
	for (w = strtok_r(s, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *asave = NULL, *alt;
		pw_pat_word *pw;
		if (pt->nwords >= PW_PAT_MAXWORDS)
			return pw_error_set(p->ctx, PW_EDICT, "%s:%u: more than %d trigger words", l->path, l->line, PW_PAT_MAXWORDS);
		pw = &pt->words[pt->nwords++];
		for (alt = strtok_r(w, "|", &asave); alt; alt = strtok_r(NULL, "|", &asave)) {
			int exact = alt[0] == '=';
			if (pw->nalt >= PW_PAT_MAXALT)
				return pw_error_set(p->ctx, PW_EDICT, "%s:%u: more than %d alternatives", l->path, l->line, PW_PAT_MAXALT);
			pw->exact[pw->nalt] = (uint8_t)exact;
			if ((rc = pool_word(&pw->alt[pw->nalt], p, lang, alt + exact, exact)))
				return bad_word(p, l, alt, rc);
			pw->nalt++;
		}
		if (!pw->nalt)
			return pw_error_set(p->ctx, PW_EDICT, "%s:%u: empty trigger word", l->path, l->line);
	}
	if (!pt->nwords)
		return pw_error_set(p->ctx, PW_EDICT, "%s:%u: no trigger before '=>'", l->path, l->line);
	save = NULL;
	w = strtok_r(rhs, " \t", &save);
	if (!w)
		return pw_error_set(p->ctx, PW_EDICT, "%s:%u: no event type after '=>'", l->path, l->line);
	{
		char *colon = strchr(w, ':');
		if (colon) {
			*colon = 0;
			pt->mode = pw_arena_strndup(&p->pool, colon + 1, strlen(colon + 1));
		}
		for (i = 0; i < PW_ARRAY_LEN(plover_types); i++)
			if (!strcmp(w, plover_types[i]))
				pt->tid = (uint8_t)i;
		if (pt->tid == PW_PT_COUNT)
			return pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown PLOVER type '%s'", l->path, l->line, w);
	}
	while ((w = strtok_r(NULL, " \t", &save))) {
		char *eq = strchr(w, '=');
		const char *k = w, *v = eq ? eq + 1 : "";
		if (eq)
			*eq = 0;
		if (!strcmp(k, "cameo") && strlen(v) >= 2 && strlen(v) <= 4 && strspn(v, "0123456789") == strlen(v)) {
			strcpy(pt->cameo, v);
		} else if (!strcmp(k, "sec")) {
			size_t n = strlen(v);
			if (n && v[n - 1] == '?') {
				pt->sec_conditional = 1;
				n--;
			}
			for (i = 0; i < PW_ARRAY_LEN(security_types); i++)
				if (strlen(security_types[i]) == n && !strncmp(v, security_types[i], n))
					pt->security = security_types[i];
			if (!pt->security)
				return pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown security sub-type '%s'", l->path, l->line, v);
		} else if (!strcmp(k, "ctx")) {
			char tmp[128], *cs = NULL, *c;
			size_t nc = 0;
			snprintf(tmp, sizeof(tmp), "%s", v);
			for (c = strtok_r(tmp, ",", &cs); c && nc < 3; c = strtok_r(NULL, ",", &cs))
				pt->contexts[nc++] = pw_arena_strndup(&p->pool, c, strlen(c));
		} else if (!strcmp(k, "obj")) {
			if (parse_classes(&pt->obj_classes, p, v))
				return pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown class in obj=%s", l->path, l->line, v);
		} else if (!strcmp(k, "subj")) {
			if (parse_classes(&pt->subj_classes, p, v))
				return pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown class in subj=%s", l->path, l->line, v);
		} else if (!strcmp(k, "dir") && !strcmp(v, "reverse")) {
			pt->reverse = 1;
		} else if (!strcmp(k, "recip") && !eq) {
			pt->recip = 1;
		} else if (!strcmp(k, "nominal") && !eq) {
			pt->nominal = 1;
		} else if (!strcmp(k, "plain")) {
			for (i = 0; i < PW_ARRAY_LEN(plover_types); i++)
				if (!strcmp(v, plover_types[i]))
					pt->plain_tid = (uint8_t)i;
			if (pt->plain_tid == PW_PT_COUNT)
				return pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown PLOVER type in plain=%s", l->path, l->line, v);
		} else if (!strcmp(k, "mod") && modality_parse(v) >= 0) {
			pt->modality = modality_parse(v);
		} else {
			return pw_error_set(p->ctx, PW_EDICT, "%s:%u: bad option '%s%s%s'", l->path, l->line, k, eq ? "=" : "", v);
		}
	}
	if (!pt->cameo[0])
		return pw_error_set(p->ctx, PW_EDICT, "%s:%u: missing cameo=CODE", l->path, l->line);
	pt->where = pool_where(p, l);
	return 0;
}

static int load_pattern_file(struct pw_patterns *p, const char *rel, int lang, size_t *cap)
{
	lines l;
	char *s;
	int rc = lines_open(&l, p->ctx, rel);

	if (rc)
		return rc;
	while ((s = lines_next(&l))) {
		pw_pattern *pt;
		uint32_t a;
		if (p->npats == *cap) {
			size_t nc = *cap ? *cap * 2 : 256;
			pw_pattern *np = pw_realloc(p->ctx, p->pats, nc * sizeof(*np));
			if (!np) {
				rc = PW_ENOMEM;
				break;
			}
			p->pats = np;
			*cap = nc;
		}
		pt = &p->pats[p->npats];
		rc = parse_pattern(pt, p, s, &l, lang);
		if (rc)
			break;
		pt->order = (uint32_t)p->npats;
		for (a = 0; a < pt->words[0].nalt; a++) {
			const char *k = pt->words[0].alt[a];
			rc = idx_add(p, key_hash(lang, k, strlen(k), pt->words[0].exact[a]), (uint32_t)p->npats);
			if (rc)
				break;
		}
		if (rc)
			break;
		p->npats++;
	}
	lines_close(&l, p->ctx);
	return rc;
}

/* Patterns whose first word is key: calls fn for each (in load order is not
 * guaranteed; the matcher sorts). */
size_t pw_patterns_first(const struct pw_patterns *p, int lang, const char *key, int exact,
			 uint32_t *out, size_t cap)
{
	uint64_t h = key_hash(lang, key, strlen(key), exact);
	size_t j, n = 0;
	uint32_t e;

	if (!p->idx_cap)
		return 0;
	for (j = h & (p->idx_cap - 1); p->idx_hash[j]; j = (j + 1) & (p->idx_cap - 1))
		if (p->idx_hash[j] == h) {
			for (e = p->idx_pat[j]; e && n < cap; e = p->idx_next[e - 1])
				out[n++] = p->ent_pat[e - 1];
			break;
		}
	return n;
}

/* ---- modality.txt ---------------------------------------------------------------- */

static int load_cues(struct pw_patterns *p)
{
	lines l;
	char *s;
	size_t cap = 0, scap = 0;
	int rc = lines_open(&l, p->ctx, "patterns/modality.txt");

	if (rc)
		return rc;
	while ((s = lines_next(&l))) {
		char *save = NULL, *kind = strtok_r(s, " \t", &save);
		char *lang_s = strtok_r(NULL, " \t", &save), *w;
		int lang = lang_s ? lang_of(lang_s) : -1;

		if (!kind || lang < 0) {
			rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: expected 'MODALITY LANG ...'", l.path, l.line);
			break;
		}
		if (!strcmp(kind, "heading")) {
			char f[64];
			char *rest = strtok_r(NULL, "", &save);
			size_t n = rest ? pw_fold(f, sizeof(f), rest, strlen(rest)) : (size_t)-1;
			if (n == (size_t)-1 || p->nheading[lang] >= PW_ARRAY_LEN(p->heading_cues[0])) {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: bad heading cue", l.path, l.line);
				break;
			}
			p->heading_cues[lang][p->nheading[lang]++] = pw_arena_strndup(&p->pool, f, n);
		} else if (!strcmp(kind, "imperative")) {
			while ((w = strtok_r(NULL, " \t", &save))) {
				char f[64];
				size_t n = pw_fold(f, sizeof(f), w, strlen(w));
				if (n == (size_t)-1 || p->nimperative[lang] >= PW_ARRAY_LEN(p->imperatives[0])) {
					rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: bad imperative cue '%s'", l.path, l.line, w);
					break;
				}
				p->imperatives[lang][p->nimperative[lang]++] = pw_arena_strndup(&p->pool, f, n);
			}
			if (rc)
				break;
		} else if (!strcmp(kind, "suffix")) {
			char *mod_s = strtok_r(NULL, " \t", &save);
			int m = mod_s ? modality_parse(mod_s) : -1;
			if (m < 0) {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: expected 'suffix LANG MODALITY endings'", l.path, l.line);
				break;
			}
			while ((w = strtok_r(NULL, " \t", &save))) {
				if (p->nsuffixes == scap) {
					size_t nc = scap ? scap * 2 : 16;
					pw_suffix *ns = pw_realloc(p->ctx, p->suffixes, nc * sizeof(*ns));
					if (!ns) {
						rc = PW_ENOMEM;
						break;
					}
					p->suffixes = ns;
					scap = nc;
				}
				p->suffixes[p->nsuffixes].lang = (uint8_t)lang;
				p->suffixes[p->nsuffixes].modality = (uint8_t)m;
				p->suffixes[p->nsuffixes].len = strlen(w);
				p->suffixes[p->nsuffixes++].end = pw_arena_strndup(&p->pool, w, strlen(w));
			}
			if (rc)
				break;
		} else {
			int m = modality_parse(kind);
			char *scope = strtok_r(NULL, " \t", &save);
			pw_cue *c;
			if (m < 0 || !scope) {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown modality '%s'", l.path, l.line, kind);
				break;
			}
			if (p->ncues == cap) {
				size_t nc = cap ? cap * 2 : 128;
				pw_cue *ncues = pw_realloc(p->ctx, p->cues, nc * sizeof(*ncues));
				if (!ncues) {
					rc = PW_ENOMEM;
					break;
				}
				p->cues = ncues;
				cap = nc;
			}
			c = &p->cues[p->ncues];
			memset(c, 0, sizeof(*c));
			c->lang = (uint8_t)lang;
			c->modality = (uint8_t)m;
			if (!strcmp(scope, "near"))
				c->scope = PW_SCOPE_NEAR;
			else if (!strcmp(scope, "clause"))
				c->scope = PW_SCOPE_CLAUSE;
			else if (!strcmp(scope, "sent"))
				c->scope = PW_SCOPE_SENT;
			else if (!strcmp(scope, "any"))
				c->scope = PW_SCOPE_ANY;
			else {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: unknown scope '%s'", l.path, l.line, scope);
				break;
			}
			while ((w = strtok_r(NULL, " \t", &save))) {
				char f[64];
				size_t n = pw_fold(f, sizeof(f), w, strlen(w));
				if (n == (size_t)-1 || c->nwords >= PW_ARRAY_LEN(c->words)) {
					rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: cue too long", l.path, l.line);
					break;
				}
				c->words[c->nwords++] = pw_arena_strndup(&p->pool, f, n);
			}
			if (rc)
				break;
			if (!c->nwords) {
				rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: empty cue", l.path, l.line);
				break;
			}
			c->where = pool_where(p, &l);
			c->h0 = pw_word_hash(c->words[0], strlen(c->words[0]));
			p->ncues++;
		}
	}
	lines_close(&l, p->ctx);
	return rc;
}

/* ---- data/cameo ---------------------------------------------------------------------- */

static int load_scores(struct pw_patterns *p)
{
	lines l;
	char *s;
	size_t cap = 0;
	int rc = lines_open(&l, p->ctx, "cameo/plover_scores.tsv");

	if (rc)
		return rc;
	while ((s = lines_next(&l))) {
		pw_plover_score sc;
		char type[32], mode[32];
		if (sscanf(s, "%31s %31s %d %lf", type, mode, &sc.quad, &sc.score) != 4 ||
		    sc.quad < 1 || sc.quad > 4 || strlen(type) >= sizeof(sc.type) || strlen(mode) >= sizeof(sc.mode)) {
			rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: expected TYPE MODE QUAD SCORE", l.path, l.line);
			break;
		}
		strcpy(sc.type, type);
		strcpy(sc.mode, strcmp(mode, "-") ? mode : "");
		if (p->nscores == cap) {
			size_t nc = cap ? cap * 2 : 128;
			pw_plover_score *ns = pw_realloc(p->ctx, p->scores, nc * sizeof(*ns));
			if (!ns) {
				rc = PW_ENOMEM;
				break;
			}
			p->scores = ns;
			cap = nc;
		}
		p->scores[p->nscores++] = sc;
	}
	lines_close(&l, p->ctx);
	return rc;
}

static int load_codes(struct pw_patterns *p)
{
	lines l;
	char *s;
	size_t cap = 0;
	int rc = lines_open(&l, p->ctx, "cameo/codes.tsv");

	if (rc)
		return rc;
	while ((s = lines_next(&l))) {
		pw_cameo_code c;
		char code[16];
		if (sscanf(s, "%15s %lf", code, &c.goldstein) != 2 || strlen(code) >= sizeof(c.code)) {
			rc = pw_error_set(p->ctx, PW_EDICT, "%s:%u: expected CODE GOLDSTEIN NAME", l.path, l.line);
			break;
		}
		strcpy(c.code, code);
		if (p->ncodes == cap) {
			size_t nc = cap ? cap * 2 : 512;
			pw_cameo_code *ncs = pw_realloc(p->ctx, p->codes, nc * sizeof(*ncs));
			if (!ncs) {
				rc = PW_ENOMEM;
				break;
			}
			p->codes = ncs;
			cap = nc;
		}
		p->codes[p->ncodes++] = c;
	}
	lines_close(&l, p->ctx);
	return rc;
}

void pw_plover_lookup(const struct pw_patterns *p, const char *type, const char *mode,
		      int *quad, double *score)
{
	size_t i;
	*quad = 0;
	*score = 0;
	for (i = 0; i < p->nscores; i++) {
		if (strcmp(p->scores[i].type, type))
			continue;
		if (!p->scores[i].mode[0] && !*quad) {
			*quad = p->scores[i].quad;
			*score = p->scores[i].score;
		}
		if (mode && *mode && !strcmp(p->scores[i].mode, mode)) {
			*quad = p->scores[i].quad;
			*score = p->scores[i].score;
			return;
		}
	}
}

double pw_goldstein(const struct pw_patterns *p, const char *cameo)
{
	size_t i;
	for (i = 0; i < p->ncodes; i++)
		if (!strcmp(p->codes[i].code, cameo))
			return p->codes[i].goldstein;
	return 0;
}

/* ---- load / free ------------------------------------------------------------------------ */

void pw_patterns_free(struct pw_patterns *p)
{
	pw_context *ctx;
	int i;

	if (!p)
		return;
	ctx = p->ctx;
	for (i = 0; i < PW_NLANGS; i++)
		if (p->stem[i])
			sb_stemmer_delete(p->stem[i]);
	pw_arena_free(&p->pool);
	pw_free(ctx, p->pats);
	pw_free(ctx, p->idx_hash);
	pw_free(ctx, p->idx_pat);
	pw_free(ctx, p->idx_next);
	pw_free(ctx, p->ent_pat);
	bittab_free(ctx, &p->cls);
	bittab_free(ctx, &p->gram);
	pw_free(ctx, p->cues);
	pw_free(ctx, p->suffixes);
	pw_free(ctx, p->scores);
	pw_free(ctx, p->codes);
	pw_free(ctx, p);
}

int pw_patterns_load(struct pw_patterns **out, pw_context *ctx)
{
	struct pw_patterns *p = pw_calloc(ctx, 1, sizeof(*p));
	size_t cap = 0;
	int rc;

	*out = NULL;
	if (!p)
		return PW_ENOMEM;
	p->ctx = ctx;
	pw_arena_init(&p->pool, ctx, 16384);
	p->stem[PW_LANG_EN] = sb_stemmer_new("english", NULL);
	p->stem[PW_LANG_FR] = sb_stemmer_new("french", NULL);
	if (!p->stem[PW_LANG_EN] || !p->stem[PW_LANG_FR]) {
		pw_patterns_free(p);
		return pw_error_set(ctx, PW_ENOMEM, "libstemmer: cannot create English/French stemmers");
	}
	rc = load_classes(p);
	if (!rc)
		rc = load_grammar(p);
	if (!rc)
		rc = load_pattern_file(p, "patterns/en.pat", PW_LANG_EN, &cap);
	if (!rc)
		rc = load_pattern_file(p, "patterns/fr.pat", PW_LANG_FR, &cap);
	if (!rc)
		rc = load_cues(p);
	if (!rc)
		rc = load_scores(p);
	if (!rc) {
		size_t i;
		for (i = 0; i < p->npats; i++) {
			pw_pattern *pt = &p->pats[i];
			pw_plover_lookup(p, plover_types[pt->tid], pt->mode, &pt->quad, &pt->score);
			pt->discontinue = pt->mode && !strcmp(pt->mode, "discontinue");
		}
		for (i = 0; i < PW_PT_COUNT; i++)
			pw_plover_lookup(p, plover_types[i], "", &p->type_quad[i], &p->type_score[i]);
	}
	if (!rc)
		rc = load_codes(p);
	if (rc) {
		if (rc == PW_ENOMEM && !pw_error_last(ctx)[0])
			pw_error_set(ctx, PW_ENOMEM, "out of memory loading patterns");
		pw_patterns_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

static void patterns_free_cb(struct pw_patterns *p)
{
	pw_patterns_free(p);
}

int pw_patterns_get(struct pw_patterns **out, pw_context *ctx)
{
	int rc;

	if (!ctx->patterns) {
		rc = pw_patterns_load(&ctx->patterns, ctx);
		if (rc)
			return rc;
		ctx->patterns_free = patterns_free_cb;
	}
	*out = ctx->patterns;
	return 0;
}
