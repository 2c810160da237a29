/* Dates, JSON records, documents, duplicates, readers, allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/internal.h"

typedef struct diags {
	int n[3];
	char last[1024];
	uint64_t last_line;
} diags;

static void diag_cb(void *ud, const pw_diag *d)
{
	diags *g = ud;

	g->n[d->severity]++;
	snprintf(g->last, sizeof(g->last), "%s", d->message);
	g->last_line = d->line;
}

static pw_context *new_ctx(diags *g)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = NULL;

	o.data_dir = PW_SOURCE_DIR "/data";
	o.diag = diag_cb;
	o.diag_ud = g;
	memset(g, 0, sizeof(*g));
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	return ctx;
}

static void test_dates(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(pw_date_normalize(d, "2023-12-04"), 0);
	assert_string_equal(d, "2023-12-04");
	assert_int_equal(pw_date_normalize(d, "2023-12-04T10:00:00Z"), 0);
	assert_string_equal(d, "2023-12-04");
	assert_int_equal(pw_date_normalize(d, "2023-12-04T23:30:00-05:00"), 0);
	assert_string_equal(d, "2023-12-04");
	assert_int_equal(pw_date_normalize(d, "Mon, 04 Dec 2023 10:00:00 +0000"), 0);
	assert_string_equal(d, "2023-12-04");
	assert_int_equal(pw_date_normalize(d, "4 December 2023"), 0);
	assert_string_equal(d, "2023-12-04");
	assert_int_equal(pw_date_normalize(d, "Sept. 9, 2024"), 0);
	assert_string_equal(d, "2024-09-09");
	assert_int_equal(pw_date_normalize(d, "2024-02-29"), 0);
	/* garbage and impossible dates */
	assert_int_equal(pw_date_normalize(d, "2023-02-29"), PW_EPARSE);
	assert_int_equal(pw_date_normalize(d, "2023-13-01"), PW_EPARSE);
	assert_int_equal(pw_date_normalize(d, "yesterday"), PW_EPARSE);
	assert_int_equal(pw_date_normalize(d, "2023-12-04garbage"), PW_EPARSE);
	assert_int_equal(pw_date_normalize(d, ""), PW_EPARSE);
	assert_int_equal(pw_date_normalize(d, NULL), PW_EPARSE);
	assert_int_equal(pw_date_normalize(d, "32 Dec 2023"), PW_EPARSE);
}

static void test_json_record(void **state)
{
	diags g;
	pw_context *ctx = new_ctx(&g);
	pw_doc *doc;
	const char *ok = "{\"id\":\"d1\",\"date\":\"2023-12-04T08:00:00Z\",\"lang\":\"fr-FR\","
			 "\"title\":\"T\\u00e9st\",\"text\":\"Le Mali\\n\\u00e9 \\ud83d\\ude00 \\\"x\\\"\","
			 "\"extra\":{\"a\":[1,2,{\"b\":null}]}}";

	(void)state;
	assert_int_equal(pw_doc_from_json(&doc, ctx, ok, strlen(ok), "f.jsonl", 7), 0);
	assert_string_equal(doc->id, "d1");
	assert_string_equal(doc->date, "2023-12-04");
	assert_string_equal(doc->lang, "fr");
	assert_int_equal(doc->lang_given, 1);
	assert_string_equal(doc->title, "T\xc3\xa9st");
	assert_string_equal(doc->text, "Le Mali\n\xc3\xa9 \xf0\x9f\x98\x80 \"x\"");
	assert_int_equal(g.n[PW_DIAG_WARNING], 1);   /* the unknown field */
	assert_non_null(strstr(g.last, "'extra'"));
	pw_doc_free(doc);
	pw_context_free(ctx);
}

static void test_json_rejections(void **state)
{
	static const struct { const char *json, *msg; } bad[] = {
		{"{\"id\":\"a\",\"text\":\"x\"", "expected ',' or '}'"},
		{"{\"text\":\"no id\"}", "missing or empty \"id\""},
		{"{\"id\":\"\",\"text\":\"x\"}", "missing or empty \"id\""},
		{"{\"id\":7,\"text\":\"x\"}", "field 'id' is a number"},
		{"{\"id\":\"a\",\"text\":[\"x\"]}", "field 'text' is an array"},
		{"{\"id\":\"a\",\"date\":\"2023-01-01\"}", "no \"text\""},
		{"{\"id\":\"a\",\"text\":\"  \\n \"}", "empty document"},
		{"[1,2]", "not a JSON object"},
		{"{\"id\":\"a\",\"text\":\"x\"} trailing", "text after the object"},
		{"{\"id\":\"a\",\"text\":\"bad \\q escape\"}", "bad escape"},
		{"{\"id\":\"a\",\"text\":\"x\",\"n\":tru}", "invalid value"},
	};
	diags g;
	pw_context *ctx = new_ctx(&g);
	size_t i;

	(void)state;
	for (i = 0; i < PW_ARRAY_LEN(bad); i++) {
		pw_doc *doc = (pw_doc *)1;

		assert_int_equal(pw_doc_from_json(&doc, ctx, bad[i].json, strlen(bad[i].json), "f", i + 1),
				 PW_EPARSE);
		assert_null(doc);
		if (!strstr(pw_error_last(ctx), bad[i].msg))
			fail_msg("case %zu: '%s' lacks '%s'", i, pw_error_last(ctx), bad[i].msg);
	}
	pw_context_free(ctx);
}

static void test_json_warnings(void **state)
{
	diags g;
	pw_context *ctx = new_ctx(&g);
	pw_doc *doc;
	const char *j1 = "{\"id\":\"a\",\"date\":\"31/31/2023\",\"text\":\"x\"}";
	const char *j2 = "{\"id\":\"b\",\"date\":20231204,\"title\":5,\"text\":\"x\",\"lang\":\"de\"}";

	(void)state;
	assert_int_equal(pw_doc_from_json(&doc, ctx, j1, strlen(j1), "f", 1), 0);
	assert_null(doc->date);
	assert_non_null(strstr(g.last, "malformed date"));
	pw_doc_free(doc);
	assert_int_equal(pw_doc_from_json(&doc, ctx, j2, strlen(j2), "f", 2), 0);
	assert_null(doc->date);
	assert_null(doc->title);
	assert_null(doc->lang);
	assert_int_equal(g.n[PW_DIAG_WARNING], 4);
	assert_int_equal(g.n[PW_DIAG_ERROR], 0);
	pw_doc_free(doc);
	pw_context_free(ctx);
}

static void test_prepare_and_duplicates(void **state)
{
	diags g;
	pw_context *ctx = new_ctx(&g);
	pw_doc *a, *b, *c;
	const char *text = "Russia\xe2\x80\x99s envoy met Col. Goita.\n\nThe talks ended\xff.";

	(void)state;
	assert_int_equal(pw_doc_new(&a, ctx, "a", "2024-01-02", NULL, text, strlen(text)), 0);
	assert_int_equal(pw_doc_prepare(ctx, a), 0);
	assert_int_equal(pw_doc_prepare(ctx, a), 0);   /* idempotent */
	assert_string_equal(a->text, "Russia's envoy met Col. Goita.\nThe talks ended\xef\xbf\xbd.");
	assert_int_equal(a->repairs, 1);
	assert_int_equal(g.n[PW_DIAG_WARNING], 1);
	assert_int_equal(a->nsent, 2);
	assert_int_equal(a->sents[1].paragraph, 1);
	assert_string_equal(a->lang, "und");   /* one stop word: too short to tell */
	assert_false(a->duplicate_of_seen);
	/* same normalized text (curly vs straight quote): a duplicate */
	assert_int_equal(pw_doc_new(&b, ctx, "b", NULL, "en", "Russia's envoy met Col. Goita.\n"
				    "The talks ended\xef\xbf\xbd.", 50), 0);
	assert_int_equal(pw_doc_prepare(ctx, b), 0);
	assert_true(b->duplicate_of_seen);
	assert_string_equal(b->duplicate_of, "a");
	assert_int_equal(b->nsent, 0);
	assert_int_equal(g.n[PW_DIAG_INFO], 1);
	assert_true(a->hash == b->hash);
	/* after clearing, the same text is new again */
	pw_seen_clear(ctx);
	assert_int_equal(pw_doc_new(&c, ctx, "c", NULL, NULL, text, strlen(text)), 0);
	assert_int_equal(pw_doc_prepare(ctx, c), 0);
	assert_false(c->duplicate_of_seen);
	pw_doc_free(a);
	pw_doc_free(b);
	pw_doc_free(c);
	pw_context_free(ctx);
}

static void test_reader_jsonl_file(void **state)
{
	diags g;
	pw_context *ctx = new_ctx(&g);
	char path[] = "/tmp/pwtest.XXXXXX";
	int fd = mkstemp(path), n = 0;
	const char *data = "{\"id\":\"1\",\"date\":\"2024-01-01\",\"text\":\"One.\"}\n\n"
			   "not json\n"
			   "{\"id\":\"2\",\"date\":\"2024-01-01\",\"text\":\"Two.\"}";
	pw_reader *r;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_doc *doc;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (int)strlen(data));
	close(fd);
	ro.format = PW_INPUT_JSONL;
	assert_int_equal(pw_reader_open(&r, ctx, path, &ro), 0);
	while (pw_reader_next(&doc, r) == 1) {
		n++;
		assert_int_equal(doc->origin_line, n == 1 ? 1 : 4);
		pw_doc_free(doc);
	}
	assert_int_equal(n, 2);
	assert_int_equal(g.n[PW_DIAG_ERROR], 1);
	assert_int_equal(g.last_line, 3);
	assert_int_equal(pw_reader_bytes(r), strlen(data));
	pw_reader_free(r);
	unlink(path);
	assert_int_equal(pw_reader_open(&r, ctx, "/nonexistent/file.jsonl", NULL), PW_EIO);
	pw_context_free(ctx);
}

/* Allocation failure at every point of a prepare: never a crash or leak. */
struct failing {
	long countdown;
};

static void *f_malloc(void *ud, size_t n)
{
	struct failing *f = ud;

	if (f->countdown > 0 && --f->countdown == 0)
		return NULL;
	return malloc(n);
}

static void *f_realloc(void *ud, void *p, size_t n)
{
	struct failing *f = ud;

	if (f->countdown > 0 && --f->countdown == 0)
		return NULL;
	return realloc(p, n);
}

static void f_free(void *ud, void *p)
{
	(void)ud;
	free(p);
}

static void test_alloc_failure(void **state)
{
	const char *json = "{\"id\":\"x\",\"date\":\"2024-01-01\",\"text\":\"Mali signed a pact. "
			   "It was \\u201cgood\\u201d.\\n- A bullet.\\nA | B |\",\"zz\":1}";
	long k;
	int ok = 0;

	(void)state;
	for (k = 1; k < 200 && !ok; k++) {
		struct failing f = {0};
		pw_allocator a = {f_malloc, f_realloc, f_free, &f};
		pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
		diags g;
		pw_context *ctx;
		pw_doc *doc = NULL;
		int rc;

		o.allocator = &a;
		o.data_dir = PW_SOURCE_DIR "/data";
		o.diag = diag_cb;
		o.diag_ud = &g;
		assert_int_equal(pw_context_new(&ctx, &o), 0);
		f.countdown = k;
		rc = pw_doc_from_json(&doc, ctx, json, strlen(json), "f", 1);
		if (rc == 0)
			rc = pw_doc_prepare(ctx, doc);
		if (rc == 0) {
			assert_int_equal(doc->nsent, 4);
			ok = f.countdown > 0;   /* no failure was injected: done */
		} else {
			assert_int_equal(rc, PW_ENOMEM);
		}
		pw_doc_free(doc);
		pw_context_free(ctx);
	}
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_json_record),
		cmocka_unit_test(test_json_rejections),
		cmocka_unit_test(test_json_warnings),
		cmocka_unit_test(test_prepare_and_duplicates),
		cmocka_unit_test(test_reader_jsonl_file),
		cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
