/*
 * Event exports from the store: the contract's JSONL, Phoenix's 26 TSV
 * columns (headerless, so existing Phoenix/ICEWS readers take it) and CSV
 * with a header, all filtered by a pw_query. TSV and CSV rows come from the
 * coder's writers (events_tsv.c, events_csv.c), so `export` and `code` give
 * the same columns.
 */
#include "tracker/tracker_internal.h"
#include "events_write.h"
#include "pactwatch/coder.h"
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
		fputs(pw_events_csv_header(), f);
	for (i = 0; i < r->n && !b.oom; i++) {
		pw_buf_reset(&b);
		if (fmt == PW_FMT_JSONL) {
			tr_event_json(&b, &r->rows[i]);
			pw_buf_putc(&b, '\n');
		} else if (fmt == PW_FMT_TSV) {
			pw_event_tsv(&b, &r->rows[i].ev);
		} else {
			pw_event_csv(&b, &r->rows[i].ev);
		}
		if (!b.oom)
			fwrite(b.data, 1, b.len, f);
	}
	if (b.oom)
		rc = pw_error_set(ctx, PW_ENOMEM, "out of memory");
	pw_buf_free(&b);
	pw_event_rows_free(r);
	if (!rc && (ferror(f) || fflush(f)))
		rc = pw_error_set(ctx, PW_EIO, "export: write failed: %s", strerror(errno));
	return rc;
}
