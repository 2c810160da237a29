/*
 * Fault injection: allocation failure at every point of coding one document
 * and of storing it, and at sampled points of loading the dictionaries.
 *
 * The context's allocator hooks are the failing malloc: the Nth allocation
 * (counting from when the hook is armed) returns NULL. Each run must end in
 * 0 or PW_ENOMEM with a message, free everything (the hook counts live
 * blocks, so a leak fails here even without ASan), leave the context usable
 * and, for the store, leave either the whole document or nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/internal.h"
#include <pactwatch/pactwatch.h>

struct failing {
	long fail_at;   /* fail the Nth call after arming; 0: never */
	long calls;     /* calls since arming */
	long live;      /* blocks allocated and not freed (leak accounting) */
	long failures;  /* how many calls were failed */
	int sticky;     /* 1: every call after the Nth fails too */
};

static void *f_malloc(void *ud, size_t n)
{
	struct failing *f = ud;
	void *p;

	f->calls++;
	if (f->fail_at > 0 && (f->calls == f->fail_at || (f->sticky && f->calls > f->fail_at))) {
		f->failures++;
		return NULL;
	}
	p = malloc(n);
	if (p)
		f->live++;
	return p;
}

static void *f_realloc(void *ud, void *p, size_t n)
{
	struct failing *f = ud;
	void *q;

	f->calls++;
	if (f->fail_at > 0 && (f->calls == f->fail_at || (f->sticky && f->calls > f->fail_at))) {
		f->failures++;
		return NULL;
	}
	q = realloc(p, n);
	if (q && !p)
		f->live++;
	return q;
}

static void f_free(void *ud, void *p)
{
	struct failing *f = ud;

	if (p)
		f->live--;
	free(p);
}

static void arm(struct failing *f, long n, int sticky)
{
	f->fail_at = n;
	f->calls = 0;
	f->failures = 0;
	f->sticky = sticky;
}

static void quiet(void *ud, const pw_diag *d) { (void)ud; (void)d; }

/* Under valgrind (PW_FAULTS_QUICK set by tests/valgrind.sh) every point
 * costs ~50x more: sample every 7th coding point and a few load points. */
static long quick(void)
{
	const char *q = getenv("PW_FAULTS_QUICK");

	return q && *q && strcmp(q, "0") ? 1 : 0;
}

static const char DOC_TEXT[] =
	"Russia signed a defence agreement with Mali on Tuesday. France withdrew its troops "
	"from Niger. The United States will not deliver drones to Chad. Le Burkina Faso et la "
	"Russie ont conclu un accord militaire. ECOWAS condemned the coup in Niamey.";

static pw_context *new_ctx(struct failing *f, pw_allocator *a)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = NULL;

	a->malloc_fn = f_malloc;
	a->realloc_fn = f_realloc;
	a->free_fn = f_free;
	a->ud = f;
	o.allocator = a;
	o.diag = quiet;
	o.data_dir = PW_SOURCE_DIR "/data";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	return ctx;
}

/* The clean run's events as JSON lines (test state; reset per test). */
static char *g_base;

static void base_reset(void)
{
	free(g_base);
	g_base = NULL;
}

/* Code DOC_TEXT once; returns the number of events, a negative code, or
 * -1000 when the events differ from the first run's (g_base). */
static long code_once(pw_context *ctx, pw_event_list **keep)
{
	pw_code_options co = PW_CODE_OPTIONS_INIT;
	pw_doc *doc = NULL;
	pw_event_list *l = NULL;
	long n;
	int rc;

	rc = pw_doc_new(&doc, ctx, "fault-doc", "2024-03-05", NULL, DOC_TEXT, strlen(DOC_TEXT));
	if (rc)
		return rc;
	rc = pw_coder_code_doc(&l, ctx, doc, &co);
	n = rc ? rc : (long)pw_event_list_count(l);
	/* the events as JSON lines: a failure absorbed by the library must not
	 * change them (compared with the clean run's) */
	if (!rc) {
		char *txt = NULL;
		size_t tlen = 0;
		FILE *mf = open_memstream(&txt, &tlen);

		int wrc;

		assert_non_null(mf);
		/* writing allocates too: its failure is one more PW_ENOMEM point */
		wrc = pw_events_write(mf, l, PW_FMT_JSONL);
		fclose(mf);
		if (wrc) {
			assert_int_equal(wrc, PW_ENOMEM);
			n = PW_ENOMEM;
			free(txt);
		} else if (!g_base)
			g_base = txt;
		else {
			if (strcmp(g_base, txt) != 0)
				n = -1000; /* same count or not: different events */
			free(txt);
		}
	}
	if (keep && !rc)
		*keep = l;
	else
		pw_event_list_free(l);
	pw_doc_free(doc);
	pw_seen_clear(ctx);
	return n;
}

/* Every allocation of coding one document (dictionaries already loaded). */
static void test_alloc_fail_coding(void **state)
{
	struct failing f = {0};
	pw_allocator a;
	pw_context *ctx;
	long base_events, total, n, live0, nomem = 0;

	(void)state;
	base_reset();
	ctx = new_ctx(&f, &a);
	assert_int_equal(pw_coder_load(ctx), 0);
	/* a warm-up run creates the context's lazy per-stage state (kept by
	 * the context, freed with it); then a clean run: how many allocations
	 * coding takes, how many events */
	arm(&f, 0, 0);
	(void)code_once(ctx, NULL);
	live0 = f.live;
	base_events = code_once(ctx, NULL);
	total = f.calls;
	assert_true(base_events >= 3);
	assert_int_equal(f.live, live0);
	assert_true(total > 10);
	for (n = 1; n <= total; n += quick() ? 7 : 1) {
		long r;

		arm(&f, n, 0);
		r = code_once(ctx, NULL);
		if (f.failures == 0)
			continue; /* fewer allocations this time (arena blocks reused) */
		if (r < 0) {
			if (r != PW_ENOMEM)
				fail_msg("allocation %ld: code %ld (%s), expected PW_ENOMEM", n, r,
					 pw_error_last(ctx));
			assert_true(strlen(pw_error_last(ctx)) > 0);
			nomem++;
		}
		/* a failure may also be absorbed (e.g. an optional cache): then the
		 * result must be complete, not silently shorter */
		else if (r != base_events)
			fail_msg("allocation %ld failed but coding returned %ld events instead of %ld "
				 "without an error", n, r, base_events);
		if (f.live != live0)
			fail_msg("allocation %ld: %ld blocks leaked", n, f.live - live0);
		/* the context stays usable after the failure */
		arm(&f, 0, 0);
		r = code_once(ctx, NULL);
		if (r != base_events)
			fail_msg("after failing allocation %ld the context codes %ld events, not %ld", n,
				 r, base_events);
	}
	print_message("coding: %ld allocation points, %ld ended in PW_ENOMEM\n", total, nomem);
	pw_context_free(ctx);
	assert_int_equal(f.live, 0);
}

/* Sticky failure: every allocation from the Nth on fails (memory really
 * exhausted), so cleanup paths run without memory. */
static void test_alloc_exhausted_coding(void **state)
{
	struct failing f = {0};
	pw_allocator a;
	pw_context *ctx;
	long total, n, live0, base;

	(void)state;
	base_reset();
	ctx = new_ctx(&f, &a);
	assert_int_equal(pw_coder_load(ctx), 0);
	arm(&f, 0, 0);
	(void)code_once(ctx, NULL); /* warm-up: lazy per-context state */
	live0 = f.live;
	base = code_once(ctx, NULL);
	total = f.calls;
	for (n = 1; n <= total; n += quick() ? 7 : 1) {
		long r;

		arm(&f, n, 1);
		r = code_once(ctx, NULL);
		if (r < 0 && r != PW_ENOMEM)
			fail_msg("exhausted at %ld: code %ld (%s)", n, r, pw_error_last(ctx));
		if (r >= 0 && r != base)
			fail_msg("exhausted at %ld: %ld events without an error, expected %ld", n, r, base);
		if (f.live != live0)
			fail_msg("exhausted at %ld: %ld blocks leaked", n, f.live - live0);
	}
	arm(&f, 0, 0);
	assert_int_equal(code_once(ctx, NULL), base);
	pw_context_free(ctx);
	assert_int_equal(f.live, 0);
}

/* Context creation and dictionary loading: every allocation of creating a
 * context, then a sample of points spread over loading the dictionaries
 * (every point would take minutes: there are tens of thousands). */
static void test_alloc_fail_loading(void **state)
{
	struct failing f = {0};
	pw_allocator a = {f_malloc, f_realloc, f_free, &f};
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;
	long total, n, step, tried = 0;

	(void)state;
	base_reset();
	o.allocator = &a;
	o.diag = quiet;
	o.data_dir = PW_SOURCE_DIR "/data";
	/* a clean load: the allocation count */
	arm(&f, 0, 0);
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	assert_int_equal(pw_coder_load(ctx), 0);
	total = f.calls;
	pw_context_free(ctx);
	assert_int_equal(f.live, 0);
	step = total / (quick() ? 3 : 40) + 1;
	for (n = 1; n <= total; n += (n < (quick() ? 3 : 24) ? 1 : step)) {
		int rc;

		arm(&f, n, 0);
		ctx = NULL;
		rc = pw_context_new(&ctx, &o);
		if (rc) {
			assert_int_equal(rc, PW_ENOMEM);
			assert_null(ctx);
		} else {
			rc = pw_coder_load(ctx);
			if (rc && rc != PW_ENOMEM)
				fail_msg("load with allocation %ld failing: %s (%d)", n, pw_error_last(ctx),
					 rc);
			/* a failed load can be retried on the same context */
			if (rc) {
				arm(&f, 0, 0);
				rc = pw_coder_load(ctx);
				if (rc)
					fail_msg("retrying the load after failing allocation %ld: %s", n,
						 pw_error_last(ctx));
				assert_true(code_once(ctx, NULL) >= 3);
			}
			pw_context_free(ctx);
		}
		if (f.live != 0)
			fail_msg("load with allocation %ld failing: %ld blocks leaked", n, f.live);
		tried++;
	}
	print_message("loading: %ld allocations, %ld points tried\n", total, tried);
}

static void rm_db(const char *path)
{
	char p[160];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-journal", path);
	unlink(p);
}

/* Store one coded document with allocation N failing; the store holds the
 * whole document or nothing. */
static void test_alloc_fail_store(void **state)
{
	struct failing f = {0};
	pw_allocator a;
	pw_context *ctx;
	pw_event_list *l = NULL;
	pw_event *ev;
	pw_doc *doc = NULL;
	size_t nev, i;
	long total, n, live0, whole = 0, none = 0;
	char dir[] = "/tmp/pw-faults-XXXXXX", path[128];

	(void)state;
	base_reset();
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/store.db", dir);
	ctx = new_ctx(&f, &a);
	assert_int_equal(pw_coder_load(ctx), 0);
	assert_true(code_once(ctx, &l) >= 3);
	nev = pw_event_list_count(l);
	ev = calloc(nev, sizeof(*ev));
	assert_non_null(ev);
	for (i = 0; i < nev; i++)
		ev[i] = *pw_event_list_get(l, i);
	assert_int_equal(pw_doc_new(&doc, ctx, "fault-doc", "2024-03-05", NULL, DOC_TEXT,
				    strlen(DOC_TEXT)), 0);
	assert_int_equal(pw_doc_prepare(ctx, doc), 0);
	pw_seen_clear(ctx);
	total = -1;
	for (n = 0; total < 0 || n <= total; n++) {
		pw_store *s = NULL;
		pw_store_stats st;
		pw_put_result res;
		int rc;

		rm_db(path);
		arm(&f, 0, 0);
		live0 = f.live;
		assert_int_equal(pw_store_open(&s, ctx, path), 0);
		arm(&f, n, 0); /* n == 0: the clean run that counts */
		rc = pw_store_put_doc(&res, s, doc, 0, ev, nev);
		if (n == 0) {
			assert_int_equal(rc, 0);
			total = f.calls;
		} else if (rc && rc != PW_ENOMEM)
			fail_msg("store with allocation %ld failing: %s (%d)", n, pw_error_last(ctx), rc);
		arm(&f, 0, 0);
		assert_int_equal(pw_store_stats_get(&st, s), 0);
		if (rc == 0) {
			if (st.documents != 1 || st.events != nev)
				fail_msg("allocation %ld: put succeeded but store has %llu docs %llu events", n,
					 (unsigned long long)st.documents, (unsigned long long)st.events);
			whole++;
		} else {
			if (st.documents != 0 || st.events != 0 || st.sentences != 0)
				fail_msg("allocation %ld: failed put left %llu docs %llu sentences %llu "
					 "events (half-written)", n, (unsigned long long)st.documents,
					 (unsigned long long)st.sentences, (unsigned long long)st.events);
			/* and the same store accepts the document afterwards */
			assert_int_equal(pw_store_put_doc(&res, s, doc, 0, ev, nev), 0);
			none++;
		}
		pw_store_close(s);
		if (f.live != live0)
			fail_msg("store with allocation %ld failing: %ld blocks leaked", n, f.live - live0);
	}
	print_message("store: %ld allocation points, %ld whole, %ld nothing written\n", total,
		      whole, none);
	free(ev);
	pw_event_list_free(l);
	pw_doc_free(doc);
	pw_context_free(ctx);
	assert_int_equal(f.live, 0);
	rm_db(path);
	rmdir(dir);
}

/* A partnership with several changes of state (discussed, agreed, active,
 * ended, active again): the tracker folds them into transitions. */
static const char *const TRACK_DOCS[][2] = {
	{"2022-01-10", "Russia and Mali discussed military training in Bamako."},
	{"2022-03-01", "Russia signed a defence agreement with Mali."},
	{"2022-06-01", "Russian instructors trained Malian soldiers near Sikasso."},
	{"2023-01-15", "Mali suspended its military training cooperation with Russia."},
	{"2023-06-01", "Russian instructors trained Malian troops again in Kati."},
};

/* Partners and changes of a store, with allocation N failing: 0 or
 * PW_ENOMEM, the same answer as the clean run when 0, and nothing leaked
 * (the transition arrays of a fold grow while it runs). */
static void test_alloc_fail_tracker(void **state)
{
	struct failing f = {0};
	pw_allocator a;
	pw_context *ctx;
	pw_store *s = NULL;
	pw_query q = PW_QUERY_INIT;
	char dir[] = "/tmp/pw-faults-XXXXXX", path[128], *want = NULL;
	size_t i, nwant = 0;
	long n, total, live0, ok = 0, oom = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/store.db", dir);
	ctx = new_ctx(&f, &a);
	assert_int_equal(pw_store_open(&s, ctx, path), 0);
	for (i = 0; i < sizeof(TRACK_DOCS) / sizeof(TRACK_DOCS[0]); i++) {
		pw_code_options co = PW_CODE_OPTIONS_INIT;
		pw_event_list *l = NULL;
		pw_doc *doc = NULL;
		pw_event *ev;
		pw_put_result res;
		size_t k, nev;
		char id[16];

		snprintf(id, sizeof(id), "track-%zu", i);
		assert_int_equal(pw_doc_new(&doc, ctx, id, TRACK_DOCS[i][0], "en", TRACK_DOCS[i][1],
					    strlen(TRACK_DOCS[i][1])), 0);
		assert_int_equal(pw_coder_code_doc(&l, ctx, doc, &co), 0);
		nev = pw_event_list_count(l);
		ev = calloc(nev ? nev : 1, sizeof(*ev));
		assert_non_null(ev);
		for (k = 0; k < nev; k++)
			ev[k] = *pw_event_list_get(l, k);
		assert_int_equal(pw_store_put_doc(&res, s, doc, 0, ev, nev), 0);
		free(ev);
		pw_event_list_free(l);
		pw_doc_free(doc);
	}
	q.country = "MLI";
	/* a first run outside the count: the store prepares and keeps its
	 * statements on first use */
	for (i = 0; i < 2; i++) {
		char *warm = NULL;
		size_t wlen = 0;
		assert_int_equal(pw_tracker_json(&warm, &wlen, s, i ? PW_Q_CHANGES : PW_Q_PARTNERS, &q), 0);
		pw_tracker_json_free(s, warm);
	}
	total = -1;
	for (n = 0; total < 0 || n <= total; n++) {
		char *got = NULL;
		size_t len = 0;
		int rc;

		live0 = f.live;
		arm(&f, n, 0); /* n == 0: the clean run that counts */
		rc = pw_tracker_json(&got, &len, s, PW_Q_PARTNERS, &q);
		if (!rc) {
			char *more = NULL;
			size_t mlen = 0;
			rc = pw_tracker_json(&more, &mlen, s, PW_Q_CHANGES, &q);
			if (!rc) {
				char *both = malloc(len + mlen + 1);
				assert_non_null(both);
				memcpy(both, got, len);
				memcpy(both + len, more, mlen);
				both[len + mlen] = 0;
				pw_tracker_json_free(s, more);
				pw_tracker_json_free(s, got);
				got = both;
				len += mlen;
			} else {
				pw_tracker_json_free(s, got);
				got = NULL;
			}
		}
		if (n == 0) {
			total = f.calls;
			assert_int_equal(rc, 0);
			want = got;
			nwant = len;
			/* the fold saw more than one transition */
			assert_non_null(strstr(want, "\"ended\""));
		} else if (rc == 0) {
			if (len != nwant || memcmp(got, want, len))
				fail_msg("tracker with allocation %ld failing: a different answer", n);
			free(got);
			ok++;
		} else if (rc == PW_ENOMEM) {
			oom++;
		} else {
			fail_msg("tracker with allocation %ld failing: %s (%d)", n, pw_error_last(ctx), rc);
		}
		arm(&f, 0, 0);
		if (f.live != live0)
			fail_msg("tracker with allocation %ld failing: %ld blocks leaked", n, f.live - live0);
	}
	print_message("tracker: %ld allocation points, %ld answered, %ld out of memory\n", total, ok, oom);
	free(want);
	pw_store_close(s);
	pw_context_free(ctx);
	assert_int_equal(f.live, 0);
	rm_db(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_fail_coding),
		cmocka_unit_test(test_alloc_exhausted_coding),
		cmocka_unit_test(test_alloc_fail_loading),
		cmocka_unit_test(test_alloc_fail_store),
		cmocka_unit_test(test_alloc_fail_tracker),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	base_reset();
	return rc;
}
