/*
 * Tokens: the unit every matching stage works on. A token is a span of the
 * document text plus its folded form (case-folded, accents stripped,
 * possessive removed), so "Russia's", "RUSSIA" and "russia" all fold to
 * "russia", and "Burkinabè" to "burkinabe", while offsets stay on the
 * original bytes.
 */
#ifndef PW_TOKENS_H
#define PW_TOKENS_H

#include "../core/internal.h"

enum {
	PW_TOK_WORD = 1 << 0,     /* letters (and digits inside) */
	PW_TOK_NUM = 1 << 1,      /* a number: 2023, 3.5, 1,000 */
	PW_TOK_PUNCT = 1 << 2,    /* any other single character */
	PW_TOK_UPPER = 1 << 3,    /* first letter upper-case ("Mali") */
	PW_TOK_ALLCAPS = 1 << 4,  /* every letter upper-case, 2+ letters ("AES") */
	PW_TOK_POSS = 1 << 5,     /* a possessive 's / ' was stripped from the fold */
	PW_TOK_ELISION = 1 << 6,  /* French elided article/pronoun: l' d' qu' n' s' j' */
	PW_TOK_JOINED = 1 << 7,   /* no space before this token (e.g. after '-') */
	PW_TOK_ACRONYM = 1 << 8   /* dotted acronym: U.S., U.N. */
};

typedef struct pw_token {
	uint32_t start, end;   /* byte span in the text given to pw_tokenize() */
	const char *fold;      /* folded form, NUL-terminated, in the arena */
	uint64_t h;            /* pw_word_hash(fold): word tables are keyed by it */
	uint16_t fold_len;
	uint16_t flags;        /* PW_TOK_* */
} pw_token;

typedef struct pw_tokens {
	pw_token *v;
	size_t n, cap;
} pw_tokens;

/* Tokenize text[start, end). Tokens and folds are allocated in arena a;
 * out->v is reused across calls (grown with pw_realloc on a->ctx; free with
 * pw_tokens_free). Returns 0 or PW_ENOMEM. */
int pw_tokenize(pw_tokens *out, pw_arena *a, const char *text, uint32_t start, uint32_t end);
void pw_tokens_free(pw_tokens *t, pw_context *ctx);

/* Fold a whole string the same way (for dictionary phrases): writes the
 * folded UTF-8 into out (NUL-terminated, at most cap bytes); returns its
 * length, or (size_t)-1 if it does not fit. */
size_t pw_fold(char *out, size_t cap, const char *s, size_t n);

/* The same without the fast paths (ASCII by table, folding and hashing in
 * one pass, Latin-1 letters by table): every character through utf8proc.
 * Slower, same results; the tests compare the two. */
int pw_tokenize_generic(pw_tokens *out, pw_arena *a, const char *text, uint32_t start,
			uint32_t end);
size_t pw_fold_generic(char *out, size_t cap, const char *s, size_t n);

#endif
