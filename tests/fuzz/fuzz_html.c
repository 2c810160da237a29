/* Fuzz the HTML extractor (libxml2's HTML parser + our text walk) on
 * arbitrary bytes, as a whole page and as a fragment, then the text-file
 * document builder that ingest uses for .html files. The first byte picks
 * the mode so one corpus covers all three. */
#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ud, const pw_diag *d) { (void)ud; (void)d; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	pw_context *ctx;
	unsigned mode;

	if (size < 1)
		return 0;
	mode = data[0] % 3;
	data++, size--;
	o.diag = quiet;
	if (pw_context_new(&ctx, &o))
		return 0;
	if (mode < 2) {
		pw_buf text;
		pw_html_info info = {0};

		pw_buf_init(&text, ctx);
		/* ASan/UBSan are the oracle; also read the whole extracted text
		 * and metadata so an unterminated string would be caught */
		if (pw_html_extract(&text, &info, ctx, (const char *)data, size, (int)mode) == 0) {
			const char *t = pw_buf_cstr(&text);

			if (t && strlen(t) > text.len)
				__builtin_trap();
			if (info.title)
				(void)strlen(info.title);
		}
		pw_html_info_free(ctx, &info);
		pw_buf_free(&text);
	} else {
		pw_doc *doc = NULL;

		if (pw_text_doc(&doc, ctx, (const char *)data, size, "fuzz.html", 1, &ro) == 0 && doc)
			(void)pw_doc_prepare(ctx, doc);
		pw_doc_free(doc);
	}
	pw_context_free(ctx);
	return 0;
}
