/*
 * Reads the dashboard needs that the tracker API does not offer:
 *  - evidence: one stored sentence with its neighbours, its document's
 *    title/source/url and the events coded from it (the dyad view's
 *    "show me the article" step). Written on the store's storage
 *    interface, so it runs on SQLite and PostgreSQL alike.
 *  - the country table (data/countries.tsv) as JSON for the map.
 */
#include "serve/serve_internal.h"
#include "store/backend.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- evidence ------------------------------------------------------------------ */

struct ev_ctx {
	pw_buf *out;
	int n;
};

static void jfield(pw_buf *b, const char *key, const char *v, int comma)
{
	if (comma)
		pw_buf_putc(b, ',');
	pw_buf_json_str(b, key, strlen(key));
	pw_buf_putc(b, ':');
	if (v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

static int doc_row(void *ud, int ncol, const char *const *v)
{
	struct ev_ctx *e = ud;

	if (ncol < 5)
		return 1;
	pw_buf_puts(e->out, "\"document\":{");
	jfield(e->out, "id", v[0], 0);
	jfield(e->out, "date", v[1], 1);
	jfield(e->out, "title", v[2], 1);
	jfield(e->out, "source", v[3], 1);
	jfield(e->out, "url", v[4], 1);
	pw_buf_putc(e->out, '}');
	e->n++;
	return 1;
}

static int sent_row(void *ud, int ncol, const char *const *v)
{
	struct ev_ctx *e = ud;

	if (ncol < 2)
		return 1;
	pw_buf_puts(e->out, e->n++ ? ",{" : "{");
	pw_buf_printf(e->out, "\"sentence\":%ld", v[0] ? strtol(v[0], NULL, 10) : -1L);
	jfield(e->out, "text", v[1], 1);
	pw_buf_putc(e->out, '}');
	return 0;
}

static int event_row(void *ud, int ncol, const char *const *v)
{
	struct ev_ctx *e = ud;

	if (ncol < 9)
		return 1;
	pw_buf_puts(e->out, e->n++ ? ",{" : "{");
	jfield(e->out, "id", v[0], 0);
	jfield(e->out, "date", v[1], 1);
	jfield(e->out, "actor", v[2], 1);
	jfield(e->out, "recipient", v[3], 1);
	jfield(e->out, "event", v[4], 1);
	jfield(e->out, "security", v[5], 1);
	jfield(e->out, "modality", v[6], 1);
	jfield(e->out, "cameo", v[7], 1);
	jfield(e->out, "trigger", v[8], 1);
	pw_buf_putc(e->out, '}');
	return 0;
}

int pw_query_evidence(pw_buf *out, pw_store *s, const char *doc, long sentence)
{
	char idx[24], lo[24], hi[24];
	const char *p1[2], *p3[3];
	struct ev_ctx e = {out, 0};
	size_t mark = out->len;
	int rc;

	snprintf(idx, sizeof(idx), "%ld", sentence);
	snprintf(lo, sizeof(lo), "%ld", sentence - 1);
	snprintf(hi, sizeof(hi), "%ld", sentence + 1);
	p1[0] = doc;
	p1[1] = idx;
	pw_buf_puts(out, "{");
	rc = s->ops->query(s, "SELECT id, date, title, source, url FROM documents WHERE id = ?",
			   1, p1, doc_row, &e);
	if (rc)
		return rc;
	if (!e.n) {
		out->len = mark;
		return PW_ENOTFOUND;
	}
	pw_buf_printf(out, ",\"sentence\":%ld,\"text\":", sentence);
	{
		char *text = NULL;

		rc = pw_store_query_str(s, &text, "SELECT text FROM sentences WHERE doc = ? AND idx = ?",
					2, p1);
		if (rc)
			return rc;
		if (!text) {
			out->len = mark;
			return PW_ENOTFOUND;
		}
		pw_buf_json_str(out, text, strlen(text));
		pw_free(pw_store_context(s), text);
	}
	/* The sentences around it: a claim often needs the previous one
	 * ("The agreement, signed on Monday, ...") to be read right. */
	pw_buf_puts(out, ",\"context\":[");
	p3[0] = doc;
	p3[1] = lo;
	p3[2] = hi;
	e.n = 0;
	rc = s->ops->query(s, "SELECT idx, text FROM sentences WHERE doc = ? AND idx >= ? AND "
			      "idx <= ? ORDER BY idx",
			   3, p3, sent_row, &e);
	if (rc)
		return rc;
	pw_buf_puts(out, "],\"events\":[");
	e.n = 0;
	rc = s->ops->query(s, "SELECT id, date, actor_code, recipient_code, event, security, "
			      "modality, cameo, trigger_text FROM events WHERE doc = ? AND "
			      "sentence = ? ORDER BY id",
			   2, p1, event_row, &e);
	if (rc)
		return rc;
	pw_buf_puts(out, "]}\n");
	return out->oom ? PW_ENOMEM : 0;
}

/* ---- countries ------------------------------------------------------------------- */

/* data/countries.tsv: iso3 iso2 numeric name_en name_fr lat lon region,
 * TAB-separated, a header line first, '#' comments. */
int pw_countries_json(char **out, size_t *len, pw_context *ctx)
{
	char *path = pw_data_path(ctx, "countries.tsv");
	FILE *f;
	char line[1024];
	unsigned lineno = 0, n = 0;
	pw_buf b;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if (!path)
		return PW_ENOMEM;
	f = fopen(path, "r");
	if (!f) {
		rc = pw_error_set(ctx, PW_EIO, "%s: %s", path, strerror(errno));
		pw_free(ctx, path);
		return rc;
	}
	pw_buf_init(&b, ctx);
	pw_buf_puts(&b, "{\"countries\":[");
	while (fgets(line, sizeof(line), f)) {
		char *fld[8], *p = line, *t;
		int nf = 0;
		double lat, lon;
		char *e1, *e2;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#' || (lineno == 1 && !strncmp(line, "iso3\t", 5)))
			continue;
		while (nf < 8 && (t = strsep(&p, "\t")))
			fld[nf++] = t;
		if (nf != 8 || strlen(fld[0]) != 3) {
			rc = pw_error_set(ctx, PW_EDICT, "%s:%u: expected 8 TAB-separated fields "
					  "(iso3 iso2 numeric name_en name_fr lat lon region)",
					  path, lineno);
			break;
		}
		/* a position may be unknown (Kosovo has none in the source):
		 * both fields empty, the country just gets no line on the map */
		lat = strtod(fld[5], &e1);
		lon = strtod(fld[6], &e2);
		if (!*fld[5] && !*fld[6]) {
			e1 = e2 = NULL;
		} else if (*e1 || *e2 || e1 == fld[5] || e2 == fld[6]) {
			rc = pw_error_set(ctx, PW_EDICT, "%s:%u: bad lat/lon", path, lineno);
			break;
		}
		pw_buf_puts(&b, n++ ? ",{" : "{");
		jfield(&b, "iso3", fld[0], 0);
		jfield(&b, "iso2", fld[1], 1);
		jfield(&b, "numeric", fld[2], 1);
		jfield(&b, "name", fld[3], 1);
		jfield(&b, "name_fr", fld[4], 1);
		if (e1)
			pw_buf_printf(&b, ",\"lat\":%.4f,\"lon\":%.4f", lat, lon);
		else
			pw_buf_puts(&b, ",\"lat\":null,\"lon\":null");
		jfield(&b, "region", fld[7], 1);
		pw_buf_putc(&b, '}');
	}
	fclose(f);
	pw_free(ctx, path);
	pw_buf_puts(&b, "]}\n");
	if (!rc && b.oom)
		rc = PW_ENOMEM;
	if (rc) {
		pw_buf_free(&b);
		return rc;
	}
	*out = pw_buf_detach(&b, len);
	return 0;
}
