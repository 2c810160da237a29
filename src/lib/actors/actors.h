/*
 * The actor stage (internal interface): dictionaries, the token trie, dated
 * roles, references. The events coder consumes pw_actors_match_sentence().
 *
 * Files of this folder:
 *   dict.c       the dictionary object, dictionaries.conf, our text format, check/stats
 *   phoenix.c    the Phoenix/PETRARCH2 .actors and agents formats, read unchanged
 *   automaton.c  token interning and the trie over token ids
 *   roles.c      date-limited roles ("Bazoum -> NERGOV 2021-04-02..2023-07-26")
 *   refs.c       references: "the two countries", "the junta", "il"
 *   match.c      matching one sentence, combining agents with countries
 */
#ifndef PW_ACTORS_INTERNAL_H
#define PW_ACTORS_INTERNAL_H

#include "../core/internal.h"
#include "../segment/tokens.h"
#include "mention.h"

/* ---- the stage's API (used by the coder and the CLI) -------------------- */

/* Loads all dictionaries listed in <data>/actors/dictionaries.conf into
 * ctx->actors, once (later calls return 0 at once). PW_EDICT names the
 * file:line of the first bad entry; PW_EIO a missing file; PW_ENOMEM. */
int pw_actors_load(pw_context *ctx);

/* Per-document reference state (the previous sentences' actors). */
typedef struct pw_refstate pw_refstate;
/* *out is new, free with pw_refstate_free(). 0 or PW_ENOMEM. */
int pw_refstate_new(pw_refstate **out, pw_context *ctx);
void pw_refstate_free(pw_refstate *rs);
/* Forget everything: call at the start of each document. */
void pw_refstate_reset(pw_refstate *rs);

/* Mentions of sentence `sent` of a prepared doc (toks: pw_tokenize() over
 * that sentence's span, offsets into doc->text). Appends to out (out->v grown
 * with pw_realloc on ctx; the caller frees it with pw_free); strings
 * (resolved_from) in arena a; doc->date resolves dated roles. rs may be NULL
 * (no references resolved). Loads the dictionaries if needed. Sentences must
 * be given in order for references to work. 0, PW_ENOMEM or PW_EDICT. */
int pw_actors_match_sentence(pw_mentions *out, pw_context *ctx, const pw_doc *doc, size_t sent,
			     const pw_tokens *toks, pw_arena *a, pw_refstate *rs);

/* Members of a group code (e.g. "IGOWSTAFRAES" -> MLI, BFA, NER), as a
 * NULL-terminated list borrowed from the dictionary, or NULL if code is no
 * group (or the dictionaries are not loaded). */
const char *const *pw_actors_group_members(pw_context *ctx, const char *code);

/* English name of an ISO3 code from data/countries.tsv ("Mali"), or NULL.
 * Borrowed from the dictionary. */
const char *pw_actors_country_name(pw_context *ctx, const char *iso3);

/* ---- dictionary internals (shared by the files of this folder) --------- */

enum {
	PW_CASE_ANY = 0,   /* case-insensitive (folded) */
	PW_CASE_CAP = 1,   /* first token capitalized: "Chad" the country, not a name in prose */
	PW_CASE_CAPS = 2   /* every token all-caps: "US" not "us", "UN" not French "un", "AU" not "au" */
};

enum {
	PW_ENTRY_NAME = PW_MENTION_NAME,
	PW_ENTRY_ADJ = PW_MENTION_ADJ,
	PW_ENTRY_METONYM = PW_MENTION_METONYM,
	PW_ENTRY_AGENT = PW_MENTION_AGENT,
	PW_ENTRY_REF = PW_MENTION_REF,
	PW_ENTRY_GROUP = PW_MENTION_GROUP,
	PW_ENTRY_NKINDS
};

/* Reference kinds (entries of kind REF). */
enum {
	PW_REF_COUNT = 1,   /* "the two countries": the N most recent distinct countries */
	PW_REF_PRONOUN = 2, /* "it", "il": at sentence start, the previous sentence's first actor */
	PW_REF_WITHIN = 3   /* "the junta", "the West African nation": most recent country in a list */
};

/* A role: what an entry codes to, optionally limited in time. Dates are
 * "YYYY-MM-DD"; from is inclusive, until exclusive; "" = open. */
typedef struct pw_role {
	char code[32];
	char country[4];
	char sector[8];
	char from[11];
	char until[11];
	int32_t next;      /* next role of the same entry, -1 */
} pw_role;

typedef struct pw_entry {
	const char *phrase;      /* as written in the file (dict arena) */
	const char *where;       /* "file:line" (dict arena) */
	uint8_t kind;            /* PW_ENTRY_* */
	uint8_t casemode;        /* PW_CASE_* */
	uint8_t ref;             /* PW_REF_* for kind REF */
	uint8_t ref_count;       /* N for PW_REF_COUNT */
	uint16_t file;           /* index into the dictionary's file list */
	int32_t role0;           /* first role, -1 none */
	const char *const *members; /* groups: NULL-terminated ISO3 list (arena), else NULL */
	const char *const *within;  /* REF_WITHIN: candidate countries (arena) */
} pw_entry;

/* Statistics per loaded file (dict stats). */
typedef struct pw_dictfile {
	char *path;          /* relative to the data dir, or as given */
	const char *format;  /* "pactwatch", "phoenix-actors", "phoenix-agents" */
	size_t lines;        /* entry lines (our format) / phrase lines (Phoenix, + synonyms) */
	size_t phrases;      /* phrases inserted (incl. synonyms and generated plurals) */
	size_t shadowed;     /* phrases already defined by an earlier file (the earlier wins) */
	size_t rejects;      /* Phoenix: lines skipped, with documented reasons */
	size_t errors;       /* our format: bad lines (an error: load fails) */
	size_t by_kind[PW_ENTRY_NKINDS];
	size_t rej_nocode, rej_badcode, rej_baddate, rej_empty; /* Phoenix reject reasons */
} pw_dictfile;

/* Callback for every problem found while reading a file ("file:line: msg"). */
typedef void (*pw_dict_report_fn)(void *ud, const char *where, const char *msg);

/* A slot of the token intern table: hash, length and id side by side, so a
 * probe reads one slot and compares the bytes only on a real candidate. */
typedef struct pw_islot {
	uint64_t h;              /* pw_word_hash() of the folded token, 0 = empty */
	uint32_t id;
	uint32_t off;            /* of the folded string in ipool */
	uint32_t len;
} pw_islot;

typedef struct pw_actordict {
	pw_context *ctx;
	pw_arena arena;          /* phrases, where-strings, member lists: live as long as the dict */
	/* token interning: folded token -> id (1-based; 0 = not in any phrase) */
	pw_islot *islot;         /* open addressing, linear probing, icap a power of two */
	size_t icap, n_ids;
	pw_buf ipool;
	/* trie over token ids: root edges direct (root_child[id]), others hashed */
	uint32_t *root_child;    /* [n_ids + 1], 0 = none */
	size_t root_cap;
	uint64_t *ekey;          /* (node << 32 | id) + 1, 0 = empty slot */
	uint32_t *eval;
	size_t ecap, n_edges;
	int32_t *node_entry;     /* entry of node, -1 */
	uint8_t *node_case;      /* PW_CASE_* of the phrase ending at node */
	size_t n_nodes, node_cap;
	/* entries and roles */
	pw_entry *entries;
	size_t n_entries, entry_cap;
	pw_role *roles;
	size_t n_roles, role_cap;
	/* files */
	pw_dictfile *files;
	size_t n_files, file_cap;
	/* groups (entries with members), for pw_actors_group_members */
	int32_t *groups;
	size_t n_groups, group_cap;
	/* countries.tsv: iso3 -> English name, sorted by iso3 */
	char (*iso3)[4];
	const char **cname;
	size_t n_countries;
	/* scratch for tokenizing phrases while loading (reset per phrase) */
	pw_arena scratch;
	pw_tokens stoks;
	/* error reporting while loading */
	pw_dict_report_fn report;
	void *report_ud;
	size_t n_errors;
	char first_error[512];
	/* ids of the function words the matcher needs (0 if absent) */
	uint32_t id_of, id_de, id_du, id_des, id_d, id_la, id_l, id_the, id_hyphen, id_in, id_en;
} pw_actordict;

/* dict.c */
int pw_actordict_new(pw_actordict **out, pw_context *ctx);
void pw_actordict_free(pw_actordict *d);
/* Load the conf-listed files (conf_rel relative to the data dir) into d.
 * With a report callback, every error is reported and loading goes on. */
int pw_actordict_load_conf(pw_actordict *d, const char *conf_rel);
/* Load one file in a given format ("pactwatch", "phoenix-actors",
 * "phoenix-agents", or NULL: guessed from the name). */
int pw_actordict_load_file(pw_actordict *d, const char *path, const char *shown, const char *format);
/* Record a problem: counts it, keeps the first, calls the report callback. */
void pw_actordict_error(pw_actordict *d, pw_dictfile *f, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A new zeroed entry without roles; its index in *out. 0 or PW_ENOMEM. */
int pw_actordict_entry_new(pw_actordict *d, int32_t *out);
/* A string copied into the dict arena (NULL on ENOMEM). */
char *pw_actordict_strdup(pw_actordict *d, const char *s, size_t n);
/* New file record (its index is d->n_files - 1). NULL on ENOMEM. */
pw_dictfile *pw_actordict_add_file(pw_actordict *d, const char *shown, const char *format);
/* Parse a CAMEO-style code into a role (country = first 3 letters, sector =
 * the rest for national codes, "" for IGO/IMG/NGO...). 0 or -1 if malformed. */
int pw_role_from_code(pw_role *r, const char *code, size_t n);

/* phoenix.c: load a Phoenix actors (agents=0) or agents (agents=1) file's text. */
int pw_phoenix_load(pw_actordict *d, pw_dictfile *f, uint16_t fidx, const char *text, size_t len,
		    int agents);

/* automaton.c */
/* Id of a folded token, or 0 when no phrase uses it. */
uint32_t pw_intern_find(const pw_actordict *d, const char *s, size_t n);
/* Id of a folded token, adding it. 0 on ENOMEM. */
uint32_t pw_intern_add(pw_actordict *d, const char *s, size_t n);
/* The same with the word's pw_word_hash() already known (a token's h). */
uint32_t pw_intern_add_h(pw_actordict *d, const char *s, size_t n, uint64_t h);
/* Fill d->stoks with the tokens of a dictionary phrase (folds in d->scratch,
 * which the caller resets), as pw_tokenize() would: a plain ASCII phrase
 * (letters, digits, spaces, hyphens: 96 % of Phoenix) is split without
 * pw_tokenize's per-character classification; only start, end, fold,
 * fold_len and h are set on that path. 0 or PW_ENOMEM. */
int pw_phrase_tokenize(pw_actordict *d, const char *phrase, uint32_t n);

/* Inline: the matcher asks these for every token of every sentence. */
static inline size_t pw_edge_slot(uint64_t key, size_t cap)
{
	uint64_t x = key * 0x9e3779b97f4a7c15ULL;

	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	return (size_t)x & (cap - 1);
}

/* The id of a folded token whose pw_word_hash() is known (a token's h). */
static inline uint32_t pw_intern_find_h(const pw_actordict *d, const char *s, size_t n, uint64_t h)
{
	size_t mask = d->icap - 1, j;

	for (j = h & mask; d->islot[j].h; j = (j + 1) & mask) {
		const pw_islot *sl = &d->islot[j];

		if (sl->h == h && sl->len == n && !memcmp(d->ipool.data + sl->off, s, n))
			return sl->id;
	}
	return 0;
}

/* Child of node by token id, 0 if none (node 0 is the root; no child is 0). */
static inline uint32_t pw_trie_next(const pw_actordict *d, uint32_t node, uint32_t id)
{
	uint64_t key;
	size_t j;

	if (!id)
		return 0;
	if (node == 0)
		return id < d->root_cap ? d->root_child[id] : 0;
	key = (((uint64_t)node << 32) | id) + 1;
	for (j = pw_edge_slot(key, d->ecap); d->ekey[j]; j = (j + 1) & (d->ecap - 1))
		if (d->ekey[j] == key)
			return d->eval[j];
	return 0;
}
/* Insert a phrase given as token ids; *node_out is its end node. 0 or PW_ENOMEM. */
int pw_trie_insert(pw_actordict *d, const uint32_t *ids, size_t n, uint32_t *node_out);
int pw_trie_init(pw_actordict *d);
/* Room for that many more distinct words and trie edges, in one rehash
 * instead of a doubling at a time (a guess: too low only costs growth
 * later). 0 or PW_ENOMEM. */
int pw_trie_reserve(pw_actordict *d, size_t words, size_t edges);
void pw_trie_free(pw_actordict *d);
/* Tokenize a dictionary phrase and insert it for entry e (leading articles
 * "the", "le", "la", "les", "l'" dropped; hyphens ignored). Returns 1 if
 * inserted, 0 if the phrase was already defined (by an earlier entry: it is
 * kept; *existing is that entry), negative on error. */
int pw_dict_add_phrase(pw_actordict *d, const char *phrase, size_t n, int32_t entry,
		       uint8_t casemode, int32_t *existing);
/* Tokenize a phrase to ids (interning) into ids[cap]; returns count or -1. */
int pw_phrase_ids(pw_actordict *d, const char *phrase, size_t n, uint32_t *ids, size_t cap,
		  int add);

/* roles.c */
/* Append a role to entry e. 0 or PW_ENOMEM. */
int pw_entry_add_role(pw_actordict *d, int32_t e, const pw_role *r);
/* The role of entry e on date ("YYYY-MM-DD" or NULL): the dated role
 * covering it, else the undated one, else the country alone. Never NULL for
 * an entry with roles; fills *tmp when it builds one. */
const pw_role *pw_entry_role(const pw_actordict *d, const pw_entry *e, const char *date,
			     pw_role *tmp);
/* Is "YYYY-MM-DD" well-formed (digits, month 01-12, day 01-31)? */
int pw_date_ok(const char *s, size_t n);

/* refs.c */
typedef struct pw_refitem {
	char code[32];
	char country[4];
	char sector[8];
	char text[64];
	int32_t sentence;
	uint32_t start, end;  /* byte span of a named mention in the document */
	uint8_t is_ref;       /* itself a resolved reference (no span of its own) */
} pw_refitem;
/* Resolve reference entry e (mention m, already spanning the words) and
 * append the resolved mentions to out. nsent_items: the current sentence's
 * actors found before m. 0 or PW_ENOMEM. */
int pw_refs_resolve(pw_mentions *out, pw_context *ctx, const pw_entry *e, const pw_mention *m,
		    const pw_mentions *cur, size_t cur_from, pw_refstate *rs, pw_arena *a,
		    int32_t sent, const char *doctext);
/* Remember the country-level actors of sentence sent (mentions cur[from..]). */
void pw_refs_push_sentence(pw_refstate *rs, const pw_mentions *cur, size_t from, int32_t sent,
			   const char *text);

/* match.c */
int pw_mentions_push(pw_mentions *out, pw_context *ctx, pw_mention **m);

#endif
