/*
 * Internal interface between the readers (reader.c), the format parsers
 * (jsonl.c, html.c, feed.c, text.c) and the document functions (doc.c).
 * Not installed.
 */
#ifndef PW_INGEST_H
#define PW_INGEST_H

#include "../core/internal.h"
#include "../segment/segment.h"

/* A zeroed document. 0 or PW_ENOMEM. */
int pw_doc_alloc(pw_doc **out, pw_context *ctx);
/* Replace *slot with a copy of s[0, n). 0 or PW_ENOMEM. */
int pw_doc_set(pw_context *ctx, char **slot, const char *s, size_t n);
/* Set doc->date from raw (any format pw_date_normalize() takes); NULL or
 * malformed: date stays NULL and a warning names file/line/doc. */
int pw_doc_apply_date(pw_context *ctx, pw_doc *doc, const char *raw, const char *what);
/* Set doc->lang from an input value ("en", "FR", "en-US", "fra"); other
 * values are reported and the language is detected instead. */
int pw_doc_apply_lang(pw_context *ctx, pw_doc *doc, const char *raw);
/* Make id/title/url/source valid UTF-8 without control characters
 * (invalid bytes -> U+FFFD, controls -> space), reporting once per doc, so
 * every output that prints them stays valid JSON text. 0 or PW_ENOMEM. */
int pw_doc_clean_meta(pw_context *ctx, pw_doc *doc);
/* 1 when the text has no visible character. */
int pw_text_blank(const char *s, size_t n);

/* Text and metadata of an HTML document or fragment (libxml2's HTML
 * parser). Strings are new (pw_free), NULL when absent. */
typedef struct pw_html_info {
	char *title, *date, *url, *source;
	char *lang;    /* <html lang="fr"> */
	uint64_t stop; /* PW_ELIMIT: byte offset where reading stopped, or UINT64_MAX */
} pw_html_info;
/* 0, PW_ENOMEM, or PW_ELIMIT (message set, info->stop) when the markup is
 * nested too deeply to be read whole: the caller reports and skips it. */
int pw_html_extract(pw_buf *text, pw_html_info *info, pw_context *ctx, const char *html,
		    size_t len, int fragment);
void pw_html_info_free(pw_context *ctx, pw_html_info *info);
/* Text of an element tree (used for XHTML feed content). */
struct _xmlNode;
int pw_html_tree_text(pw_buf *text, pw_html_info *info, pw_context *ctx, struct _xmlNode *node);

/* Parse a JSON-lines record. When report is set, rejections are emitted as
 * ERROR diagnostics; either way they return PW_EPARSE with the message in
 * pw_error_last(). 0, PW_EPARSE or PW_ENOMEM. */
int pw_jsonl_parse(pw_doc **out, pw_context *ctx, const char *json, size_t len,
		   const char *file, uint64_t line, const pw_reader_options *opts, int report);

/* Every item of an RSS 2.0 / RSS 1.0 / Atom feed as a document, appended to
 * *docs (grown with pw_realloc). Bad items are reported and skipped.
 * 0, PW_EPARSE (not a feed at all: reported) or PW_ENOMEM. */
int pw_feed_parse(pw_doc ***docs, size_t *ndocs, pw_context *ctx, const char *xml, size_t len,
		  const char *file, const pw_reader_options *opts);

/* A document from a whole text or HTML file; id from the file name.
 * 0, PW_EPARSE (reported) or PW_ENOMEM. */
int pw_text_doc(pw_doc **out, pw_context *ctx, const char *data, size_t len, const char *file,
		int html, const pw_reader_options *opts);
/* The same for plain text, taking ownership of *data (NUL-terminated,
 * from pw_malloc): a large file is not copied once more. *data is NULL
 * afterwards whatever the result. */
int pw_text_doc_take(pw_doc **out, pw_context *ctx, char **data, size_t len, const char *file,
		     const pw_reader_options *opts);

#endif
