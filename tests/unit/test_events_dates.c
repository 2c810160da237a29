/* Unit tests: event dates resolved against the document date, and the
 * pattern tables loading (stemming, file:line errors). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events/events_internal.h"

static void resolve(const char *text, const char *doc, int lang, const char *want)
{
	char out[11] = "";
	int got = pw_date_resolve(out, text, strlen(text), doc, lang);
	if (!want) {
		assert_int_equal(got, 0);
		return;
	}
	assert_int_equal(got, 1);
	assert_string_equal(out, want);
}

static void test_weekday(void **s)
{
	(void)s;
	/* 2023-12-04 is a Monday */
	assert_int_equal(pw_date_weekday(2023, 12, 4), 0);
	resolve("They signed on Monday.", "2023-12-04", PW_LANG_EN, "2023-12-04");
	resolve("They signed on Saturday.", "2023-12-04", PW_LANG_EN, "2023-12-02");
	resolve("Ils ont signé mardi.", "2023-12-04", PW_LANG_FR, "2023-11-28");
	/* "next Monday" is not guessed */
	resolve("They will meet next Monday.", "2023-12-04", PW_LANG_EN, NULL);
}

static void test_day_month(void **s)
{
	(void)s;
	resolve("The accord was signed on 4 December.", "2023-12-10", PW_LANG_EN, "2023-12-04");
	/* a later day of the year is last year's */
	resolve("The accord was signed on 28 December.", "2024-01-05", PW_LANG_EN, "2023-12-28");
	resolve("L'accord a été signé le 4 décembre 2022.", "2023-12-10", PW_LANG_FR, "2022-12-04");
	resolve("Signed on December 4, 2021 in Bamako.", "2023-12-10", PW_LANG_EN, "2021-12-04");
	resolve("It happened in March 2022.", "2023-12-10", PW_LANG_EN, "2022-03-01");
	/* "may" the modal is not a month */
	resolve("Russia may send troops.", "2023-12-10", PW_LANG_EN, NULL);
}

static void test_relative(void **s)
{
	(void)s;
	resolve("Troops left yesterday.", "2024-03-01", PW_LANG_EN, "2024-02-29");
	resolve("Troops left last week.", "2024-03-20", PW_LANG_EN, "2024-03-13");
	resolve("Les troupes sont parties la semaine dernière.", "2024-03-20", PW_LANG_FR, "2024-03-13");
	resolve("Les troupes sont parties hier.", "2024-01-01", PW_LANG_FR, "2023-12-31");
	resolve("No date here.", "2024-01-01", PW_LANG_EN, NULL);
	resolve("They signed on Monday.", "not a date", PW_LANG_EN, NULL);
}

static void test_add_days(void **s)
{
	int y = 2024, m = 2, d = 28;
	(void)s;
	pw_date_add_days(&y, &m, &d, 2);
	assert_int_equal(m, 3);
	assert_int_equal(d, 1);
	pw_date_add_days(&y, &m, &d, -366);
	assert_int_equal(y, 2023);
	assert_int_equal(m, 3);
	assert_int_equal(d, 1);
}

static void year_of(const char *text, int doc_year, const char *want)
{
	char out[11] = "";
	int got = pw_date_year(out, text, strlen(text), doc_year);
	if (!want) {
		assert_int_equal(got, 0);
		return;
	}
	assert_int_equal(got, 1);
	assert_string_equal(out, want);
}

/* background year phrases: late -> December, mid -> July, else January;
 * a year within two years of the document is not background */
static void test_year_phrases(void **s)
{
	(void)s;
	year_of("Wagner first deployed to Mali in late 2021.", 2025, "2021-12-01");
	year_of("Arrivé fin 2021, le groupe a combattu.", 2025, "2021-12-01");
	year_of("In 2013, France launched Operation Serval.", 2025, "2013-01-01");
	year_of("Burkina Faso expelled French forces in early 2023.", 2025, "2023-01-01");
	year_of("Le retrait a eu lieu mi 2022.", 2025, "2022-07-01");
	year_of("France has kept forces there since 2009.", 2025, "2009-01-01");
	year_of("Troops arrived in 2024.", 2025, NULL);
	year_of("About 2,000 troops, 2013 vehicles.", 2025, NULL);
}

static void test_patterns_load(void **s)
{
	pw_context *ctx;
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	struct pw_patterns *p;
	char st[64];
	int quad;
	double score;
	(void)s;
	o.data_dir = PW_SOURCE_DIR "/data";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	assert_int_equal(pw_patterns_get(&p, ctx), 0);
	assert_true(p->npats > 50);
	/* the stemmer folds inflections */
	pw_stem(p, PW_LANG_EN, "signed", 6, st, sizeof(st));
	assert_string_equal(st, "sign");
	pw_stem(p, PW_LANG_FR, "livraisons", 10, st, sizeof(st));
	assert_string_equal(st, "livraison");
	/* word classes */
	pw_stem(p, PW_LANG_EN, "helicopters", 11, st, sizeof(st));
	assert_true(pw_class_bits(p, PW_LANG_EN, st, "helicopters") & (1u << pw_class_bit(p, "arms")));
	pw_plover_lookup(p, "CONSULT", "visit", &quad, &score);
	assert_int_equal(quad, 1);
	assert_true(score > 3.9 && score < 4.1);
	pw_plover_lookup(p, "ASSAULT", "", &quad, &score);
	assert_int_equal(quad, 4);
	assert_true(pw_goldstein(p, "057") > 7.9);
	pw_context_free(ctx);
}

static void test_patterns_error(void **s)
{
	pw_context *ctx;
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	struct pw_patterns *p = NULL;
	(void)s;
	o.data_dir = "/nonexistent-pactwatch-data";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	assert_int_equal(pw_patterns_load(&p, ctx), PW_EDICT);
	assert_null(p);
	assert_non_null(strstr(pw_error_last(ctx), "classes.txt"));
	pw_context_free(ctx);
}

/* The hand-parsed YYYY-MM-DD and the sscanf fallback read every input as
 * sscanf("%4d-%2d-%2d") does, with the same range checks. */
static void test_date_parse(void **s)
{
	static const char *const in[] = {
		"2024-05-02", "2024-05-02T10:00:00Z", "1999-12-31", "2024-13-01", "2024-00-10",
		"2024-02-31", "2024-02-00", " 2024-05-02", "2024-5-02xx", "2024-05-2xxx", "+202-05-02",
		"20240502xx", "2024/05/02", "abcd-ef-gh", "2024-05-0", "0000-01-01"};
	size_t i;

	(void)s;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		int y = -1, m = -1, d = -1, ey = -1, em = -1, ed = -1;
		int got = pw_date_parse(&y, &m, &d, in[i]);
		int want = (strlen(in[i]) >= 10 && sscanf(in[i], "%4d-%2d-%2d", &ey, &em, &ed) == 3 && em >= 1 &&
			    em <= 12 && ed >= 1 && ed <= 31) ? 0 : -1;
		if (got != want)
			fail_msg("pw_date_parse(\"%s\") = %d, sscanf says %d", in[i], got, want);
		if (!got) {
			assert_int_equal(y, ey);
			assert_int_equal(m, em);
			assert_int_equal(d, ed);
		}
	}
	assert_int_equal(pw_date_parse(&(int){0}, &(int){0}, &(int){0}, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),      cmocka_unit_test(test_day_month),
		cmocka_unit_test(test_relative),     cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_patterns_load), cmocka_unit_test(test_patterns_error),
		cmocka_unit_test(test_year_phrases), cmocka_unit_test(test_date_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
