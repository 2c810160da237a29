/* The seed articles of ../shared/seeds (skipped when absent) and the
 * directory reader's order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/internal.h"

#define SEEDS PW_SOURCE_DIR "/../shared/seeds"

static pw_context *new_ctx(void)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = NULL;

	o.data_dir = PW_SOURCE_DIR "/data";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	return ctx;
}

static int has_sentence(const pw_doc *d, const char *prefix, uint32_t flags)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < d->nsent; i++)
		if (d->sents[i].end - d->sents[i].start >= n &&
		    !memcmp(d->text + d->sents[i].start, prefix, n) &&
		    (d->sents[i].flags & flags) == flags)
			return 1;
	return 0;
}

static void test_seeds(void **state)
{
	pw_context *ctx;
	pw_reader *r;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_doc *d;
	struct stat st;
	int n = 0;

	(void)state;
	if (stat(SEEDS, &st) != 0) {
		skip();
		return;
	}
	ctx = new_ctx();
	ro.default_date = "2024-01-01";
	assert_int_equal(pw_reader_open(&r, ctx, SEEDS, &ro), 0);
	while (pw_reader_next(&d, r) == 1) {
		size_t i;

		assert_int_equal(pw_doc_prepare(ctx, d), 0);
		assert_string_equal(d->lang, "en");
		assert_true(d->nsent >= 5);
		for (i = 0; i < d->nsent; i++) {
			const pw_sentence *s = &d->sents[i];

			assert_true(s->start < s->end && s->end <= d->text_len);
			/* trimmed spans */
			assert_true(d->text[s->start] != ' ' && d->text[s->end - 1] != ' ');
			/* no tag debris anywhere */
			if (memchr(d->text + s->start, '<', s->end - s->start) ||
			    memchr(d->text + s->start, '>', s->end - s->start))
				fail_msg("%s: debris in sentence %zu: %.*s", d->id, i,
					 (int)(s->end - s->start), d->text + s->start);
		}
		if (!strncmp(d->id, "000_", 4)) {
			assert_true(has_sentence(d, "Aspect of Cooperation | Details |", PW_SENT_TABLE));
			assert_true(has_sentence(d, "---|---|", PW_SENT_TABLE));
			assert_true(has_sentence(d, "as the West African nation seeks", 0));
			assert_true(has_sentence(d, "Russia and burkina Faso Strengthen Ties", PW_SENT_HEADING));
			assert_true(has_sentence(d, "Joint Military Exercises:", PW_SENT_BULLET));
		}
		if (!strncmp(d->id, "003_", 4)) {
			assert_true(has_sentence(d, "Introduction", PW_SENT_HEADING));
			assert_true(has_sentence(d, "This recalibration poses", 0));
			assert_true(has_sentence(d, "Fortifying Regional Military Alliances: establish",
						 PW_SENT_BULLET));
		}
		n++;
		pw_doc_free(d);
	}
	assert_int_equal(n, 5);
	assert_int_equal(pw_diag_count(ctx, PW_DIAG_ERROR), 0);
	pw_reader_free(r);
	pw_context_free(ctx);
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static void test_dir_order(void **state)
{
	char dir[] = "/tmp/pwdir.XXXXXX", p[256];
	const char *want[] = {"x", "y", "z", "w"};
	pw_context *ctx = new_ctx();
	pw_reader *r;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_doc *d;
	int n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/b", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/a", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/b/y.txt", dir);
	write_file(p, "Second file.");
	snprintf(p, sizeof(p), "%s/a/x.txt", dir);
	write_file(p, "First file.");
	snprintf(p, sizeof(p), "%s/c.jsonl", dir);
	write_file(p, "{\"id\":\"z\",\"date\":\"2024-01-01\",\"text\":\"Third.\"}\n"
		      "{\"id\":\"w\",\"date\":\"2024-01-01\",\"text\":\"Fourth.\"}\n");
	ro.default_date = "2024-01-01";
	assert_int_equal(pw_reader_open(&r, ctx, dir, &ro), 0);
	while (pw_reader_next(&d, r) == 1) {
		assert_true(n < 4);
		assert_string_equal(d->id, want[n]);
		n++;
		pw_doc_free(d);
	}
	assert_int_equal(n, 4);
	pw_reader_free(r);
	pw_context_free(ctx);
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_dir_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
