/*
 * Internal interface of the event coder (src/lib/events). Not installed.
 *
 * The pieces, in pipeline order:
 *   patterns.c  load data/patterns/ and data/cameo/ into struct pw_patterns
 *               (one per context), stem words with libstemmer
 *   match.c     find the triggers of one sentence
 *   clause.c    clause boundaries, actor / recipient assignment
 *   modality.c  asserted / future / hypothetical / negated / historical
 *   dates.c     event dates from the sentence ("on Monday", "le 4 décembre")
 *   coder.c     the document loop and the event list
 */
#ifndef PW_EVENTS_INTERNAL_H
#define PW_EVENTS_INTERNAL_H

#include "../core/internal.h"
#include "../segment/tokens.h"
#include "../actors/mention.h"
#include "pactwatch/coder.h"

struct sb_stemmer;

enum { PW_LANG_EN = 0, PW_LANG_FR = 1, PW_NLANGS = 2 };

/* Modalities, in the order the contract lists them. */
enum pw_modality {
	PW_MOD_ASSERTED = 0,
	PW_MOD_FUTURE,
	PW_MOD_HYPOTHETICAL,
	PW_MOD_NEGATED,
	PW_MOD_HISTORICAL,
	PW_MOD_COUNT
};
const char *pw_modality_name(int m);

/* Word classes (data/patterns/classes.txt): bit per class. */
#define PW_MAX_CLASSES 32
enum { PW_PAT_MAXWORDS = 6, PW_PAT_MAXALT = 20, PW_PAT_MAXOBJ = 4 };

/* One slot of a trigger: alternatives, each a stem (or an exact fold when
 * the data wrote '=word'). */
typedef struct pw_pat_word {
	uint8_t nalt;
	uint8_t exact[PW_PAT_MAXALT];
	const char *alt[PW_PAT_MAXALT];   /* in the pattern string pool */
} pw_pat_word;

/* The PLOVER 2.0 event types, as numbers for the coder's rules (the names
 * are pw_ptype_name()). */
enum pw_ptype {
	PW_PT_AGREE, PW_PT_CONSULT, PW_PT_SUPPORT, PW_PT_CONCEDE, PW_PT_COOPERATE, PW_PT_AID,
	PW_PT_RETREAT, PW_PT_REQUEST, PW_PT_ACCUSE, PW_PT_REJECT, PW_PT_THREATEN, PW_PT_PROTEST,
	PW_PT_SANCTION, PW_PT_MOBILIZE, PW_PT_COERCE, PW_PT_ASSAULT, PW_PT_COUNT
};
const char *pw_ptype_name(int tid);

typedef struct pw_pattern {
	uint8_t lang;
	uint8_t nwords;
	pw_pat_word words[PW_PAT_MAXWORDS];
	uint8_t tid;               /* PLOVER type (enum pw_ptype; name: pw_ptype_name) */
	uint8_t discontinue;       /* mode is "discontinue" */
	const char *mode;          /* "" or mode (pool) */
	char cameo[6];
	const char *security;      /* NULL or static sub-type name */
	int sec_conditional;       /* "sec=x?": only in a security frame */
	const char *contexts[4];   /* pool strings, NULL-terminated */
	uint32_t obj_classes;      /* required object classes (any), 0 = none */
	uint32_t subj_classes;     /* required class word just before trigger */
	int reverse;               /* grammatical subject is the recipient */
	int recip;                 /* reciprocal: both directions */
	int nominal;               /* a noun: actor may come from "X's"/"of X" */
	int modality;              /* -1 or a forced PW_MOD_* */
	uint8_t plain_tid;         /* "plain=TYPE": the type when a conditional
				    * sub-type is dropped (no defence frame), or
				    * PW_PT_COUNT (none) */
	int quad;                  /* quad and score of type:mode (plover_scores.tsv) */
	double score;
	uint32_t order;            /* position in load order */
	const char *where;         /* "file:line" (pool) */
} pw_pattern;

/* A modality cue: folded words. */
typedef struct pw_cue {
	uint8_t lang;
	uint8_t modality;          /* PW_MOD_* */
	uint8_t scope;             /* PW_SCOPE_* */
	uint8_t nwords;
	const char *words[6];
	uint64_t h0;               /* hash of words[0] */
	const char *where;
} pw_cue;
enum { PW_SCOPE_NEAR = 0, PW_SCOPE_CLAUSE, PW_SCOPE_SENT, PW_SCOPE_ANY };

typedef struct pw_suffix {
	uint8_t lang, modality;
	const char *end;
	size_t len;                /* strlen(end) */
} pw_suffix;

typedef struct pw_plover_score {
	char type[12];
	char mode[20];
	int quad;
	double score;
} pw_plover_score;

typedef struct pw_cameo_code {
	char code[6];
	double goldstein;
} pw_cameo_code;

/* A fixed-size open-addressing table: 64-bit word hash -> bits. */
typedef struct pw_bittab {
	uint64_t *h;                   /* 0 = empty */
	uint32_t *bits;
	size_t cap, used;
} pw_bittab;

/* Everything the coder loads, hung on ctx->patterns. */
struct pw_patterns {
	pw_context *ctx;
	struct sb_stemmer *stem[PW_NLANGS]; /* load time only (pw_stem) */
	pw_arena pool;                 /* strings of the tables */
	pw_pattern *pats;
	size_t npats;
	/* stem/fold hash -> first word index: open addressing over patterns */
	uint64_t *idx_hash;            /* 0 = empty */
	uint32_t *idx_pat;             /* chain: list heads into idx_next */
	uint32_t *idx_next;            /* per (pattern, alt) entry */
	uint32_t *ent_pat;
	size_t idx_cap, nent, ent_cap;
	/* classes: name -> bit; word sets per language */
	char class_names[PW_MAX_CLASSES][24];
	int nclasses;
	pw_bittab cls;                 /* (lang, stem or exact fold) hash -> class bits */
	int security_class;            /* bit index of @security */
	/* masks of the classes the coder's rules name, resolved once at load
	 * (0 when the data has no such class: the rule is then off) */
	struct {
		uint32_t agreement, arms, border, possdet, notverb;
		uint32_t activity;         /* training, intel, arms, exercise, operation */
	} rule_cls;
	pw_bittab gram;                /* grammar.txt: fold hash -> PW_GR_* bits */
	pw_cue *cues;
	size_t ncues;
	pw_suffix *suffixes;
	size_t nsuffixes;
	const char *heading_cues[2][64];
	size_t nheading[2];
	const char *imperatives[2][96];  /* verbs whose bare form opening a
					  * sentence is an instruction */
	size_t nimperative[2];
	pw_plover_score *scores;
	size_t nscores;
	int type_quad[PW_PT_COUNT];    /* quad and score of each type without a mode */
	double type_score[PW_PT_COUNT];
	pw_cameo_code *codes;
	size_t ncodes;
};

/* Grammar roles (data/patterns/grammar.txt): bit per role. */
enum {
	PW_GR_SAY = 1u << 0,           /* reporting verbs */
	PW_GR_SOFT_BREAK = 1u << 1,    /* new clause after a comma */
	PW_GR_BREAK = 1u << 2,         /* new clause, comma or not */
	PW_GR_THAT_HEAD = 1u << 3,     /* "that"/"que" after it opens a clause */
	PW_GR_CONNECTOR = 1u << 4,     /* joins coordinated mentions */
	PW_GR_GROUP_FILLER = 1u << 5,  /* may stand between coordinated mentions */
	PW_GR_BE = 1u << 6,            /* passive auxiliary */
	PW_GR_BY = 1u << 7,            /* passive agent preposition */
	PW_GR_NOMINAL_MOD = 1u << 8,   /* between a possessor and its noun */
	PW_GR_LOCATION_PREP = 1u << 9, /* makes a country name a place */
	PW_GR_TOPIC_PREP = 1u << 10,   /* makes a noun trigger a topic */
	PW_GR_NOMINAL_OF = 1u << 11,   /* links a nominal trigger to its actor */
	PW_GR_BORDER_LINK = 1u << 12   /* between a border word and its country */
};
/* PW_GR_* bits of a folded word. */
uint32_t pw_grammar_bits(const struct pw_patterns *p, const char *fold, size_t n);

/* Load all tables (returns 0, PW_EDICT with file:line, PW_ENOMEM). */
int pw_patterns_get(struct pw_patterns **out, pw_context *ctx);
int pw_patterns_load(struct pw_patterns **out, pw_context *ctx);
void pw_patterns_free(struct pw_patterns *p);

/* Stem a folded word for lang into out (cap bytes). Returns length. */
size_t pw_stem(struct pw_patterns *p, int lang, const char *fold, size_t n, char *out, size_t cap);
/* The same with a given stemmer (NULL: the word as it is). */
size_t pw_stem_with(struct sb_stemmer *st, const char *fold, size_t n, char *out, size_t cap);
/* Patterns whose first word is key (stem, or exact fold): up to cap
 * pattern indexes into out, their number. */
size_t pw_patterns_first(const struct pw_patterns *p, int lang, const char *key, int exact,
			 uint32_t *out, size_t cap);

/* ---- lexicon.c: what the coder knows of a word, cached per context ------ */

typedef struct pw_lexent {
	uint64_t h;                 /* the token's pw_word_hash */
	uint8_t lang, word;         /* language; a PW_TOK_WORD token */
	uint8_t date;               /* pw_date_word() */
	uint8_t imperative;         /* an "imperative" cue of its language */
	uint16_t fold_len;
	uint32_t classes;           /* classes.txt bits (words only) */
	uint32_t gram;              /* PW_GR_* bits */
	uint16_t ncand, ncue;
	const char *stem;           /* Snowball stem (words only), else NULL */
	const uint32_t *cand;       /* patterns it can start: by stem, then exact */
	const uint32_t *cue;        /* modality cues it can start, ascending */
	char fold[];
} pw_lexent;

struct pw_lexicon;
int pw_lexicon_new(struct pw_lexicon **out, pw_context *ctx, const struct pw_patterns *p);
void pw_lexicon_free(struct pw_lexicon *lx);
/* The entry of token t in language lang; borrowed until the next
 * checkpoint (or, for words met while the cache is full, until scratch is
 * reset). NULL on ENOMEM. */
const pw_lexent *pw_lexicon_get(struct pw_lexicon *lx, pw_arena *scratch, const pw_token *t, int lang);
/* Between documents: empties the cache when it is half full. */
void pw_lexicon_checkpoint(struct pw_lexicon *lx);
/* The coder's per-context scratch arena (reset by the coder after each
 * sentence and document, never freed before the lexicon). */
pw_arena *pw_lexicon_scratch(struct pw_lexicon *lx);
/* Class bits of a token (by stem and by exact fold). */
uint32_t pw_class_bits(const struct pw_patterns *p, int lang, const char *stem, const char *fold);
int pw_class_bit(const struct pw_patterns *p, const char *name);
/* Quad and PLOVER score of type/mode. */
void pw_plover_lookup(const struct pw_patterns *p, const char *type, const char *mode,
		      int *quad, double *score);
double pw_goldstein(const struct pw_patterns *p, const char *cameo);

/* ---- per-sentence analysis ---------------------------------------------- */

/* A token with its stem and class bits, the unit matching works on. */
typedef struct pw_wtok {
	const pw_token *t;
	const pw_lexent *lx;        /* its lexicon entry */
	const char *stem;
	uint32_t classes;
	uint32_t gram;              /* PW_GR_* bits */
	int16_t mention;            /* index of the mention covering it, or -1 */
	uint8_t clause_break;       /* a clause boundary starts at this token */
	uint32_t cs, ce;            /* its clause [cs, ce), set by pw_clause_mark */
} pw_wtok;

typedef struct pw_sent_view {
	const char *text;           /* the document text */
	uint32_t sent_start, sent_end;
	int lang;
	pw_wtok *w;
	size_t n;
	const pw_mention *m;
	size_t nm;
	uint32_t flags;             /* PW_SENT_* */
	int spec_context;           /* under a speculative heading/intro */
	int imperative;             /* opens with an instruction ("Establish ...") */
	int sec_frame;              /* sentence has a @security word */
	int date_words;             /* sentence has a pw_date_word() */
} pw_sent_view;

/* A trigger found in a sentence. */
typedef struct pw_trigger {
	const pw_pattern *pat;
	uint32_t tok_start, tok_end;     /* trigger words */
	int32_t obj_tok;                 /* object class word, or -1 */
} pw_trigger;

int pw_match_sentence(pw_trigger **out, size_t *n, pw_arena *a, struct pw_patterns *p,
		      const pw_sent_view *sv);

/* Modality of a trigger: returns PW_MOD_*; *why (when why is not NULL)
 * is a static or arena string explaining the cue. doc_year is the document's year (0 if unknown). */
int pw_modality_of(const char **why, pw_arena *a, const struct pw_patterns *p,
		   const pw_sent_view *sv, const pw_trigger *tr, int doc_year);

/* Clause boundaries: [*cs, *ce) token range of the clause around tok. */
void pw_clause_range(const pw_sent_view *sv, uint32_t tok, uint32_t *cs, uint32_t *ce);
/* Mark clause breaks on sv->w (called once per sentence). */
void pw_clause_mark(pw_sent_view *sv);

/* Actor / recipient pairs for a trigger. Each pair is two mention indexes
 * (recipient -1 when none). */
typedef struct pw_pair {
	int16_t actor, recipient;
} pw_pair;
int pw_assign_roles(pw_pair **out, size_t *n, const char **why, pw_arena *a,
		    const struct pw_patterns *p, const pw_sent_view *sv, const pw_trigger *tr);

/* ---- dates ------------------------------------------------------------------- */

/* Resolve a date expression in text[start,end) (a sentence) against
 * doc_date ("YYYY-MM-DD"). Returns 1 and writes out (11 bytes) when the
 * sentence gives a date, 0 when not (out untouched). lang: PW_LANG_*. */
int pw_date_resolve(char out[11], const char *text, size_t len, const char *doc_date, int lang);
/* Can folded word w take part in a date pw_date_resolve() finds (a
 * weekday, a month, "yesterday", "week", ...)? A sentence without one has
 * no date of its own: the coder skips resolving it. */
int pw_date_word(const char *w);
/* Background dated by a year phrase ("in late 2021" -> 2021-12-01, "début
 * 2023" -> 2023-01-01, "in 2013" -> 2013-01-01): the first year at least
 * two years before doc_year. 1 and out filled when found. */
int pw_date_year(char out[11], const char *text, size_t len, int doc_year);
int pw_date_month_word(const char *fold);
/* Days between civil dates, weekday (0 = Monday) etc. */
int pw_date_parse(int *y, int *m, int *d, const char *s);
void pw_date_add_days(int *y, int *m, int *d, int days);
int pw_date_weekday(int y, int m, int d);

#endif
