/* The tokenizer: spans, folded forms, flags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folds_and_spans),
		cmocka_unit_test(test_french_elision),
		cmocka_unit_test(test_fold_fn),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
