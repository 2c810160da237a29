/* Normalization, tag debris, language detection and sentence splitting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "core/internal.h"
#include "segment/segment.h"

static pw_context *new_ctx(void)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = NULL;

	o.data_dir = PW_SOURCE_DIR "/data";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	return ctx;
}

static char *norm(pw_context *ctx, const char *in, size_t n, uint32_t *repairs)
{
	char *out;
	size_t len;
	uint64_t first;
	uint32_t r;

	assert_int_equal(pw_normalize_text(&out, &len, &r, &first, ctx, in, n), 0);
	assert_int_equal(strlen(out), len);
	if (repairs)
		*repairs = r;
	return out;
}

static void test_normalize_typography(void **state)
{
	pw_context *ctx = new_ctx();
	uint32_t rep;
	char *s;

	(void)state;
	s = norm(ctx, "  \xe2\x80\x9cRussia\xe2\x80\x99s\xe2\x80\x9d  role\xc2\xa0\xe2\x80\x94 big\xe2\x80\xa6 ", 37, &rep);
	assert_string_equal(s, "\"Russia's\" role - big...");
	assert_int_equal(rep, 0);
	pw_free(ctx, s);
	/* guillemets hug the words; soft hyphen and zero-width space vanish */
	s = norm(ctx, "\xc2\xab\xc2\xa0Non\xc2\xa0\xc2\xbb, dit-il. co\xc2\xadop\xe2\x80\x8bs", 31, NULL);
	assert_string_equal(s, "\"Non\", dit-il. coops");
	pw_free(ctx, s);
	/* blank lines collapse into one line break; CRLF becomes LF */
	s = norm(ctx, "a  b\r\n\r\n\r\n  c\t d \n", 18, NULL);
	assert_string_equal(s, "a b\nc d");
	pw_free(ctx, s);
	pw_context_free(ctx);
}

static void test_normalize_repair_and_nfc(void **state)
{
	pw_context *ctx = new_ctx();
	uint32_t rep;
	char *s, *out;
	size_t len;
	uint64_t first;

	(void)state;
	/* invalid bytes become U+FFFD, NUL is removed: both counted */
	s = norm(ctx, "ab\xff" "c\0d\xc3", 7, &rep);
	assert_string_equal(s, "ab\xef\xbf\xbd" "cd\xef\xbf\xbd");
	assert_int_equal(rep, 3);
	pw_free(ctx, s);
	assert_int_equal(pw_normalize_text(&out, &len, &rep, &first, ctx, "ok\xc0\xaf", 4), 0);
	assert_int_equal(first, 2);   /* an overlong '/' is invalid */
	pw_free(ctx, out);
	/* e + combining acute composes to U+00E9 */
	s = norm(ctx, "Burkinab" "e\xcc\x81" " forces", 18, &rep);
	assert_string_equal(s, "Burkinab\xc3\xa9 forces");
	assert_int_equal(rep, 0);
	pw_free(ctx, s);
	pw_context_free(ctx);
}

/* The 8-bytes-at-a-time path of pw_normalize_text() against the byte-wise
 * pw_collapse_space(): on texts of letters, punctuation and ASCII
 * whitespace the two must agree, wherever spaces fall in the 8-byte words
 * (first, last, doubled, before a newline or the end). */
static void test_normalize_fast_matches_collapse(void **state)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz.,'\"-  \t\n";
	pw_context *ctx = new_ctx();
	uint32_t seed = 3;
	char in[200], ref[201];
	int k;

	(void)state;
	for (k = 0; k < 20000; k++) {
		size_t n = 0, m, len, want, i;
		uint32_t r;
		char *out;
		uint64_t first;

		seed = seed * 1103515245u + 12345u;
		m = (seed >> 8) % sizeof(in);
		for (i = 0; i < m; i++) {
			seed = seed * 1103515245u + 12345u;
			r = seed >> 8;
			/* mostly words of letters with single spaces */
			in[n++] = r % 4 ? alpha[r / 4 % 26] : alpha[r / 4 % (sizeof(alpha) - 1)];
		}
		memcpy(ref, in, n);
		want = pw_collapse_space(ref, n);
		ref[want] = '\0';
		assert_int_equal(pw_normalize_text(&out, &len, &r, &first, ctx, in, n), 0);
		assert_int_equal(len, want);
		assert_string_equal(out, ref);
		pw_free(ctx, out);
	}
	pw_context_free(ctx);
}

static void test_tag_debris(void **state)
{
	pw_context *ctx = new_ctx();
	const pw_segtables *t;
	char a[] = "intact .< / li >\n< / ul >This recalibration";
	char b[] = "encompass : p >< b >Area Of Focus th > Counterterrorism td /> Chad";
	char c[] = "- < strong >>Fortifying Alliances:< strong >>establish ties";
	char d[] = "tdstyle;textalign:'left', colsize;'rowcount'= '3', valigntop>'Improved forces.'";
	char e[] = "Mali > Niger in size, and 3 < 5.";
	size_t n;

	(void)state;
	assert_int_equal(pw_segtables_get(&t, ctx), 0);
	n = pw_collapse_space(a, pw_strip_tag_debris(t, a, strlen(a)) ? strlen(a) : 0);
	assert_string_equal(a, "intact .\nThis recalibration");
	(void)n;
	assert_true(pw_strip_tag_debris(t, b, strlen(b)) > 0);
	pw_collapse_space(b, strlen(b));
	assert_string_equal(b, "encompass :\nArea Of Focus\nCounterterrorism\nChad");
	assert_true(pw_strip_tag_debris(t, c, strlen(c)) > 0);
	pw_collapse_space(c, strlen(c));
	assert_string_equal(c, "- Fortifying Alliances: establish ties");
	assert_true(pw_strip_tag_debris(t, d, strlen(d)) > 0);
	pw_collapse_space(d, strlen(d));
	assert_string_equal(d, "'Improved forces.'");
	/* comparisons in prose are not debris */
	assert_int_equal(pw_strip_tag_debris(t, e, strlen(e)), 0);
	assert_string_equal(e, "Mali > Niger in size, and 3 < 5.");
	pw_context_free(ctx);
}

static void test_lang(void **state)
{
	pw_context *ctx = new_ctx();
	const pw_segtables *t;
	const char *en = "Russia and Mali signed a defence agreement on Monday, officials said, "
			 "as the junta seeks new partners for the war against jihadists.";
	const char *fr = "Le Mali et la Russie ont signé un accord de défense lundi, selon un "
			 "communiqué du gouvernement de transition.";

	(void)state;
	assert_int_equal(pw_segtables_get(&t, ctx), 0);
	assert_string_equal(pw_lang_detect(t, en, strlen(en)), "en");
	assert_string_equal(pw_lang_detect(t, fr, strlen(fr)), "fr");
	assert_string_equal(pw_lang_detect(t, "Mali", 4), "und");
	assert_string_equal(pw_lang_detect(t, "", 0), "und");
	pw_context_free(ctx);
}

/* Split text and compare the sentences with the expected list. */
static void check_split(pw_context *ctx, const char *text, const char *const *want,
			const uint32_t *flags, size_t nwant)
{
	const pw_segtables *t;
	pw_sentence *v;
	size_t n, i;
	char *s;
	size_t len;

	assert_int_equal(pw_segtables_get(&t, ctx), 0);
	s = norm(ctx, text, strlen(text), NULL);
	len = strlen(s);
	assert_int_equal(pw_sentences_split(&v, &n, ctx, t, s, len), 0);
	for (i = 0; i < n && i < nwant; i++) {
		char got[512];
		size_t l = v[i].end - v[i].start;

		assert_true(v[i].end <= len && v[i].start < v[i].end);
		memcpy(got, s + v[i].start, l < 511 ? l : 511);
		got[l < 511 ? l : 511] = '\0';
		assert_string_equal(got, want[i]);
		if (flags)
			assert_int_equal(v[i].flags, flags[i]);
	}
	assert_int_equal(n, nwant);
	pw_free(ctx, v);
	pw_free(ctx, s);
}

static void test_sentences_abbreviations(void **state)
{
	pw_context *ctx = new_ctx();
	static const char *const en[] = {
		"Lt. Gen. Yevkurov met Col. Goita in Bamako on Jan. 5.",
		"J. R. Smith of the U.S. Army said prices rose 3.5 percent.",
		"Aid came from the U.S.",
		"The talks went on.",
		"\"We will sign,\" he said.",
		"Is it over?",
		"Yes!"};
	static const char *const fr[] = {
		"M. Macron et Mme Diallo ont parlé de l'art. 5 du traité.",
		"Le ministre est arrivé à Niamey.",
		"Vraiment ?",
		"Oui."};

	(void)state;
	check_split(ctx, "Lt. Gen. Yevkurov met Col. Goita in Bamako on Jan. 5. J. R. Smith of the "
			 "U.S. Army said prices rose 3.5 percent. Aid came from the U.S. The talks went on. "
			 "\"We will sign,\" he said. Is it over? Yes!", en, NULL, 7);
	check_split(ctx, "M. Macron et Mme Diallo ont parlé de l'art. 5 du traité. Le ministre est "
			 "arrivé à Niamey. Vraiment ? Oui.", fr, NULL, 4);
	pw_context_free(ctx);
}

static void test_sentences_structure(void **state)
{
	pw_context *ctx = new_ctx();
	static const char *const want[] = {
		"Russia and Burkina Faso Strengthen Ties",
		"Talks were held in the Sahel region.",
		"as the West African nation seeks help, see www.example.com for more.",
		"Key areas include:",
		"Joint Military Exercises: training.",
		"Aspect | Details |",
		"---|---|",
		"Training | 40 instructors |",
		"Prose resumes here."};
	static const uint32_t flags[] = {PW_SENT_HEADING, 0, 0, 0, PW_SENT_BULLET, PW_SENT_TABLE,
					 PW_SENT_TABLE, PW_SENT_TABLE, 0};

	(void)state;
	check_split(ctx, "Russia and Burkina Faso Strengthen Ties\n"
			 "Talks were held in the Sahel region.as the West African nation seeks help, "
			 "see www.example.com for more.\nKey areas include:\n- Joint Military Exercises: "
			 "training.\nAspect | Details |\n---|---|\nTraining | 40 instructors |\n"
			 "Prose resumes here.", want, flags, 9);
	pw_context_free(ctx);
}

static void test_tables_bad_file(void **state)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;
	const pw_segtables *t;

	(void)state;
	o.data_dir = "/nonexistent";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	assert_int_equal(pw_segtables_get(&t, ctx), PW_EDICT);
	assert_non_null(strstr(pw_error_last(ctx), "abbreviations.txt"));
	pw_context_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_typography),
		cmocka_unit_test(test_normalize_repair_and_nfc),
		cmocka_unit_test(test_normalize_fast_matches_collapse),
		cmocka_unit_test(test_tag_debris),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_sentences_abbreviations),
		cmocka_unit_test(test_sentences_structure),
		cmocka_unit_test(test_tables_bad_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
