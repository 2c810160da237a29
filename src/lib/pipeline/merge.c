/*
 * Merging shard outputs into the canonical order (pipeline.h): groups of
 * consecutive lines with the same "doc", sorted by document id, the first
 * group of an id (in the order the inputs are given) kept.
 *
 * Lines are copied through byte for byte: re-serializing the JSON would
 * make the merge depend on jansson's formatting rather than the coder's,
 * and the point is that a merge equals a single run to the byte. Only the
 * "doc" member is looked at, with a small scanner (the coder writes it as
 * a plain JSON string; escapes are decoded so ids with quotes still sort
 * as the single run sorts them).
 */
#include "../core/internal.h"
#include "pactwatch/pipeline.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct group {
	char *id;
	size_t start, len;    /* bytes in the merge's text buffer */
	uint64_t order;
} group;

typedef struct merger {
	pw_context *ctx;
	pw_buf text;          /* every kept line, in input order */
	group *g;
	size_t ng, capg;
} merger;

/* Decode the JSON string starting at s (just after the opening quote) into
 * out; returns the number of bytes consumed including the closing quote,
 * or 0 if malformed. \uXXXX is kept escaped: ids are compared bytewise and
 * the coder only escapes control characters this way. */
static size_t json_str(pw_buf *out, const char *s, const char *end)
{
	const char *p = s;

	while (p < end && *p != '"') {
		if (*p == '\\') {
			if (p + 1 >= end)
				return 0;
			switch (p[1]) {
			case 'n': pw_buf_putc(out, '\n'); break;
			case 't': pw_buf_putc(out, '\t'); break;
			case 'r': pw_buf_putc(out, '\r'); break;
			case 'b': pw_buf_putc(out, '\b'); break;
			case 'f': pw_buf_putc(out, '\f'); break;
			case 'u': pw_buf_append(out, p, 2); break;
			default: pw_buf_putc(out, p[1]); break;
			}
			p += 2;
		} else {
			pw_buf_putc(out, *p++);
		}
	}
	if (p >= end)
		return 0;
	return (size_t)(p - s) + 1;
}

/* The value of the top-level "doc" member of a one-line JSON object, into
 * id. Returns 0 or -1. Nested objects are skipped by depth counting so an
 * actor's fields are never mistaken for the event's. */
static int doc_id(pw_buf *id, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int depth = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '{')
		return -1;
	for (; p < end; p++) {
		if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		} else if (*p == '"') {
			size_t k;

			id->len = 0;
			k = json_str(id, p + 1, end);
			if (!k)
				return -1;
			p += k;
			if (depth == 1 && id->len == 3 && !memcmp(id->data, "doc", 3)) {
				const char *q = p + 1;

				while (q < end && (*q == ' ' || *q == ':'))
					q++;
				if (q >= end || *q != '"')
					return -1;
				id->len = 0;
				return json_str(id, q + 1, end) && !id->oom ? 0 : -1;
			}
		}
	}
	return -1;
}

static int add_group(merger *m, const char *id, size_t idlen, size_t start)
{
	group *g;

	if (m->ng == m->capg) {
		size_t cap = m->capg ? m->capg * 2 : 1024;
		group *v = pw_realloc(m->ctx, m->g, cap * sizeof(*v));
		if (!v)
			return PW_ENOMEM;
		m->g = v;
		m->capg = cap;
	}
	g = &m->g[m->ng];
	g->id = pw_strndup(m->ctx, id, idlen);
	if (!g->id)
		return PW_ENOMEM;
	g->start = start;
	g->len = 0;
	g->order = m->ng++;
	return 0;
}

static int read_one(merger *m, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	uint64_t lineno = 0;
	pw_buf id;
	group *cur = NULL;
	int rc = 0;

	if (!f)
		return pw_error_set(m->ctx, PW_EIO, "%s: %s", path, strerror(errno));
	pw_buf_init(&id, m->ctx);
	while ((n = getline(&line, &cap, f)) > 0) {
		size_t len = (size_t)n;

		lineno++;
		/* Hadoop Streaming's TextOutputFormat appends a tab to a line
		 * that has no key/value tab (all our JSON lines), Windows tools a
		 * CR: neither is part of an event, so they go */
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == '\t' ||
			       line[len - 1] == ' '))
			len--;
		if (!len)
			continue;
		line[len++] = '\n';
		if (doc_id(&id, line, len)) {
			pw_diag_emit(m->ctx, PW_DIAG_ERROR, path, lineno, UINT64_MAX, NULL,
				     "not an event (a JSON object with a string \"doc\"): line skipped");
			continue;
		}
		/* a group is a run of lines of one document within one input */
		if (!cur || strlen(cur->id) != id.len || memcmp(cur->id, id.data, id.len)) {
			if ((rc = add_group(m, id.data, id.len, m->text.len)))
				break;
			cur = &m->g[m->ng - 1];
		}
		if (pw_buf_append(&m->text, line, len)) {
			rc = PW_ENOMEM;
			break;
		}
		cur = &m->g[m->ng - 1];
		cur->len = m->text.len - cur->start;
	}
	if (!rc && ferror(f))
		rc = pw_error_set(m->ctx, PW_EIO, "%s: read error: %s", path, strerror(errno));
	if (rc == PW_ENOMEM)
		rc = pw_error_set(m->ctx, PW_ENOMEM, "%s:%llu: out of memory", path,
				  (unsigned long long)lineno);
	free(line);
	pw_buf_free(&id);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int group_cmp(const void *a, const void *b)
{
	const group *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

int pw_merge_jsonl(pw_context *ctx, FILE *f, const char *const *paths, size_t npaths,
		   uint64_t *ndocs, uint64_t *nlines)
{
	merger m;
	uint64_t docs = 0, lines = 0;
	size_t i;
	int rc = 0;

	memset(&m, 0, sizeof(m));
	m.ctx = ctx;
	pw_buf_init(&m.text, ctx);
	for (i = 0; i < npaths && !rc; i++)
		rc = read_one(&m, paths[i]);
	if (!rc && m.ng)
		qsort(m.g, m.ng, sizeof(*m.g), group_cmp);
	for (i = 0; !rc && i < m.ng; i++) {
		const group *g = &m.g[i];
		size_t k;

		/* de-duplicate: a document coded twice (a shard re-run, an
		 * overlapping input) keeps its first group */
		if (i && !strcmp(g->id, m.g[i - 1].id))
			continue;
		if (g->len && fwrite(m.text.data + g->start, 1, g->len, f) != g->len)
			rc = pw_error_set(ctx, PW_EIO, "write error on the merged output");
		docs++;
		for (k = 0; k < g->len; k++)
			lines += m.text.data[g->start + k] == '\n';
	}
	if (!rc && fflush(f))
		rc = pw_error_set(ctx, PW_EIO, "write error on the merged output");
	for (i = 0; i < m.ng; i++)
		pw_free(ctx, m.g[i].id);
	pw_free(ctx, m.g);
	pw_buf_free(&m.text);
	if (ndocs)
		*ndocs = docs;
	if (nlines)
		*nlines = lines;
	return rc;
}
