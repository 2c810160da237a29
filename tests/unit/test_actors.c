/* Unit tests of the actor stage's pieces that are not text in -> text out:
 * dated role resolution, the trie, group members, load errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "actors/actors.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static pw_context *ctx_with(const char *dir)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = NULL;

	o.data_dir = dir;
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	return ctx;
}

static void test_roles_by_date(void **state)
{
	pw_context *ctx = ctx_with(PW_SOURCE_DIR "/data");
	pw_actordict *d;
	pw_role tmp;
	uint32_t ids[8];
	int k;
	uint32_t node = 0;
	const pw_entry *e;
	(void)state;

	assert_int_equal(pw_actors_load(ctx), 0);
	d = ctx->actors;
	k = pw_phrase_ids(d, "Mohamed Bazoum", 14, ids, 8, 0);
	assert_int_equal(k, 2);
	node = pw_trie_next(d, pw_trie_next(d, 0, ids[0]), ids[1]);
	assert_true(node != 0);
	assert_true(d->node_entry[node] >= 0);
	e = &d->entries[d->node_entry[node]];
	assert_string_equal(pw_entry_role(d, e, "2022-06-01", &tmp)->code, "NERGOV");
	assert_string_equal(pw_entry_role(d, e, "2021-04-01", &tmp)->code, "NER");
	/* until is exclusive: the coup day belongs to Tiani */
	assert_string_equal(pw_entry_role(d, e, "2023-07-26", &tmp)->code, "NER");
	assert_string_equal(pw_entry_role(d, e, "2023-07-25", &tmp)->code, "NERGOV");
	pw_context_free(ctx);
}

static void test_group_members_and_names(void **state)
{
	pw_context *ctx = ctx_with(PW_SOURCE_DIR "/data");
	const char *const *m;
	(void)state;

	assert_null(pw_actors_group_members(ctx, "IGOWSTAFRAES")); /* not loaded yet */
	assert_int_equal(pw_actors_load(ctx), 0);
	m = pw_actors_group_members(ctx, "IGOWSTAFRAES");
	assert_non_null(m);
	assert_string_equal(m[0], "MLI");
	assert_string_equal(m[1], "BFA");
	assert_string_equal(m[2], "NER");
	assert_null(m[3]);
	assert_null(pw_actors_group_members(ctx, "MLI"));
	assert_string_equal(pw_actors_country_name(ctx, "NER"), "Niger");
	assert_null(pw_actors_country_name(ctx, "XXX"));
	pw_context_free(ctx);
}

static void test_token_boundaries(void **state)
{
	pw_context *ctx = ctx_with(PW_SOURCE_DIR "/data");
	const char *text = "Nigeria backs Somalia.";
	pw_doc *doc;
	pw_tokens toks = {0};
	pw_mentions ms = {0};
	pw_arena a;
	size_t i;
	(void)state;

	assert_int_equal(pw_doc_new(&doc, ctx, "t", "2024-01-01", "en", text, strlen(text)), 0);
	pw_arena_init(&a, ctx, 4096);
	assert_int_equal(pw_tokenize(&toks, &a, doc->text, 0, (uint32_t)doc->text_len), 0);
	assert_int_equal(pw_actors_match_sentence(&ms, ctx, doc, 0, &toks, &a, NULL), 0);
	assert_int_equal(ms.n, 2);
	for (i = 0; i < ms.n; i++) {
		assert_string_not_equal(ms.v[i].country, "NER");
		assert_string_not_equal(ms.v[i].country, "MLI");
	}
	pw_free(ctx, ms.v);
	pw_tokens_free(&toks, ctx);
	pw_arena_free(&a);
	pw_doc_free(doc);
	pw_context_free(ctx);
}

/* The plain-ASCII fast path of phrase tokenizing must give what
 * pw_tokenize gives (the matcher meets text tokenized by pw_tokenize). */
static void same_tokens(pw_actordict *d, const char *s, uint32_t n)
{
	pw_tokens ref = {0};
	pw_arena a;
	size_t i;

	pw_arena_init(&a, d->ctx, 4096);
	pw_arena_reset(&d->scratch);
	assert_int_equal(pw_phrase_tokenize(d, s, n), 0);
	assert_int_equal(pw_tokenize(&ref, &a, s, 0, n), 0);
	assert_int_equal(d->stoks.n, ref.n);
	for (i = 0; i < ref.n; i++) {
		const pw_token *x = &d->stoks.v[i], *y = &ref.v[i];

		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->fold_len, y->fold_len);
		assert_memory_equal(x->fold, y->fold, y->fold_len);
		assert_int_equal(x->fold[x->fold_len], y->fold[y->fold_len]);
		assert_true(x->h == y->h);
	}
	pw_tokens_free(&ref, d->ctx);
	pw_arena_free(&a);
}

static void test_phrase_fast_path(void **state)
{
	static const char *const cases[] = {
		"", " ", "-", "--", " - ", "a", "A", "AFGHAN NATIONAL ARMY", "the Kremlin",
		"SAR-E POL", "Burkina-Faso", "-lead", "trail-", "a--b", "  two   spaces  ",
		"F16 2023 16F", "0", "Z9z", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop",
		/* not plain ASCII: the slow path, same answer */
		"U.N.", "U.S. ARMY", "Russia's", "ALLIES' BASES", "l'armee", "a_b", "a\tb",
		"3.5 1,000", "Goïta", "Élysée", "\xff\xfe", "caf\xc3", "a.b", "(x)", "x/y",
	};
	pw_context *ctx = ctx_with(PW_SOURCE_DIR "/data");
	pw_actordict *d;
	char *big;
	size_t i;
	(void)state;

	assert_int_equal(pw_actordict_new(&d, ctx), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		same_tokens(d, cases[i], (uint32_t)strlen(cases[i]));
	/* longer than a fold_len can say: capped the same way */
	big = malloc(70001);
	assert_non_null(big);
	memset(big, 'Q', 70000);
	big[69990] = ' ';
	big[70000] = '\0';
	same_tokens(d, big, 70000);
	free(big);
	pw_actordict_free(d);
	pw_context_free(ctx);
}

static void test_bad_dictionary(void **state)
{
	char dir[] = "/tmp/pwactXXXXXX", path[256];
	pw_context *ctx;
	FILE *f;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/actors", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/actors/dictionaries.conf", dir);
	f = fopen(path, "w");
	fputs("pactwatch actors/x.txt\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/actors/x.txt", dir);
	f = fopen(path, "w");
	fputs("Mali => MLI\n\nNiger => NER until=2020-02-30x\n", f);
	fclose(f);
	ctx = ctx_with(dir);
	assert_int_equal(pw_actors_load(ctx), PW_EDICT);
	assert_non_null(strstr(pw_error_last(ctx), "actors/x.txt:3"));
	assert_null(ctx->actors);
	pw_context_free(ctx);
	remove(path);
	snprintf(path, sizeof(path), "%s/actors/dictionaries.conf", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/actors", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_by_date),
		cmocka_unit_test(test_group_members_and_names),
		cmocka_unit_test(test_token_boundaries),
		cmocka_unit_test(test_phrase_fast_path),
		cmocka_unit_test(test_bad_dictionary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
