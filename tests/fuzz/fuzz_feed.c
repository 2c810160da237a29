/* Fuzz the RSS 2.0 / RSS 1.0 / Atom parser (libxml2, entity expansion and
 * network off) on arbitrary bytes, then prepare every item it yields. */
#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ud, const pw_diag *d) { (void)ud; (void)d; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_context *ctx;
	pw_doc **docs = NULL;
	size_t n = 0, i;

	o.diag = quiet;
	if (pw_context_new(&ctx, &o))
		return 0;
	(void)pw_feed_parse(&docs, &n, ctx, (const char *)data, size, "fuzz.xml", &ro);
	for (i = 0; i < n; i++) {
		if (!docs[i] || !docs[i]->id)
			__builtin_trap(); /* every item yielded has an id */
		if (docs[i]->date && strlen(docs[i]->date) != 10)
			__builtin_trap(); /* dates are normalized or absent */
		(void)pw_doc_prepare(ctx, docs[i]);
		pw_doc_free(docs[i]);
	}
	pw_free(ctx, docs);
	pw_context_free(ctx);
	return 0;
}
