/* Unit tests of the monitor's policy pieces: feed lists (file:line of bad
 * entries), durations, back-off, alert filters, relative brief dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pactwatch/pactwatch.h"
#include "pactwatch/watch.h"
#include "pactwatch/brief.h"

static void write_file(const char *p, const char *s)
{
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static void test_feeds_file(void **st)
{
	pw_context *ctx;
	pw_feed_spec *v = NULL;
	size_t n = 0;
	char path[] = "/tmp/pw_feeds_XXXXXX";
	int fd = mkstemp(path);

	(void)st;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	write_file(path, "# comment\n\nhttp://a.example/feed.rss\nhttps://b.example/x#frag jsonl # note\n");
	assert_int_equal(pw_feed_specs_load(&v, &n, ctx, path), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].url, "https://b.example/x#frag");
	assert_int_equal(v[1].jsonl, 1);
	pw_feed_specs_free(ctx, v, n);
	write_file(path, "http://a.example/feed.rss\nhttp://b.example/ yaml\n");
	assert_int_equal(pw_feed_specs_load(&v, &n, ctx, path), PW_EPARSE);
	assert_non_null(strstr(pw_error_last(ctx), ":2:"));
	write_file(path, "file:///etc/passwd\n");
	assert_int_equal(pw_feed_specs_load(&v, &n, ctx, path), PW_EPARSE);
	unlink(path);
	pw_context_free(ctx);
}

static void test_durations_backoff(void **st)
{
	long ms;

	(void)st;
	assert_int_equal(pw_watch_parse_duration(&ms, "15m"), 0);
	assert_int_equal(ms, 900000);
	assert_int_equal(pw_watch_parse_duration(&ms, "0.5s"), 0);
	assert_int_equal(ms, 500);
	assert_int_equal(pw_watch_parse_duration(&ms, "2"), 0);
	assert_int_equal(ms, 2000);
	assert_int_equal(pw_watch_parse_duration(&ms, "soon"), PW_EINVAL);
	assert_int_equal(pw_watch_parse_duration(&ms, "5y"), PW_EINVAL);
	assert_int_equal(pw_watch_backoff_ms(1000, 60000, 1), 1000);
	assert_int_equal(pw_watch_backoff_ms(1000, 60000, 3), 4000);
	assert_int_equal(pw_watch_backoff_ms(1000, 60000, 30), 60000);
}

static void test_filters(void **st)
{
	pw_watch_options o = PW_WATCH_OPTIONS_INIT;

	(void)st;
	assert_true(pw_watch_filter_match(&o, "MLI", "RUS", "military", 1));
	o.countries = "ner, mli";
	assert_true(pw_watch_filter_match(&o, "MLI", "RUS", "military", 1));
	assert_false(pw_watch_filter_match(&o, "FRA", "TCD", "military", 1));
	o.domains = "intelligence";
	assert_false(pw_watch_filter_match(&o, "MLI", "RUS", "military", 1));
	o.domains = NULL;
	o.min_sources = 2;
	assert_false(pw_watch_filter_match(&o, "MLI", "RUS", "military", 1));
	assert_true(pw_watch_filter_match(&o, "MLI", "RUS", "military", 2));
}

static void test_brief_since(void **st)
{
	char d[11];

	(void)st;
	assert_int_equal(pw_brief_parse_since(d, "7d", "2025-03-03"), 0);
	assert_string_equal(d, "2025-02-24");
	assert_int_equal(pw_brief_parse_since(d, "1w", "2024-01-03"), 0);
	assert_string_equal(d, "2023-12-27");
	assert_int_equal(pw_brief_parse_since(d, "2024-05-01", NULL), 0);
	assert_string_equal(d, "2024-05-01");
	assert_int_equal(pw_brief_parse_since(d, "yesterday", NULL), PW_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feeds_file),
		cmocka_unit_test(test_durations_backoff),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_brief_since),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
