/*
 * JSON-lines records. A hand-written scanner instead of jansson: jansson
 * builds a tree of json_t values and copies every string through its own
 * allocator and UTF-8 checker, which alone runs below the 200 MB/s ingest
 * target on article-sized strings; a record here is one flat object whose
 * string values are unescaped straight into the document's own buffers.
 * The scanner is a complete JSON validator for the record (nested values of
 * unknown fields are checked and skipped), and every rejection names the
 * file, line, column and, when already read, the document id.
 */
#include "ingest.h"
#include <stdio.h>

#define JSON_MAX_DEPTH 64
/* Scanner failures are PW_EPARSE (never -1, which is PW_ENOMEM). */
#define JFAIL PW_EPARSE

typedef struct jp {
	const char *s;
	size_t n, i;
	const char *err;    /* static message of the first error */
	size_t err_at;
} jp;

static int fail(jp *p, const char *msg)
{
	if (!p->err) {
		p->err = msg;
		p->err_at = p->i;
	}
	return JFAIL;
}

static inline void ws(jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\r' ||
			       p->s[p->i] == '\n'))
		p->i++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return JFAIL;
}

static int hex4(jp *p, size_t at, uint32_t *v)
{
	int k;

	*v = 0;
	if (at + 4 > p->n)
		return JFAIL;
	for (k = 0; k < 4; k++) {
		int h = hexval(p->s[at + k]);

		if (h < 0)
			return JFAIL;
		*v = (*v << 4) | (uint32_t)h;
	}
	return 0;
}

static size_t put_utf8(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A string at p->i (the opening quote). With dst (room for the raw length)
 * its unescaped bytes are written there and their count in *dlen. Raw
 * control bytes inside strings are tolerated (scrapers emit tabs and NULs);
 * normalization cleans and reports them. */
static int string(jp *p, char *dst, size_t *dlen)
{
	size_t w = 0;
	const char *q = NULL;

	p->i++;
	for (;;) {
		/* memchr runs vectorized: most strings have no escape at all; the
		 * next quote is searched again only once an escape passed it */
		const char *bs;
		size_t run;

		if (!q || q < p->s + p->i)
			q = memchr(p->s + p->i, '"', p->n - p->i);
		if (!q)
			return fail(p, "unterminated string");
		bs = memchr(p->s + p->i, '\\', (size_t)(q - (p->s + p->i)));
		run = (size_t)((bs ? bs : q) - (p->s + p->i));
		if (dst) {
			memcpy(dst + w, p->s + p->i, run);
			w += run;
		}
		p->i += run;
		if (!bs) {
			p->i++;
			if (dlen)
				*dlen = w;
			return 0;
		}
		/* an escape */
		if (p->i + 1 >= p->n)
			return fail(p, "unterminated string");
		{
			char e = p->s[p->i + 1], c = 0;
			uint32_t cp, lo;

			switch (e) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case '/': c = '/'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u':
				if (hex4(p, p->i + 2, &cp))
					return fail(p, "bad \\u escape");
				p->i += 6;
				if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 1 < p->n &&
				    p->s[p->i] == '\\' && p->s[p->i + 1] == 'u' &&
				    !hex4(p, p->i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p->i += 6;
				} else if (cp >= 0xD800 && cp <= 0xDFFF) {
					cp = 0xFFFD;   /* a lone surrogate */
				}
				if (dst) {
					if (cp == 0)
						dst[w++] = '\0';   /* removed and reported later */
					else
						w += put_utf8(dst + w, cp);
				}
				continue;
			default:
				return fail(p, "bad escape in string");
			}
			if (dst)
				dst[w++] = c;
			p->i += 2;
		}
	}
}

static int value(jp *p, int depth);

static int literal(jp *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->n - p->i < n || memcmp(p->s + p->i, lit, n))
		return fail(p, "invalid value");
	p->i += n;
	return 0;
}

static int number(jp *p)
{
	size_t s = p->i;

	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
		return fail(p, "invalid number");
	while (p->i < p->n && ((p->s[p->i] >= '0' && p->s[p->i] <= '9') || p->s[p->i] == '.' ||
			       p->s[p->i] == 'e' || p->s[p->i] == 'E' || p->s[p->i] == '+' ||
			       p->s[p->i] == '-'))
		p->i++;
	return p->i > s ? 0 : -1;
}

static int container(jp *p, int depth, char close)
{
	int first = 1;

	if (depth > JSON_MAX_DEPTH)
		return fail(p, "nesting too deep");
	p->i++;
	for (;;) {
		ws(p);
		if (p->i < p->n && p->s[p->i] == close && first) {
			p->i++;
			return 0;
		}
		if (close == '}') {
			if (p->i >= p->n || p->s[p->i] != '"')
				return fail(p, "expected a field name");
			if (string(p, NULL, NULL))
				return JFAIL;
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return fail(p, "expected ':'");
			p->i++;
		}
		if (value(p, depth + 1))
			return JFAIL;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			first = 0;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return 0;
		}
		return fail(p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int value(jp *p, int depth)
{
	ws(p);
	if (p->i >= p->n)
		return fail(p, "unexpected end of line");
	switch (p->s[p->i]) {
	case '"': return string(p, NULL, NULL);
	case '{': return container(p, depth, '}');
	case '[': return container(p, depth, ']');
	case 't': return literal(p, "true");
	case 'f': return literal(p, "false");
	case 'n': return literal(p, "null");
	default: return number(p);
	}
}

enum { F_ID, F_DATE, F_TEXT, F_TITLE, F_URL, F_SOURCE, F_LANG, F_HTML, F_N };
static const char *const field_names[F_N] = {"id", "date", "text", "title", "url",
					      "source", "lang", "html"};

typedef struct rec {
	char *v[F_N];
	size_t len[F_N];
	const char *badtype[F_N];   /* JSON type of a non-string value */
	char unknown[160];
} rec;

static const char *type_name(char c)
{
	switch (c) {
	case '{': return "an object";
	case '[': return "an array";
	case 't': case 'f': return "a boolean";
	default: return "a number";
	}
}

static int parse_record(jp *p, rec *r, pw_context *ctx)
{
	int first = 1;

	ws(p);
	if (p->i >= p->n || p->s[p->i] != '{')
		return fail(p, "not a JSON object");
	p->i++;
	for (;;) {
		char key[32];
		size_t klen = 0, ks;
		int f = -1, k;

		ws(p);
		if (first && p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			break;
		}
		if (p->i >= p->n || p->s[p->i] != '"')
			return fail(p, "expected a field name");
		ks = p->i;
		if (string(p, NULL, NULL))
			return JFAIL;
		if (p->i - ks - 2 < sizeof(key)) {
			jp kp = {p->s, p->i, ks, NULL, 0};

			string(&kp, key, &klen);
		}
		key[klen < sizeof(key) ? klen : sizeof(key) - 1] = '\0';
		for (k = 0; k < F_N; k++)
			if (klen == strlen(field_names[k]) && !memcmp(key, field_names[k], klen))
				f = k;
		ws(p);
		if (p->i >= p->n || p->s[p->i] != ':')
			return fail(p, "expected ':'");
		p->i++;
		ws(p);
		if (f >= 0 && p->i < p->n && p->s[p->i] == '"') {
			size_t vs = p->i;

			if (string(p, NULL, NULL))
				return JFAIL;
			pw_free(ctx, r->v[f]);
			/* unescaped text is never longer than its escaped form */
			r->v[f] = pw_malloc(ctx, p->i - vs + 1);
			if (!r->v[f])
				return PW_ENOMEM;
			p->i = vs;
			string(p, r->v[f], &r->len[f]);
			r->v[f][r->len[f]] = '\0';
			r->badtype[f] = NULL;
		} else if (f >= 0 && p->i < p->n && p->s[p->i] == 'n') {
			if (literal(p, "null"))
				return JFAIL;   /* null: as if absent */
		} else {
			char c = p->i < p->n ? p->s[p->i] : 0;

			if (value(p, 0))
				return JFAIL;
			if (f >= 0) {
				r->badtype[f] = type_name(c);
			} else if (strlen(r->unknown) + klen + 4 < sizeof(r->unknown)) {
				if (r->unknown[0])
					strcat(r->unknown, ", ");
				strcat(r->unknown, "'");
				strcat(r->unknown, key);
				strcat(r->unknown, "'");
			}
		}
		first = 0;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			break;
		}
		return fail(p, "expected ',' or '}'");
	}
	ws(p);
	if (p->i < p->n)
		return fail(p, "text after the object");
	return 0;
}

static void rec_free(pw_context *ctx, rec *r)
{
	int k;

	for (k = 0; k < F_N; k++)
		pw_free(ctx, r->v[k]);
}

/* Take ownership of a parsed value into a doc field. */
static void take(rec *r, int f, char **slot)
{
	*slot = r->v[f];
	r->v[f] = NULL;
}

static int reject(pw_context *ctx, int report, const char *file, uint64_t line, const char *id,
		  const char *fmt, const char *a, const char *b)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, a, b);
	if (report)
		pw_diag_emit(ctx, PW_DIAG_ERROR, file, line, UINT64_MAX, id, "%s: skipped", msg);
	return pw_error_set(ctx, PW_EPARSE, "%s:%llu: %s%s%s", file ? file : "-",
			    (unsigned long long)line, id ? "doc " : "", id ? id : "", msg);
}

int pw_jsonl_parse(pw_doc **out, pw_context *ctx, const char *json, size_t len,
		   const char *file, uint64_t line, const pw_reader_options *opts, int report)
{
	jp p = {json, len, 0, NULL, 0};
	rec r;
	pw_doc *doc = NULL;
	int rc, k;
	const char *id;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	rc = parse_record(&p, &r, ctx);
	id = r.v[F_ID] && !r.badtype[F_ID] ? r.v[F_ID] : NULL;
	if (rc == PW_ENOMEM) {
		rec_free(ctx, &r);
		return rc;
	}
	if (rc) {
		char col[32];

		snprintf(col, sizeof(col), "%zu", p.err_at + 1);
		rc = reject(ctx, report, file, line, id, "invalid JSON at column %s: %s", col, p.err);
		goto out;
	}
	if (r.badtype[F_ID] || r.badtype[F_TEXT] || r.badtype[F_HTML]) {
		int f = r.badtype[F_ID] ? F_ID : r.badtype[F_TEXT] ? F_TEXT : F_HTML;

		rc = reject(ctx, report, file, line, id, "field '%s' is %s, not a string",
			    field_names[f], r.badtype[f]);
		goto out;
	}
	if (!id || !*id) {
		rc = reject(ctx, report, file, line, NULL, "missing or empty \"id\"%s%s", "", "");
		goto out;
	}
	if (memchr(id, '\0', r.len[F_ID]) || strlen(id) > 512) {
		rc = reject(ctx, report, file, line, NULL, "bad \"id\" (NUL byte or over 512 bytes)%s%s",
			    "", "");
		goto out;
	}
	if (!r.v[F_TEXT] && !r.v[F_HTML]) {
		rc = reject(ctx, report, file, line, id, "no \"text\" (or \"html\") field%s%s", "", "");
		goto out;
	}
	if ((rc = pw_doc_alloc(&doc, ctx)))
		goto out;
	take(&r, F_ID, &doc->id);
	doc->origin_line = line;
	if (r.v[F_TITLE])
		take(&r, F_TITLE, &doc->title);
	if (r.v[F_URL])
		take(&r, F_URL, &doc->url);
	if (r.v[F_SOURCE])
		take(&r, F_SOURCE, &doc->source);
	doc->origin_bytes = len;
	if (file && (rc = pw_doc_set(ctx, &doc->origin_file, file, strlen(file))))
		goto out;
	if (r.unknown[0])
		pw_diag_emit(ctx, PW_DIAG_WARNING, file, line, UINT64_MAX, doc->id,
			     "unknown field(s) %s ignored", r.unknown);
	for (k = F_TITLE; k <= F_LANG; k++)
		if (r.badtype[k])
			pw_diag_emit(ctx, PW_DIAG_WARNING, file, line, UINT64_MAX, doc->id,
				     "field '%s' is %s, not a string: ignored", field_names[k],
				     r.badtype[k]);
	if (r.v[F_TEXT]) {
		doc->text_len = r.len[F_TEXT];
		take(&r, F_TEXT, &doc->text);
	} else {
		/* an "html" field: the article's markup */
		pw_buf b;
		pw_html_info hi = {0};

		pw_buf_init(&b, ctx);
		rc = pw_html_extract(&b, &hi, ctx, r.v[F_HTML], r.len[F_HTML], 1);
		if (!rc) {
			doc->text = pw_buf_detach(&b, &doc->text_len);
			if (!doc->text)
				rc = PW_ENOMEM;
		}
		pw_buf_free(&b);
		if (rc == PW_ELIMIT)
			rc = reject(ctx, report, file, line, doc->id, "field 'html': %s%s",
				    pw_error_last(ctx), "");
		if (!rc && !doc->title && hi.title) {
			doc->title = hi.title;
			hi.title = NULL;
		}
		if (!rc && !r.v[F_DATE] && !r.badtype[F_DATE] && hi.date) {
			r.v[F_DATE] = hi.date;
			hi.date = NULL;
		}
		if (!rc && !r.v[F_LANG] && hi.lang) {
			r.v[F_LANG] = hi.lang;
			hi.lang = NULL;
		}
		pw_html_info_free(ctx, &hi);
		if (rc)
			goto out;
	}
	if ((rc = pw_doc_clean_meta(ctx, doc)))
		goto out;
	if (r.badtype[F_DATE])
		pw_diag_emit(ctx, PW_DIAG_WARNING, file, line, UINT64_MAX, doc->id,
			     "field 'date' is %s, not a string: date is null", r.badtype[F_DATE]);
	else if (!r.v[F_DATE] && opts && opts->default_date)
		rc = pw_doc_apply_date(ctx, doc, opts->default_date, "date");
	else
		rc = pw_doc_apply_date(ctx, doc, r.v[F_DATE], "\"date\" field");
	if (!rc) {
		const char *lang = r.v[F_LANG] ? r.v[F_LANG] : opts ? opts->default_lang : NULL;

		rc = pw_doc_apply_lang(ctx, doc, lang);
	}
	if (!rc && pw_text_blank(doc->text, doc->text_len)) {
		rc = reject(ctx, report, file, line, doc->id, "empty document%s%s", "", "");
	}
out:
	rec_free(ctx, &r);
	if (rc) {
		pw_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}
