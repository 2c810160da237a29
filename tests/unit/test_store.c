/* Unit tests of the store and tracker library API (SQLite): put/replace,
 * hashes, stats, JSON answers, and data-file errors naming file:line. */
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

static char dbpath[256];

static pw_event mkev(const char *doc, const char *id, const char *date, const char *a, const char *b,
		     const char *security, const char *modality)
{
	pw_event e;

	memset(&e, 0, sizeof(e));
	snprintf(e.id, sizeof(e.id), "%s", id);
	e.doc = doc;
	snprintf(e.date, sizeof(e.date), "%s", date);
	snprintf(e.actor.code, sizeof(e.actor.code), "%sGOV", a);
	snprintf(e.actor.country, sizeof(e.actor.country), "%s", a);
	e.has_recipient = 1;
	snprintf(e.recipient.code, sizeof(e.recipient.code), "%sGOV", b);
	snprintf(e.recipient.country, sizeof(e.recipient.country), "%s", b);
	e.event = "SUPPORT";
	e.security = security;
	e.modality = modality;
	e.contexts[0] = "military";
	e.quad = 1;
	e.score = 8.0;
	e.text = "a sentence";
	return e;
}

static int setup(void **state)
{
	pw_context *ctx = NULL;
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;

	o.data_dir = PW_SOURCE_DIR "/data";
	snprintf(dbpath, sizeof(dbpath), "/tmp/pw_test_store_%d.db", (int)getpid());
	unlink(dbpath);
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	*state = ctx;
	return 0;
}

static int teardown(void **state)
{
	char p[300];

	pw_context_free(*state);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static void test_put_replace(void **state)
{
	pw_context *ctx = *state;
	pw_store *s = NULL;
	pw_doc doc;
	pw_event ev[2];
	pw_put_result r;
	pw_store_stats st;
	char text[] = "Niger and Russia signed a defence pact.";

	memset(&doc, 0, sizeof(doc));
	doc.id = "n1";
	doc.date = "2024-01-02";
	doc.text = text;
	doc.text_len = strlen(text);
	ev[0] = mkev("n1", "n1:0:0", "2024-01-02", "NER", "RUS", "agreement", "asserted");
	ev[1] = mkev("n1", "n1:0:1", "2024-01-02", "RUS", "NER", "agreement", "asserted");
	assert_int_equal(pw_store_open(&s, ctx, dbpath), 0);
	assert_true(pw_store_schema_version(s) >= 1);
	assert_string_equal(pw_store_backend(s), "sqlite");
	assert_int_equal(pw_store_has_doc_hash(s, "n1", pw_store_doc_hash(&doc)), 0);
	assert_int_equal(pw_store_put_doc(&r, s, &doc, 0, ev, 2), 0);
	assert_int_equal(r, PW_PUT_NEW);
	assert_int_equal(pw_store_has_doc_hash(s, "n1", pw_store_doc_hash(&doc)), 1);
	assert_int_equal(pw_store_put_doc(&r, s, &doc, 0, ev, 2), 0);
	assert_int_equal(r, PW_PUT_UNCHANGED);
	/* a changed date is a changed document: its events are replaced */
	doc.date = "2024-01-03";
	assert_int_equal(pw_store_put_doc(&r, s, &doc, 0, ev, 1), 0);
	assert_int_equal(r, PW_PUT_REPLACED);
	assert_int_equal(pw_store_stats_get(&st, s), 0);
	assert_int_equal(st.documents, 1);
	assert_int_equal(st.events, 1);
	assert_int_equal(st.pairs, 1);
	assert_string_equal(st.first_date, "2024-01-02");
	assert_int_equal(pw_store_delete_doc(s, "n1"), 0);
	assert_int_equal(pw_store_delete_doc(s, "n1"), PW_ENOTFOUND);
	pw_store_close(s);
}

static void test_partners_api(void **state)
{
	pw_context *ctx = *state;
	pw_store *s = NULL;
	pw_doc d1, d2;
	pw_event e1, e2;
	pw_query q = PW_QUERY_INIT;
	pw_partnership_list *l = NULL;
	char *js = NULL;
	size_t len = 0;

	memset(&d1, 0, sizeof(d1));
	memset(&d2, 0, sizeof(d2));
	d1.id = "a";
	d2.id = "b";
	e1 = mkev("a", "a:0:0", "2024-01-01", "NER", "RUS", "agreement", "asserted");
	e2 = mkev("b", "b:0:0", "2024-02-01", "NER", "RUS", "suspension", "hypothetical");
	assert_int_equal(pw_store_open(&s, ctx, dbpath), 0);
	assert_int_equal(pw_store_begin(s), 0);
	assert_int_equal(pw_store_put_doc(NULL, s, &d1, 11, &e1, 1), 0);
	assert_int_equal(pw_store_put_doc(NULL, s, &d2, 12, &e2, 1), 0);
	assert_int_equal(pw_store_commit(s), 0);
	q.country = "RUS";
	assert_int_equal(pw_tracker_partners(&l, s, &q), 0);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->items[0].b, "NER");
	assert_string_equal(l->items[0].state, "agreed"); /* hypothetical suspension ignored */
	assert_int_equal(l->items[0].nevidence, 1);
	assert_string_equal(l->items[0].evidence[0]->ev.doc, "a");
	pw_partnership_list_free(l);
	q.country = NULL;
	assert_int_equal(pw_tracker_partners(&l, s, &q), PW_EINVAL);
	assert_int_equal(pw_tracker_json(&js, &len, s, PW_Q_STATS, &q), 0);
	assert_non_null(strstr(js, "\"documents\":2"));
	assert_int_equal(strlen(js), len);
	pw_tracker_json_free(s, js);
	pw_store_close(s);
}

static void test_bad_rules_file(void **state)
{
	pw_context *ctx = NULL;
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_store *s = NULL;
	pw_query q = PW_QUERY_INIT;
	pw_partnership_list *l = NULL;
	char dir[128], cmd[512];
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/pw_test_rules_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s/tracker && cp -r %s/data/sql %s/", dir, dir,
		 PW_SOURCE_DIR, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/tracker/states.tsv", dir);
	f = fopen(cmd, "w");
	assert_non_null(f);
	fputs("# comment\ntalks\tdiscussed\ntraining\tbusy\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s/tracker/domains.tsv", dir);
	f = fopen(cmd, "w");
	fputs("default\tmilitary\n", f);
	fclose(f);
	o.data_dir = dir;
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	snprintf(cmd, sizeof(cmd), "%s/x.db", dir);
	assert_int_equal(pw_store_open(&s, ctx, cmd), 0);
	q.country = "NER";
	assert_int_equal(pw_tracker_partners(&l, s, &q), PW_EDICT);
	assert_non_null(strstr(pw_error_last(ctx), "states.tsv:3"));
	pw_store_close(s);
	pw_context_free(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partners_api, setup, teardown),
		cmocka_unit_test(test_bad_rules_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
