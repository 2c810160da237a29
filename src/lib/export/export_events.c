/*
 * Event exports from the store: the contract's JSONL, Phoenix's 26 TSV
 * columns (headerless, so existing Phoenix/ICEWS readers take it) and CSV
 * with a header, all filtered by a pw_query.
 */
#include "tracker/tracker_internal.h"
#include <errno.h>
#include <stdio.h>

int pw_export_event_json(FILE *f, pw_context *ctx, const pw_stored_event *e)
{
	pw_buf b;
	int rc;

	pw_buf_init(&b, ctx);
	rc = tr_event_json(&b, e);
	if (!rc && fwrite(b.data, 1, b.len, f) != b.len)
		rc = pw_error_set(ctx, PW_EIO, "write failed: %s", strerror(errno));
	pw_buf_free(&b);
	return rc;
}

/* TSV/CSV cells: Phoenix TSV cannot quote, so tabs and newlines become
 * spaces; CSV quotes every text cell (RFC 4180 doubling). */
static void tsv_cell(FILE *f, const char *v, int last)
{
	for (; v && *v; v++)
		fputc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, f);
	fputc(last ? '\n' : '\t', f);
}

static void csv_cell(FILE *f, const char *v, int last)
{
	fputc('"', f);
	for (; v && *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

static void contexts_joined(char *out, size_t cap, const pw_event *e)
{
	size_t i, l = 0;

	out[0] = 0;
	for (i = 0; i < PW_ARRAY_LEN(e->contexts) && e->contexts[i] && l < cap; i++)
		l += (size_t)snprintf(out + l, cap - l, "%s%s", i ? ";" : "", e->contexts[i]);
}

static void write_tsv(FILE *f, const pw_stored_event *se)
{
	const pw_event *e = &se->ev;
	char ymd[9] = "", y[5] = "", m[3] = "", d[3] = "", root[4] = "", q[8], sc[32], ctx[128];

	if (strlen(e->date) == 10) {
		snprintf(ymd, sizeof(ymd), "%.4s%.2s%.2s", e->date, e->date + 5, e->date + 8);
		snprintf(y, sizeof(y), "%.4s", e->date);
		snprintf(m, sizeof(m), "%.2s", e->date + 5);
		snprintf(d, sizeof(d), "%.2s", e->date + 8);
	}
	snprintf(root, sizeof(root), "%.2s", e->cameo);
	snprintf(q, sizeof(q), "%d", e->quad);
	snprintf(sc, sizeof(sc), "%.1f", e->score);
	contexts_joined(ctx, sizeof(ctx), e);
	tsv_cell(f, e->id, 0);
	tsv_cell(f, ymd, 0);
	tsv_cell(f, y, 0);
	tsv_cell(f, m, 0);
	tsv_cell(f, d, 0);
	tsv_cell(f, e->actor.code, 0);
	tsv_cell(f, e->actor.country, 0);
	tsv_cell(f, e->actor.sector, 0);
	tsv_cell(f, "", 0);
	tsv_cell(f, e->has_recipient ? e->recipient.code : "", 0);
	tsv_cell(f, e->has_recipient ? e->recipient.country : "", 0);
	tsv_cell(f, e->has_recipient ? e->recipient.sector : "", 0);
	tsv_cell(f, "", 0);
	tsv_cell(f, e->cameo, 0);
	tsv_cell(f, root, 0);
	tsv_cell(f, q, 0);
	tsv_cell(f, sc, 0);
	tsv_cell(f, ctx, 0);         /* Issues */
	tsv_cell(f, "", 0);          /* Lat */
	tsv_cell(f, "", 0);          /* Lon */
	tsv_cell(f, "", 0);          /* LocationName */
	tsv_cell(f, "", 0);          /* StateName */
	tsv_cell(f, "", 0);          /* CountryCode */
	{
		char sid[128];
		snprintf(sid, sizeof(sid), "%s:%u", e->doc ? e->doc : "", e->sentence);
		tsv_cell(f, sid, 0);
	}
	tsv_cell(f, e->url, 0);
	tsv_cell(f, e->source, 1);
}

static const char CSV_HEADER[] =
	"id,doc,sentence,date,date_source,actor_code,actor_country,actor_sector,actor_text,"
	"recipient_code,recipient_country,recipient_sector,recipient_text,event,mode,context,"
	"security,modality,cameo,quad,score,trigger,text,source,url\n";

static void write_csv(FILE *f, const pw_stored_event *se)
{
	const pw_event *e = &se->ev;
	char sent[16], q[8], sc[32], ctx[128];
	int r = e->has_recipient;

	snprintf(sent, sizeof(sent), "%u", e->sentence);
	snprintf(q, sizeof(q), "%d", e->quad);
	snprintf(sc, sizeof(sc), "%.1f", e->score);
	contexts_joined(ctx, sizeof(ctx), e);
	csv_cell(f, e->id, 0);
	csv_cell(f, e->doc, 0);
	csv_cell(f, sent, 0);
	csv_cell(f, e->date, 0);
	csv_cell(f, e->date_source, 0);
	csv_cell(f, e->actor.code, 0);
	csv_cell(f, e->actor.country, 0);
	csv_cell(f, e->actor.sector, 0);
	csv_cell(f, e->actor.text, 0);
	csv_cell(f, r ? e->recipient.code : "", 0);
	csv_cell(f, r ? e->recipient.country : "", 0);
	csv_cell(f, r ? e->recipient.sector : "", 0);
	csv_cell(f, r ? e->recipient.text : "", 0);
	csv_cell(f, e->event, 0);
	csv_cell(f, e->mode, 0);
	csv_cell(f, ctx, 0);
	csv_cell(f, e->security, 0);
	csv_cell(f, e->modality, 0);
	csv_cell(f, e->cameo, 0);
	csv_cell(f, q, 0);
	csv_cell(f, sc, 0);
	csv_cell(f, e->trigger, 0);
	csv_cell(f, e->text, 0);
	csv_cell(f, e->source, 0);
	csv_cell(f, e->url, 1);
}

int pw_export_events(FILE *f, pw_store *s, const pw_query *q, pw_event_format fmt)
{
	pw_context *ctx = pw_store_context(s);
	pw_event_rows *r;
	pw_buf b;
	size_t i;
	int rc = pw_tracker_events(&r, s, q);

	if (rc)
		return rc;
	pw_buf_init(&b, ctx);
	if (fmt == PW_FMT_CSV)
		fputs(CSV_HEADER, f);
	for (i = 0; i < r->n; i++) {
		if (fmt == PW_FMT_JSONL) {
			pw_buf_reset(&b);
			tr_event_json(&b, &r->rows[i]);
			pw_buf_putc(&b, '\n');
			fwrite(b.data, 1, b.len, f);
		} else if (fmt == PW_FMT_TSV) {
			write_tsv(f, &r->rows[i]);
		} else {
			write_csv(f, &r->rows[i]);
		}
	}
	if (b.oom)
		rc = pw_error_set(ctx, PW_ENOMEM, "out of memory");
	pw_buf_free(&b);
	pw_event_rows_free(r);
	if (!rc && (ferror(f) || fflush(f)))
		rc = pw_error_set(ctx, PW_EIO, "export: write failed: %s", strerror(errno));
	return rc;
}
