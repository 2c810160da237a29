/*
 * Internal interface of the normalization / language / sentence stages
 * (used by pw_doc_prepare() in ingest/doc.c). Not installed.
 */
#ifndef PW_SEGMENT_H
#define PW_SEGMENT_H

#include "../core/internal.h"

/* A set of short folded words with a small value, for the abbreviation and
 * stop-word tables: open addressing over (hash, offset into a string pool). */
typedef struct pw_wordset {
	uint64_t *hashes;    /* 0 = empty slot */
	uint32_t *offs;      /* offset of the NUL-terminated key in pool */
	uint8_t *vals;
	size_t cap, n;
	size_t maxlen;       /* the longest key: a longer word is not looked up */
	pw_buf pool;
} pw_wordset;

void pw_wordset_init(pw_wordset *s, pw_context *ctx);
/* Add (or overwrite) key -> val. 0 or PW_ENOMEM. */
int pw_wordset_put(pw_wordset *s, const char *key, size_t len, uint8_t val);
/* Value of key, or 0 when absent (values are never 0). */
uint8_t pw_wordset_get(const pw_wordset *s, const char *key, size_t len);
void pw_wordset_free(pw_wordset *s);

/* Abbreviation table entry kinds (data/segment/abbreviations.txt). */
enum {
	PW_ABBR_TITLE = 1,  /* "Gen.", "Col.", "Mme.": never ends a sentence */
	PW_ABBR_PLAIN = 2,  /* "Jan.", "U.S.", "art.": ends one only before a starter word */
	PW_ABBR_STARTER = 3,/* "The", "Le": a word that typically opens a sentence */
	PW_ABBR_TLD = 4     /* "com", "org": "word.com" is a domain, not a glued sentence */
};

/* Tag kinds (data/segment/tags.txt). */
enum { PW_TAG_BLOCK = 1, PW_TAG_INLINE = 2, PW_TAG_DROP = 3 };

#define PW_MAX_LANGS 8

/* The tables loaded once per context from data/segment/. */
typedef struct pw_segtables {
	pw_wordset abbr;            /* folded word (no final dot) -> PW_ABBR_* */
	pw_wordset stop;            /* folded stop word -> 1-based language index */
	pw_wordset tags;            /* HTML tag name -> PW_TAG_* (for debris stripping) */
	char langs[PW_MAX_LANGS][8];/* language codes in profile order */
	int nlangs;
} pw_segtables;

/* The tables of ctx, loaded on first use. Borrowed from the context.
 * Returns 0, PW_EDICT (file:line in the message) or PW_ENOMEM. */
int pw_segtables_get(const pw_segtables **out, pw_context *ctx);
/* Load / free (for tests and the context state). */
int pw_segtables_load(pw_segtables *t, pw_context *ctx);
void pw_segtables_free(pw_segtables *t);

/* Normalize text[0, len) (see doc.h pw_doc_prepare): returns a new
 * NUL-terminated string (pw_free) in *out / *out_len, the number of
 * repaired sequences in *repairs and the byte offset of the first one (in
 * the input) in *first_bad. 0 or PW_ENOMEM. */
int pw_normalize_text(char **out, size_t *out_len, uint32_t *repairs, uint64_t *first_bad,
		      pw_context *ctx, const char *text, size_t len);

/* Decode one UTF-8 sequence strictly (no overlongs, surrogates, or values
 * above U+10FFFF) from p[0, n), p[0] >= 0x80. Returns its length, 0 if invalid. */
size_t pw_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* Replace tag-like debris left by bad HTML-to-text conversions ("< / li >",
 * "td >", "< strong >>") in place with spaces/newlines; returns how many
 * were removed. The caller collapses the whitespace again. */
size_t pw_strip_tag_debris(const pw_segtables *t, char *text, size_t len);
/* Collapse whitespace in place as pw_normalize_text() does; returns the new length. */
size_t pw_collapse_space(char *text, size_t len);

/* Detect the language of text from the stop-word profile: returns a code
 * borrowed from the tables ("en", "fr") or "und". */
const char *pw_lang_detect(const pw_segtables *t, const char *text, size_t len);

/* Split normalized text into sentences: *out is a new array (pw_free) of
 * *n sentences. 0 or PW_ENOMEM. */
int pw_sentences_split(pw_sentence **out, size_t *n, pw_context *ctx, const pw_segtables *t,
		       const char *text, size_t len);

#endif
