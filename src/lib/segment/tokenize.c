/* Tokenizer and folding (see tokens.h). ASCII takes a table-driven fast
 * path; other code points go through utf8proc's decomposition one at a time
 * (no per-token malloc). */
#include "tokens.h"
#include <utf8proc.h>

/* Fold one code point into out; returns bytes written (0 if dropped). */
static size_t fold_cp(utf8proc_int32_t cp, char *out, size_t cap)
{
	utf8proc_int32_t dec[8];
	utf8proc_ssize_t n, i;
	size_t w = 0;

	if (cp < 0x80) {
		if (cap < 1)
			return 0;
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	/* Ligatures utf8proc keeps whole: French writes "œuvre", "Cœur". */
	if (cp == 0x0153 || cp == 0x0152) {
		if (cap < 2)
			return 0;
		out[0] = 'o'; out[1] = 'e';
		return 2;
	}
	if (cp == 0x00E6 || cp == 0x00C6) {
		if (cap < 2)
			return 0;
		out[0] = 'a'; out[1] = 'e';
		return 2;
	}
	/* Typographic apostrophes fold to ASCII. */
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
		cp = '\'';
	if (cp == '\'') {
		if (cap < 1)
			return 0;
		out[0] = '\'';
		return 1;
	}
	n = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
				    UTF8PROC_STRIPMARK | UTF8PROC_COMPAT, NULL);
	if (n < 0 || n > 8) {
		dec[0] = cp;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		utf8proc_uint8_t buf[4];
		utf8proc_ssize_t k;

		if (utf8proc_category(dec[i]) == UTF8PROC_CATEGORY_MN)
			continue;
		k = utf8proc_encode_char(dec[i], buf);
		if ((size_t)k > cap - w)
			return w;
		memcpy(out + w, buf, (size_t)k);
		w += (size_t)k;
	}
	return w;
}

size_t pw_fold(char *out, size_t cap, const char *s, size_t n)
{
	size_t i = 0, w = 0;

	if (cap == 0)
		return (size_t)-1;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			cp = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		if (cap - w < 9)
			return (size_t)-1;
		w += fold_cp(cp, out + w, cap - w - 1);
	}
	out[w] = '\0';
	return w;
}

static inline int ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_word_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return ascii_alnum(cp);
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ND;
}

static int is_space_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029;
}

static int is_upper_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_apos(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static utf8proc_int32_t cp_at(const char *t, uint32_t i, uint32_t end, utf8proc_ssize_t *len)
{
	utf8proc_int32_t cp;

	if ((unsigned char)t[i] < 0x80) {
		*len = 1;
		return (unsigned char)t[i];
	}
	*len = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(end - i), &cp);
	if (*len <= 0) {
		*len = 1;
		return 0xFFFD;
	}
	return cp;
}

static pw_token *push(pw_tokens *out, pw_arena *a)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		pw_token *v = pw_realloc(a->ctx, out->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		out->v = v;
		out->cap = cap;
	}
	return &out->v[out->n++];
}

/* Is there a dotted acronym (A.B. or A.B.C.) starting at i? Returns its end. */
static uint32_t acronym_end(const char *t, uint32_t i, uint32_t end)
{
	uint32_t j = i, letters = 0;

	while (j + 1 < end && ((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= 'a' && t[j] <= 'z')) &&
	       t[j + 1] == '.') {
		letters++;
		j += 2;
		/* a letter after the dot without a space continues the acronym */
		if (j >= end || !((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= 'a' && t[j] <= 'z')))
			break;
		if (j + 1 < end && t[j + 1] != '.')
			break;
	}
	return letters >= 2 ? j : i;
}

/* Lower-case n ASCII bytes of src into dst (NUL-terminated); 0 as soon
 * as a byte is not ASCII (the caller then folds with utf8proc). */
static int ascii_lower(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c >= 0x80)
			return 0;
		dst[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	dst[n] = '\0';
	return 1;
}

static int set_fold(pw_token *tk, pw_arena *a, const char *t, uint32_t s, uint32_t e,
		    int drop_dots)
{
	size_t cap, n;
	char *f;

	n = e - s;
	f = pw_arena_alloc(a, n + 1);
	if (!f)
		return PW_ENOMEM;
	/* the common case in news prose: one pass, no utf8proc call; else
	 * fold again with room for expansion (the first copy is left unused
	 * in the arena: a few bytes, freed with it) */
	if (!ascii_lower(f, t + s, n)) {
		cap = (size_t)(e - s) * 3 + 16;
		f = pw_arena_alloc(a, cap);
		if (!f)
			return PW_ENOMEM;
		n = pw_fold(f, cap, t + s, e - s);
		if (n == (size_t)-1)
			n = 0;
	}
	if (drop_dots) {
		/* "U.S." folds to "u.s": inner dots kept so it never equals "us" */
		while (n && f[n - 1] == '.')
			f[--n] = '\0';
	}
	tk->fold = f;
	tk->fold_len = (uint16_t)(n > 65535 ? 65535 : n);
	tk->h = pw_word_hash(f, tk->fold_len);
	return 0;
}

int pw_tokenize(pw_tokens *out, pw_arena *a, const char *t, uint32_t start, uint32_t end)
{
	uint32_t i = start;
	int space_before = 1;

	out->n = 0;
	while (i < end) {
		utf8proc_ssize_t k;
		utf8proc_int32_t cp = cp_at(t, i, end, &k);
		pw_token *tk;
		uint32_t s = i, e;

		if (is_space_cp(cp)) {
			i += (uint32_t)k;
			space_before = 1;
			continue;
		}
		tk = push(out, a);
		if (!tk)
			return PW_ENOMEM;
		tk->flags = space_before ? 0 : PW_TOK_JOINED;
		space_before = 0;
		if (!is_word_cp(cp)) {
			tk->start = s;
			tk->end = s + (uint32_t)k;
			tk->flags |= PW_TOK_PUNCT;
			if (set_fold(tk, a, t, tk->start, tk->end, 0))
				return PW_ENOMEM;
			i = tk->end;
			continue;
		}
		e = acronym_end(t, s, end);
		if (e > s) {
			tk->start = s;
			tk->end = e;
			tk->flags |= PW_TOK_WORD | PW_TOK_ACRONYM | PW_TOK_UPPER | PW_TOK_ALLCAPS;
			if (set_fold(tk, a, t, s, e, 1))
				return PW_ENOMEM;
			i = e;
			continue;
		}
		{
			int digits_only = 1, upper_first = is_upper_cp(cp), all_upper = 1, letters = 0;
			uint32_t j = s;

			while (j < end) {
				utf8proc_ssize_t kk;
				utf8proc_int32_t c2;

				/* ASCII letters: no decoding, no property lookup */
				if ((unsigned char)t[j] < 0x80 && ascii_alnum(t[j])) {
					if (!(t[j] >= '0' && t[j] <= '9')) {
						digits_only = 0;
						letters++;
						if (t[j] >= 'a')
							all_upper = 0;
					}
					j++;
					continue;
				}
				c2 = cp_at(t, j, end, &kk);

				if (is_word_cp(c2)) {
					if (!(c2 >= '0' && c2 <= '9')) {
						digits_only = 0;
						letters++;
						if (!is_upper_cp(c2) && utf8proc_category(c2) != UTF8PROC_CATEGORY_MN)
							all_upper = 0;
					}
					j += (uint32_t)kk;
					continue;
				}
				/* 3.5, 1,000, 12:30 inside numbers */
				if (digits_only && (c2 == '.' || c2 == ',' || c2 == ':') && j + 1 < end &&
				    t[j + 1] >= '0' && t[j + 1] <= '9') {
					j += 1;
					continue;
				}
				break;
			}
			e = j;
			tk->start = s;
			tk->end = e;
			tk->flags |= digits_only ? PW_TOK_NUM : PW_TOK_WORD;
			if (upper_first)
				tk->flags |= PW_TOK_UPPER;
			if (!digits_only && all_upper && letters >= 2)
				tk->flags |= PW_TOK_ALLCAPS;
			i = e;
			/* apostrophe after the word: possessive or French elision */
			if (i < end) {
				utf8proc_ssize_t ka;
				utf8proc_int32_t ap = cp_at(t, i, end, &ka);

				if (is_apos(ap)) {
					uint32_t after = i + (uint32_t)ka;
					utf8proc_ssize_t kn = 0;
					utf8proc_int32_t nx = after < end ? cp_at(t, after, end, &kn) : ' ';

					if ((nx == 's' || nx == 'S') &&
					    (after + 1 >= end || !is_word_cp(cp_at(t, after + 1, end, &kn)))) {
						/* Russia's: fold without 's, span keeps it */
						if (set_fold(tk, a, t, s, e, 0))
							return PW_ENOMEM;
						tk->end = after + 1;
						tk->flags |= PW_TOK_POSS;
						i = after + 1;
						continue;
					}
					if (e - s <= 5 && is_word_cp(nx)) {
						/* l'armée, d'Abidjan, qu'il, jusqu'à, aujourd'hui (kept whole) */
						char w[32]; /* pw_fold needs 9 bytes of room per code point */
						size_t wl = pw_fold(w, sizeof(w), t + s, e - s);

						if (wl != (size_t)-1 && wl <= 5 &&
						    (!strcmp(w, "l") || !strcmp(w, "d") || !strcmp(w, "qu") ||
						     !strcmp(w, "n") || !strcmp(w, "s") || !strcmp(w, "j") ||
						     !strcmp(w, "m") || !strcmp(w, "c") || !strcmp(w, "jusqu") ||
						     !strcmp(w, "lorsqu") || !strcmp(w, "puisqu"))) {
							tk->end = after;
							tk->flags |= PW_TOK_ELISION;
							if (set_fold(tk, a, t, s, e, 0))
								return PW_ENOMEM;
							i = after;
							space_before = 1;
							continue;
						}
					}
					if (nx == ' ' || after >= end || !is_word_cp(nx)) {
						/* plural possessive: "the allies' bases" */
						if (set_fold(tk, a, t, s, e, 0))
							return PW_ENOMEM;
						if (e - s > 1 && (t[e - 1] == 's' || t[e - 1] == 'S')) {
							tk->end = after;
							tk->flags |= PW_TOK_POSS;
							i = after;
						}
						continue;
					}
				}
			}
			if (set_fold(tk, a, t, s, e, 0))
				return PW_ENOMEM;
		}
	}
	return 0;
}

void pw_tokens_free(pw_tokens *t, pw_context *ctx)
{
	pw_free(ctx, t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
