/* Fuzz one JSON-lines record through parsing and document preparation. */
#include "core/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ud, const pw_diag *d) { (void)ud; (void)d; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;
	pw_doc *doc = NULL;
	size_t i;

	o.diag = quiet;
	if (pw_context_new(&ctx, &o))
		return 0;
	if (pw_doc_from_json(&doc, ctx, (const char *)data, size, "fuzz", 1) == 0 && doc) {
		if (pw_doc_prepare(ctx, doc) == 0) {
			for (i = 0; i < doc->nsent; i++)
				if (doc->sents[i].start > doc->sents[i].end || doc->sents[i].end > doc->text_len)
					__builtin_trap();
		}
	}
	pw_doc_free(doc);
	pw_context_free(ctx);
	return 0;
}
