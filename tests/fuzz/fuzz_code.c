/* Fuzz the whole coding path on arbitrary bytes: a document built from the
 * input (pw_doc_new), prepared, coded with the shipped dictionaries and
 * patterns, and written in every output format. The first byte picks the
 * language (en, fr, detect) and --explain. One context is kept across runs
 * (loading the dictionaries per input would be all the fuzzer measures);
 * its duplicate table is cleared per input so every input is coded. */
#include "core/internal.h"
#include <pactwatch/pactwatch.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static pw_context *g_ctx; /* test harness state, not library state */
static FILE *g_null;

static void quiet(void *ud, const pw_diag *d) { (void)ud; (void)d; }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;

	(void)argc, (void)argv;
	o.diag = quiet;
	if (pw_context_new(&g_ctx, &o) || pw_coder_load(g_ctx)) {
		fprintf(stderr, "fuzz_code: cannot load dictionaries: %s\n",
			g_ctx ? pw_error_last(g_ctx) : "no context");
		abort();
	}
	g_null = fopen("/dev/null", "w");
	if (!g_null)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *langs[] = {"en", "fr", NULL};
	pw_code_options co = PW_CODE_OPTIONS_INIT;
	pw_doc *doc = NULL;
	pw_event_list *l = NULL;
	size_t i, n;

	if (size < 1)
		return 0;
	co.explain = (data[0] >> 2) & 1;
	if (pw_doc_new(&doc, g_ctx, "fuzz", "2024-03-01", langs[data[0] % 3],
		       (const char *)data + 1, size - 1))
		return 0;
	if (pw_coder_code_doc(&l, g_ctx, doc, &co) == 0) {
		n = pw_event_list_count(l);
		for (i = 0; i < n; i++) {
			const pw_event *e = pw_event_list_get(l, i);

			if (e->sentence >= doc->nsent)
				__builtin_trap(); /* an event points at a real sentence */
			if (e->actor.start > e->actor.end || e->actor.end > strlen(e->text))
				__builtin_trap(); /* actor offsets inside the sentence */
			if (e->quad < 1 || e->quad > 4 || !e->event || !e->modality)
				__builtin_trap();
		}
		(void)pw_events_write(g_null, l, PW_FMT_JSONL);
		(void)pw_events_write(g_null, l, PW_FMT_TSV);
		(void)pw_events_write(g_null, l, PW_FMT_CSV);
	}
	pw_event_list_free(l);
	pw_doc_free(doc);
	pw_seen_clear(g_ctx);
	return 0;
}
