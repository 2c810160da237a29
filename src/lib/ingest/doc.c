/*
 * Documents: construction, freeing, and pw_doc_prepare(), which runs the
 * normalization, language and sentence stages (src/lib/segment/) and the
 * duplicate check.
 */
#include "ingest.h"
#include <ctype.h>

/* pw_doc_free() takes no context, so every document carries the context
 * whose allocator made it, just after the public struct. */
typedef struct doc_box {
	pw_doc doc;
	pw_context *ctx;
} doc_box;

static pw_context *doc_ctx(pw_doc *doc)
{
	return ((doc_box *)doc)->ctx;
}

int pw_doc_alloc(pw_doc **out, pw_context *ctx)
{
	doc_box *b = pw_calloc(ctx, 1, sizeof(*b));

	*out = NULL;
	if (!b)
		return PW_ENOMEM;
	b->ctx = ctx;
	*out = &b->doc;
	return 0;
}

int pw_doc_set(pw_context *ctx, char **slot, const char *s, size_t n)
{
	char *p = pw_strndup(ctx, s, n);

	if (!p)
		return PW_ENOMEM;
	pw_free(ctx, *slot);
	*slot = p;
	return 0;
}

void pw_doc_free(pw_doc *doc)
{
	pw_context *ctx;

	if (!doc)
		return;
	ctx = doc_ctx(doc);
	pw_free(ctx, doc->id);
	pw_free(ctx, doc->date);
	pw_free(ctx, doc->title);
	pw_free(ctx, doc->url);
	pw_free(ctx, doc->source);
	pw_free(ctx, doc->lang);
	pw_free(ctx, doc->text);
	pw_free(ctx, doc->origin_file);
	pw_free(ctx, doc->sents);
	pw_free(ctx, doc->duplicate_of);
	pw_free(ctx, (doc_box *)doc);
}

/* 1 if s needed repair (then *out is a new repaired copy), 0 if clean. */
static int clean_str(pw_context *ctx, const char *s, char **out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = strlen(s);
	pw_buf b;
	int dirty = 0;

	*out = NULL;
	for (i = 0; i < n; i++) {
		uint32_t cp;
		size_t k;

		if (p[i] < 0x20 || p[i] == 0x7f) {
			dirty = 1;
			break;
		}
		if (p[i] < 0x80)
			continue;
		k = pw_utf8_decode(p + i, n - i, &cp);
		if (!k) {
			dirty = 1;
			break;
		}
		i += k - 1;
	}
	if (!dirty)
		return 0;
	pw_buf_init(&b, ctx);
	for (i = 0; i < n;) {
		uint32_t cp;
		size_t k;

		if (p[i] < 0x80) {
			pw_buf_putc(&b, (char)(p[i] < 0x20 || p[i] == 0x7f ? ' ' : p[i]));
			i++;
			continue;
		}
		k = pw_utf8_decode(p + i, n - i, &cp);
		if (k) {
			pw_buf_append(&b, p + i, k);
			i += k;
		} else {
			pw_buf_append(&b, "\xef\xbf\xbd", 3);
			i++;
		}
	}
	*out = pw_buf_detach(&b, NULL);
	pw_buf_free(&b);
	return *out ? 1 : PW_ENOMEM;
}

int pw_doc_clean_meta(pw_context *ctx, pw_doc *doc)
{
	char **fields[4] = {&doc->id, &doc->title, &doc->url, &doc->source};
	static const char *const names[4] = {"id", "title", "url", "source"};
	char which[64] = "";
	int i;

	for (i = 0; i < 4; i++) {
		char *fixed;
		int rc;

		if (!*fields[i])
			continue;
		rc = clean_str(ctx, *fields[i], &fixed);
		if (rc < 0)
			return rc;
		if (rc) {
			pw_free(ctx, *fields[i]);
			*fields[i] = fixed;
			if (which[0])
				strcat(which, ", ");
			strcat(which, names[i]);
		}
	}
	if (which[0])
		pw_diag_emit(ctx, PW_DIAG_WARNING, doc->origin_file, doc->origin_line, UINT64_MAX,
			     doc->id, "invalid UTF-8 or control characters in %s replaced", which);
	return 0;
}

int pw_text_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]) && s[i] != '\0')
			return 0;
	return 1;
}

/* Characters of a document's value a diagnostic quotes: enough to see what
 * the value is, not a 10 kB line. */
#define QUOTE_CHARS 40

/* Code points that are invisible or reorder or break a terminal line:
 * C1 controls, bidi marks and overrides, line/paragraph separators. */
static int quote_hidden(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* raw as a diagnostic quotes it: 'value', control characters, invalid UTF-8
 * and hidden code points escaped (\n, \xFF, \u202E) so that a document
 * cannot forge or garble the message line, cut after QUOTE_CHARS characters
 * with "... (N bytes)". Returns out. */
static const char *quote_raw(char out[320], const char *raw)
{
	const unsigned char *p = (const unsigned char *)raw;
	size_t len = strlen(raw), i = 0, o = 0, chars;
	uint32_t cp;

	out[o++] = '\'';
	for (chars = 0; i < len && chars < QUOTE_CHARS; chars++) {
		size_t n = p[i] < 0x80 ? 1 : pw_utf8_decode(p + i, len - i, &cp);

		const char *esc = n != 1 ? NULL : p[i] == '\n' ? "\\n" : p[i] == '\r' ? "\\r" :
				  p[i] == '\t' ? "\\t" : p[i] == '\\' ? "\\\\" : p[i] == '\'' ? "\\'" : NULL;

		if (esc) {
			memcpy(out + o, esc, 2);
			o += 2;
		} else if (n == 1 && p[i] >= 0x20 && p[i] != 0x7F) {
			out[o++] = (char)p[i];
		} else if (n <= 1) {
			o += (size_t)snprintf(out + o, 5, "\\x%02X", p[i]);
			n = 1;
		} else if (quote_hidden(cp)) {
			o += (size_t)snprintf(out + o, 7, "\\u%04X", (unsigned)cp);
		} else {
			memcpy(out + o, p + i, n);
			o += n;
		}
		i += n;
	}
	out[o++] = '\'';
	if (i < len)
		snprintf(out + o, 320 - o, "... (%zu bytes)", len);
	else
		out[o] = '\0';
	return out;
}

int pw_doc_apply_date(pw_context *ctx, pw_doc *doc, const char *raw, const char *what)
{
	char d[11], q[320];

	if (!raw || !*raw) {
		pw_diag_emit(ctx, PW_DIAG_WARNING, doc->origin_file, doc->origin_line, UINT64_MAX,
			     doc->id, "no %s: date is null", what ? what : "date");
		return 0;
	}
	if (pw_date_normalize(d, raw)) {
		pw_diag_emit(ctx, PW_DIAG_WARNING, doc->origin_file, doc->origin_line, UINT64_MAX,
			     doc->id, "malformed date %s: date is null", quote_raw(q, raw));
		return 0;
	}
	return pw_doc_set(ctx, &doc->date, d, 10);
}

int pw_doc_apply_lang(pw_context *ctx, pw_doc *doc, const char *raw)
{
	char low[4] = {0}, q[320];
	size_t i;

	if (!raw || !*raw)
		return 0;
	for (i = 0; i < 3 && isalpha((unsigned char)raw[i]); i++)
		low[i] = (char)tolower((unsigned char)raw[i]);
	/* "en", "en-US", "eng"; "fr", "fr_FR", "fra", "fre" */
	if ((i == 2 || (i == 3 && !strcmp(low, "eng"))) && !strncmp(low, "en", 2) &&
	    (raw[i] == '\0' || raw[i] == '-' || raw[i] == '_')) {
		doc->lang_given = 1;
		return pw_doc_set(ctx, &doc->lang, "en", 2);
	}
	if ((i == 2 || (i == 3 && (!strcmp(low, "fra") || !strcmp(low, "fre")))) &&
	    !strncmp(low, "fr", 2) && (raw[i] == '\0' || raw[i] == '-' || raw[i] == '_')) {
		doc->lang_given = 1;
		return pw_doc_set(ctx, &doc->lang, "fr", 2);
	}
	pw_diag_emit(ctx, PW_DIAG_WARNING, doc->origin_file, doc->origin_line, UINT64_MAX, doc->id,
		     "unsupported language %s: detecting instead", quote_raw(q, raw));
	return 0;
}

int pw_doc_new(pw_doc **out, pw_context *ctx, const char *id, const char *date,
	       const char *lang, const char *text, size_t text_len)
{
	pw_doc *doc;
	int rc;

	*out = NULL;
	if (!id || !*id)
		return pw_error_set(ctx, PW_EINVAL, "pw_doc_new: a document needs an id");
	if (!text)
		return pw_error_set(ctx, PW_EINVAL, "pw_doc_new: doc %s: no text", id);
	if ((rc = pw_doc_alloc(&doc, ctx)))
		return rc;
	rc = pw_doc_set(ctx, &doc->id, id, strlen(id));
	if (!rc)
		rc = pw_doc_set(ctx, &doc->text, text, text_len);
	doc->text_len = text_len;
	doc->origin_bytes = text_len;
	if (!rc && date)
		rc = pw_doc_apply_date(ctx, doc, date, "date");
	if (!rc && lang)
		rc = pw_doc_apply_lang(ctx, doc, lang);
	if (!rc)
		rc = pw_doc_clean_meta(ctx, doc);
	if (rc) {
		pw_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int pw_doc_from_json(pw_doc **out, pw_context *ctx, const char *json, size_t len,
		     const char *file, uint64_t line)
{
	return pw_jsonl_parse(out, ctx, json, len, file, line, NULL, 0);
}

uint64_t pw_doc_text_hash(const char *text, size_t len)
{
	/* 8 bytes per step (a multiply-rotate chain), several times faster
	 * than the byte-wise pw_hash64 on long texts; finished with the same
	 * avalanche. Not cryptographic: the store checks length too. */
	const unsigned char *p = (const unsigned char *)text;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)len * 0xff51afd7ed558ccdULL);
	size_t n = len;

	while (n >= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		h ^= w * 0x87c37b91114253d5ULL;
		h = ((h << 31) | (h >> 33)) * 0x4cf5ad432745937fULL;
		p += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;

		memcpy(&w, p, n);
		h ^= w * 0x87c37b91114253d5ULL;
		h = ((h << 31) | (h >> 33)) * 0x4cf5ad432745937fULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

int pw_doc_prepare(pw_context *ctx, pw_doc *doc)
{
	const pw_segtables *t;
	char *norm;
	size_t nlen;
	uint32_t repairs;
	uint64_t first_bad;
	const char *dup = NULL;
	int rc;

	if (doc->prepared)
		return 0;
	/* sentence offsets are 32-bit and repair can triple the size */
	if (doc->text_len > UINT32_MAX / 4)
		return pw_error_set(ctx, PW_ELIMIT, "doc %s: text of %zu bytes is too large",
				    doc->id ? doc->id : "?", doc->text_len);
	if ((rc = pw_segtables_get(&t, ctx)))
		return rc;
	rc = pw_normalize_text(&norm, &nlen, &repairs, &first_bad, ctx,
			       doc->text ? doc->text : "", doc->text ? doc->text_len : 0);
	if (rc)
		return rc;
	if (repairs)
		pw_diag_emit(ctx, PW_DIAG_WARNING, doc->origin_file, doc->origin_line, first_bad,
			     doc->id, "%u invalid UTF-8 sequence(s) or NUL byte(s) replaced or removed "
			     "(first at byte %llu of the text)", repairs,
			     (unsigned long long)first_bad);
	if (pw_strip_tag_debris(t, norm, nlen))
		nlen = pw_collapse_space(norm, nlen);
	pw_free(ctx, doc->text);
	doc->text = norm;
	doc->text_len = nlen;
	doc->repairs = repairs;
	doc->hash = pw_doc_text_hash(norm, nlen);
	if (!doc->lang) {
		const char *l = pw_lang_detect(t, norm, nlen);

		if ((rc = pw_doc_set(ctx, &doc->lang, l, strlen(l))))
			return rc;
	}
	rc = pw_seen_add(ctx, doc->hash, doc->id, &dup);
	if (rc == PW_EDUP) {
		doc->duplicate_of_seen = 1;
		if ((rc = pw_doc_set(ctx, &doc->duplicate_of, dup, strlen(dup))))
			return rc;
		pw_diag_emit(ctx, PW_DIAG_INFO, doc->origin_file, doc->origin_line, UINT64_MAX,
			     doc->id, "duplicate of doc %s: not processed again", dup);
		doc->prepared = 1;
		return 0;
	}
	if (rc)
		return rc;
	rc = pw_sentences_split(&doc->sents, &doc->nsent, ctx, t, norm, nlen);
	if (rc)
		return rc;
	doc->prepared = 1;
	return 0;
}
