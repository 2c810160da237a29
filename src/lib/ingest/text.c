/*
 * Whole-file documents: plain text and HTML articles. The id is the file
 * name without its extensions ("reports/mali-01.txt.gz" -> "mali-01");
 * stdin is "stdin". Plain text keeps its line structure; tag debris in it
 * is cleaned by pw_doc_prepare().
 */
#include "ingest.h"

static int id_from_path(pw_context *ctx, char **out, const char *file)
{
	const char *b = strrchr(file, '/'), *dot;
	size_t n;

	b = b ? b + 1 : file;
	if (!strcmp(file, "-"))
		b = "stdin";
	n = strlen(b);
	/* strip ".gz"/".zst" then one format extension */
	if (n > 3 && !strcmp(b + n - 3, ".gz"))
		n -= 3;
	else if (n > 4 && !strcmp(b + n - 4, ".zst"))
		n -= 4;
	for (dot = b + n; dot > b && dot[-1] != '.'; dot--)
		;
	if (dot > b + 1)
		n = (size_t)(dot - 1 - b);
	return pw_doc_set(ctx, out, b, n);
}

static int text_doc(pw_doc **out, pw_context *ctx, const char *data, char **owned, size_t len,
		    const char *file, int html, const pw_reader_options *opts)
{
	pw_doc *doc = NULL;
	pw_html_info hi = {0};
	int rc;

	*out = NULL;
	if ((rc = pw_doc_alloc(&doc, ctx))) {
		if (owned) {
			pw_free(ctx, *owned);
			*owned = NULL;
		}
		return rc;
	}
	if (owned) {
		doc->text = *owned;
		doc->text_len = len;
		*owned = NULL;
	}
	rc = id_from_path(ctx, &doc->id, file);
	if (!rc)
		rc = pw_doc_set(ctx, &doc->origin_file, file, strlen(file));
	doc->origin_bytes = len;
	if (rc)
		goto out;
	if (html) {
		pw_buf b;

		pw_buf_init(&b, ctx);
		rc = pw_html_extract(&b, &hi, ctx, data, len, 0);
		if (rc == PW_ELIMIT) {
			pw_diag_emit(ctx, PW_DIAG_ERROR, file, 0, hi.stop, doc->id, "%s: skipped",
				     pw_error_last(ctx));
			rc = PW_EPARSE;
		}
		if (!rc) {
			doc->text = pw_buf_detach(&b, &doc->text_len);
			rc = doc->text ? 0 : PW_ENOMEM;
		}
		pw_buf_free(&b);
		if (rc)
			goto out;
		doc->title = hi.title;
		doc->url = hi.url;
		doc->source = hi.source;
		hi.title = hi.url = hi.source = NULL;
	} else if (!doc->text) {
		if ((rc = pw_doc_set(ctx, &doc->text, data, len)))
			goto out;
		doc->text_len = len;
	}
	if ((rc = pw_doc_clean_meta(ctx, doc)))
		goto out;
	if (pw_text_blank(doc->text, doc->text_len)) {
		pw_diag_emit(ctx, PW_DIAG_ERROR, file, 0, UINT64_MAX, doc->id,
			     "empty document: skipped");
		rc = PW_EPARSE;
		goto out;
	}
	if (hi.date)
		rc = pw_doc_apply_date(ctx, doc, hi.date, "date");
	else if (opts && opts->default_date)
		rc = pw_doc_apply_date(ctx, doc, opts->default_date, "date");
	else
		rc = pw_doc_apply_date(ctx, doc, NULL, html ? "date in the page's <meta>/<time> or --date"
					: "date (give --date)");
	if (!rc && hi.lang)
		rc = pw_doc_apply_lang(ctx, doc, hi.lang);   /* <html lang> */
	if (!rc && !doc->lang && opts && opts->default_lang)
		rc = pw_doc_apply_lang(ctx, doc, opts->default_lang);
out:
	pw_html_info_free(ctx, &hi);
	if (rc) {
		pw_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int pw_text_doc(pw_doc **out, pw_context *ctx, const char *data, size_t len, const char *file,
		int html, const pw_reader_options *opts)
{
	return text_doc(out, ctx, data, NULL, len, file, html, opts);
}

int pw_text_doc_take(pw_doc **out, pw_context *ctx, char **data, size_t len, const char *file,
		     const pw_reader_options *opts)
{
	return text_doc(out, ctx, NULL, data, len, file, 0, opts);
}
