/* The tokenizer: spans, folded forms, flags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "segment/tokens.h"

typedef struct fx {
	pw_context *ctx;
	pw_arena a;
	pw_tokens t;
} fx;

static int setup(void **state)
{
	static fx f;

	memset(&f, 0, sizeof(f));
	if (pw_context_new(&f.ctx, NULL))
		return -1;
	pw_arena_init(&f.a, f.ctx, 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	pw_tokens_free(&f->t, f->ctx);
	pw_arena_free(&f->a);
	pw_context_free(f->ctx);
	return 0;
}

static void tok(fx *f, const char *s)
{
	pw_arena_reset(&f->a);
	assert_int_equal(pw_tokenize(&f->t, &f->a, s, 0, (uint32_t)strlen(s)), 0);
}

static void test_folds_and_spans(void **state)
{
	fx *f = *state;
	const char *s = "Russia's BURKINAB\xc3\x88 forces, 3.5 U.S. drones";

	tok(f, s);
	assert_int_equal(f->t.n, 7);
	assert_string_equal(f->t.v[0].fold, "russia");
	assert_true(f->t.v[0].flags & PW_TOK_POSS);
	assert_int_equal(f->t.v[0].end, 8);   /* the span keeps 's */
	assert_string_equal(f->t.v[1].fold, "burkinabe");
	assert_true(f->t.v[1].flags & PW_TOK_ALLCAPS);
	assert_true(f->t.v[3].flags & PW_TOK_PUNCT);
	assert_string_equal(f->t.v[4].fold, "3.5");
	assert_true(f->t.v[4].flags & PW_TOK_NUM);
	assert_string_equal(f->t.v[5].fold, "u.s");
	assert_true(f->t.v[5].flags & PW_TOK_ACRONYM);
	assert_int_equal(f->t.v[6].start, (uint32_t)(strstr(s, "drones") - s));
}

static void test_french_elision(void **state)
{
	fx *f = *state;

	tok(f, "l'arm\xc3\xa9" "e d\xe2\x80\x99" "Abidjan qu'il");
	assert_int_equal(f->t.n, 6);
	assert_string_equal(f->t.v[0].fold, "l");
	assert_true(f->t.v[0].flags & PW_TOK_ELISION);
	assert_string_equal(f->t.v[1].fold, "armee");
	assert_string_equal(f->t.v[2].fold, "d");
	assert_string_equal(f->t.v[3].fold, "abidjan");
	assert_string_equal(f->t.v[5].fold, "il");
}

static void test_fold_fn(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(pw_fold(out, sizeof(out), "C\xc5\x93ur \xc3\x89TATS", 12), 11);
	assert_string_equal(out, "coeur etats");
	assert_int_equal(pw_fold(out, 4, "abcdefgh", 8), (size_t)-1);
}

/* ---- the fast paths against the generic ones ---------------------------- */

/* Pieces the random texts are made of: every ASCII byte is added on top;
 * these are the characters and shapes where the fast paths could differ
 * (Latin-1 letters and signs, ligatures, combining marks, other scripts,
 * typographic apostrophes and spaces, invalid and truncated UTF-8, numbers,
 * acronyms, elisions, words longer than 8 bytes). */
static const char *const pieces[] = {
	"\xc3\xa9", "\xc3\x89", "\xc3\xa0", "\xc3\x87", "\xc3\x97", "\xc3\xb7", "\xc3\x9f",
	"\xc3\x86", "\xc3\xa6", "\xc3\x98", "\xc3\xbf", "\xc3\x9e", "\xc5\x93", "\xc5\x92",
	"\xc5\x82", "\xcc\x81", "\xc4\xb0", "\xc7\x85", "\xef\xac\x81", "\xef\xbc\xa1",
	"\xd0\x9c\xd0\xb8\xd1\x80", "\xd9\xa3", "\xe2\x80\x99", "\xe2\x80\x98", "\xca\xbc",
	"\xc2\xa0", "\xe2\x80\xa8", "\xe3\x80\x80", "\xc2\xbd", "\xe2\x80\x94", "\xc3",
	"\xff", "\x80", "\xe2\x80", "\xf0\x9f\x98\x80", "U.S.", "u.n.", "A.B.C.", "1,000",
	"3.5", "12:30", "l'", "qu'", "jusqu\xe2\x80\x99", "'s", "s'", "aujourd'hui",
	"BURKINAB\xc3\x88", "Burkinab\xc3\xa8", "international", "SAHELIENNES", "MiXeDcAsE",
	"  ", " ", "\n", "."};

static uint32_t rnd(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* A random text of up to max_pieces pieces into buf; returns its length. */
static size_t random_text(char *buf, size_t cap, uint32_t *seed, unsigned max_pieces)
{
	unsigned np = rnd(seed) % (max_pieces + 1), i;
	size_t n = 0;

	for (i = 0; i < np; i++) {
		uint32_t r = rnd(seed) % (PW_ARRAY_LEN(pieces) + 160);
		char one[2] = {0, 0};
		const char *p;
		size_t l;

		if (r < PW_ARRAY_LEN(pieces)) {
			p = pieces[r];
		} else if (r < PW_ARRAY_LEN(pieces) + 128) {
			one[0] = (char)(r - PW_ARRAY_LEN(pieces));
			p = one;
		} else {
			/* plain letters, the common case, so words get long */
			one[0] = (char)("aeinrstAEIRST"[r % 13]);
			p = one;
		}
		l = p == one ? 1 : strlen(p);
		if (n + l > cap)
			break;
		memcpy(buf + n, p, l);
		n += l;
	}
	return n;
}

static void dump(const char *what, const char *s, size_t n)
{
	size_t i;

	fprintf(stderr, "%s:", what);
	for (i = 0; i < n; i++)
		fprintf(stderr, " %02x", (unsigned char)s[i]);
	fprintf(stderr, "\n");
}

/* Tokenize t[start, end) both ways and compare every field. */
static void same_tokens(fx *f, const char *t, uint32_t start, uint32_t end)
{
	pw_tokens g = {NULL, 0, 0};
	size_t i;

	pw_arena_reset(&f->a);
	assert_int_equal(pw_tokenize(&f->t, &f->a, t, start, end), 0);
	assert_int_equal(pw_tokenize_generic(&g, &f->a, t, start, end), 0);
	if (f->t.n != g.n)
		dump("text", t + start, end - start);
	assert_int_equal(f->t.n, g.n);
	for (i = 0; i < g.n; i++) {
		const pw_token *a = &f->t.v[i], *b = &g.v[i];

		if (a->start != b->start || a->end != b->end || a->flags != b->flags ||
		    a->fold_len != b->fold_len || a->h != b->h || memcmp(a->fold, b->fold, b->fold_len + 1))
			dump("text", t + start, end - start);
		assert_int_equal(a->start, b->start);
		assert_int_equal(a->end, b->end);
		assert_int_equal(a->flags, b->flags);
		assert_int_equal(a->fold_len, b->fold_len);
		assert_memory_equal(a->fold, b->fold, b->fold_len + 1);
		assert_true(a->h == b->h);
		assert_true(a->h == pw_word_hash(a->fold, a->fold_len));
	}
	pw_tokens_free(&g, f->ctx);
}

static void test_fast_tokenize_matches_generic(void **state)
{
	fx *f = *state;
	static const char *const fixed[] = {
		"", " ", "a", "A", "1", ".", "\xc3", "\xc3\xa9", "Russia's BURKINAB\xc3\x88 forces, 3.5 U.S. drones",
		"l'arm\xc3\xa9" "e d\xe2\x80\x99" "Abidjan qu'il", "the allies' bases", "1,000,000.5:3",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz0123456789",
		"@[`{ \x7f\x01 \t\v\f\r", "\xc3\x89TATS-UNIS \xc3\xa9tats C\xc5\x93ur na\xc3\xafve",
		"word.com Mr. A.B. a.b.c.d. U.S.-led 8.8.8.8 x'y s' S'", "t\xc3\xa9l\xc3\xa9phone12345678"};
	char *buf = malloc(1024);
	uint32_t seed = 7;
	size_t i;
	int k;

	assert_non_null(buf);
	for (i = 0; i < PW_ARRAY_LEN(fixed); i++) {
		size_t n = strlen(fixed[i]);
		/* an exact-size copy: reading past the range is an ASan error */
		char *c = malloc(n ? n : 1);

		assert_non_null(c);
		memcpy(c, fixed[i], n);
		same_tokens(f, c, 0, (uint32_t)n);
		free(c);
	}
	for (k = 0; k < 20000; k++) {
		size_t n = random_text(buf, 1024, &seed, k % 10 ? 12 : 120);
		char *c = malloc(n ? n : 1);
		uint32_t a = n ? rnd(&seed) % (uint32_t)n : 0, b;

		assert_non_null(c);
		memcpy(c, buf, n);
		same_tokens(f, c, 0, (uint32_t)n);
		/* a range inside the text, as for a sentence */
		b = a + (n ? rnd(&seed) % (uint32_t)(n - a + 1) : 0);
		same_tokens(f, c, a, b);
		free(c);
	}
	free(buf);
}

static void test_fast_fold_matches_generic(void **state)
{
	char in[64], a[700], b[700], buf[200];
	uint32_t cp, seed = 11;
	size_t cap;
	int k;

	(void)state;
	/* every code point of the 2- and 3-byte forms, between ASCII letters */
	for (cp = 0x80; cp < 0x10000; cp++) {
		size_t n = 0, ra, rb;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		in[n++] = 'X';
		if (cp < 0x800) {
			in[n++] = (char)(0xC0 | (cp >> 6));
		} else {
			in[n++] = (char)(0xE0 | (cp >> 12));
			in[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		}
		in[n++] = (char)(0x80 | (cp & 0x3F));
		in[n++] = 'y';
		ra = pw_fold(a, sizeof(a), in, n);
		rb = pw_fold_generic(b, sizeof(b), in, n);
		assert_int_equal(ra, rb);
		if (rb != (size_t)-1)
			assert_memory_equal(a, b, rb + 1);
	}
	/* random texts, with room running out at every point (-1 alike) */
	for (k = 0; k < 5000; k++) {
		size_t n = random_text(buf, sizeof(buf), &seed, 40);

		for (cap = 1; cap <= sizeof(a); cap += 1 + rnd(&seed) % 40) {
			size_t ra = pw_fold(a, cap, buf, n), rb = pw_fold_generic(b, cap, buf, n);

			if (ra != rb)
				dump("text", buf, n);
			assert_int_equal(ra, rb);
			if (rb != (size_t)-1)
				assert_memory_equal(a, b, rb + 1);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folds_and_spans),
		cmocka_unit_test(test_french_elision),
		cmocka_unit_test(test_fold_fn),
		cmocka_unit_test(test_fast_tokenize_matches_generic),
		cmocka_unit_test(test_fast_fold_matches_generic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
