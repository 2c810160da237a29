/*
 * The parallel runner's pieces whose behaviour is not "text in, text out"
 * of the CLI: the shard function's stability (values a Python or Spark job
 * must reproduce), "I/N" parsing, merge ordering and de-duplication, and
 * that the runner's bytes do not depend on the thread count or on the
 * re-order window (a window of one slot per thread forces the reader to
 * wait on the writer all the time).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pactwatch/pactwatch.h"
#include "pactwatch/pipeline.h"

static void shard_values(void **state)
{
	(void)state;
	/* FNV-1a-64: "" is the offset basis; "a" is 0xaf63dc4c8601ec8c */
	assert_int_equal(pw_shard_of("", 1000003), (unsigned)(0xcbf29ce484222325ULL % 1000003));
	assert_int_equal(pw_shard_of("a", 1000003), (unsigned)(0xaf63dc4c8601ec8cULL % 1000003));
	assert_int_equal(pw_shard_of("anything", 1), 0);
	assert_int_equal(pw_shard_of("anything", 0), 0);
}

static void shard_spread(void **state)
{
	unsigned count[4] = {0}, i;
	char id[32];

	(void)state;
	for (i = 0; i < 4000; i++) {
		snprintf(id, sizeof(id), "pw-%04u", i);
		count[pw_shard_of(id, 4)]++;
	}
	for (i = 0; i < 4; i++)
		assert_in_range(count[i], 800, 1200);
}

static void shard_parse(void **state)
{
	unsigned i = 9, n = 9;

	(void)state;
	assert_int_equal(pw_shard_parse(&i, &n, "0/4"), 0);
	assert_int_equal(i, 0);
	assert_int_equal(n, 4);
	assert_int_equal(pw_shard_parse(&i, &n, "3/4"), 0);
	assert_int_equal(i, 3);
	assert_int_equal(pw_shard_parse(&i, &n, "4/4"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, "0/0"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, "/4"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, "1/"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, "-1/4"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, "1/4x"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, "12"), PW_EINVAL);
	assert_int_equal(pw_shard_parse(&i, &n, NULL), PW_EINVAL);
}

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/pw-test-scale-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static char *slurp(FILE *f, size_t *len)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	s = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	*len = (size_t)n;
	return s;
}

static void merge_order_dedup(void **state)
{
	pw_context *ctx;
	char *a = write_tmp("{\"id\":\"b:0:0\",\"doc\":\"b\",\"actor\":{\"doc\":\"zz\"}}\n"
			    "{\"id\":\"b:1:0\",\"doc\":\"b\"}\n"
			    "{\"id\":\"a:0:0\",\"doc\":\"a\"}\n");
	char *b = write_tmp("{\"doc\":\"a\",\"id\":\"a:9:9\"}\n"
			    "not json\n"
			    "{\"doc\":\"c\\\"q\"}\t\n");
	const char *paths[2];
	FILE *out = tmpfile();
	uint64_t nd = 0, nl = 0;
	size_t len;
	char *got;

	(void)state;
	paths[0] = a;
	paths[1] = b;
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	assert_int_equal(pw_merge_jsonl(ctx, out, paths, 2, &nd, &nl), 0);
	got = slurp(out, &len);
	/* a's first group (from the first input) wins; b keeps its two lines in
	 * order; the nested "doc" is not the event's; the tab is dropped */
	assert_string_equal(got, "{\"id\":\"a:0:0\",\"doc\":\"a\"}\n"
				 "{\"id\":\"b:0:0\",\"doc\":\"b\",\"actor\":{\"doc\":\"zz\"}}\n"
				 "{\"id\":\"b:1:0\",\"doc\":\"b\"}\n"
				 "{\"doc\":\"c\\\"q\"}\n");
	assert_int_equal(nd, 3);
	assert_int_equal(nl, 4);
	assert_int_equal(pw_diag_count(ctx, PW_DIAG_ERROR), 1);
	free(got);
	fclose(out);
	remove(a);
	remove(b);
	free(a);
	free(b);
	pw_context_free(ctx);
}

static void quiet(void *ud, const pw_diag *d)
{
	(void)ud;
	(void)d;
}

/* Run the pipeline over path with the options; returns the output. */
static char *run(const char *path, unsigned threads, unsigned slots, int sorted, unsigned shard,
		 unsigned nshards, uint64_t *ndocs)
{
	pw_context_options co = PW_CONTEXT_OPTIONS_INIT;
	pw_pipeline_options po = PW_PIPELINE_OPTIONS_INIT;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_context *ctx;
	pw_pipeline *p;
	FILE *out = tmpfile();
	size_t len;
	char *s;

	co.data_dir = PW_SOURCE_DIR "/data";
	co.diag = quiet;
	assert_int_equal(pw_context_new(&ctx, &co), 0);
	po.threads = threads;
	po.slots_per_thread = slots;
	po.sorted = sorted;
	po.shard_index = shard;
	po.shard_count = nshards;
	if (pw_pipeline_new(&p, ctx, &po))
		fail_msg("pw_pipeline_new: %s", pw_error_last(ctx));
	assert_int_equal(pw_pipeline_run(p, path, &ro, out), 0);
	assert_int_equal(pw_pipeline_finish(p, out), 0);
	*ndocs = pw_pipeline_get_stats(p)->docs_coded;
	pw_pipeline_free(p);
	pw_context_free(ctx);
	s = slurp(out, &len);
	fclose(out);
	return s;
}

static const char corpus[] =
	"{\"id\":\"d3\",\"date\":\"2023-12-04\",\"lang\":\"en\",\"text\":\"Niger and Russia signed a military cooperation agreement on Monday.\"}\n"
	"{\"id\":\"d1\",\"date\":\"2022-02-17\",\"lang\":\"en\",\"text\":\"France announced the withdrawal of its troops from Mali.\"}\n"
	"{\"id\":\"d2\",\"date\":\"2023-12-04\",\"lang\":\"fr\",\"text\":\"Un accord de coopération militaire a été signé par le Niger et la Russie lundi.\"}\n"
	"{\"id\":\"d4\",\"date\":\"2023-12-05\",\"lang\":\"en\",\"text\":\"Niger and Russia signed a military cooperation agreement on Monday.\"}\n"
	"{\"id\":\"d0\",\"date\":\"2024-04-12\",\"lang\":\"en\",\"text\":\"Russian military instructors arrived in Niger with an air defence system.\"}\n";

static void threads_same_bytes(void **state)
{
	char *path = write_tmp(corpus);
	uint64_t n1, n;
	char *one = run(path, 1, 0, 0, 0, 0, &n1), *other;
	unsigned t;

	(void)state;
	assert_true(strlen(one) > 0);
	/* d4 repeats d3's text: dropped as a duplicate whatever the threads */
	assert_int_equal(n1, 4);
	assert_null(strstr(one, "\"doc\":\"d4\""));
	for (t = 2; t <= 5; t++) {
		other = run(path, t, t == 3 ? 1 : 0, 0, 0, 0, &n);
		assert_string_equal(one, other);
		assert_int_equal(n, n1);
		free(other);
	}
	remove(path);
	free(path);
	free(one);
}

static void shards_merge_to_sorted(void **state)
{
	char *path = write_tmp(corpus);
	uint64_t n, total = 0;
	char *sorted = run(path, 1, 0, 1, 0, 0, &n), *parts[3];
	char *files[3];
	const char *paths[3];
	pw_context *ctx;
	FILE *out = tmpfile();
	size_t len, i;
	char *merged;

	(void)state;
	assert_true(strlen(sorted) > 0);
	for (i = 0; i < 3; i++) {
		parts[i] = run(path, i == 1 ? 2 : 1, 0, 1, (unsigned)i, 3, &n);
		total += n;
		files[i] = write_tmp(parts[i]);
		paths[i] = files[i];
	}
	assert_int_equal(total, 4);
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	assert_int_equal(pw_merge_jsonl(ctx, out, paths, 3, NULL, NULL), 0);
	merged = slurp(out, &len);
	assert_string_equal(merged, sorted);
	for (i = 0; i < 3; i++) {
		remove(files[i]);
		free(files[i]);
		free(parts[i]);
	}
	free(merged);
	fclose(out);
	pw_context_free(ctx);
	remove(path);
	free(path);
	free(sorted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shard_values),   cmocka_unit_test(shard_spread),
		cmocka_unit_test(shard_parse),    cmocka_unit_test(merge_order_dedup),
		cmocka_unit_test(threads_same_bytes), cmocka_unit_test(shards_merge_to_sorted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
