/*
 * Writing events: JSON lines per ../shared/spec/EVENTS.md (the default),
 * and the dispatch to the TSV and CSV writers. Fields are written in the
 * contract's order so diffs of outputs stay readable.
 */
#include "../core/internal.h"
#include "pactwatch/coder.h"
#include "events_write.h"
#include <stdio.h>

/* Field separators and names are literals, so their lengths are known at
 * compile time (pw_buf_puts is inline); values go through the short-string
 * JSON path: this runs for every field of every event. */
#define KEY(b, name) pw_buf_puts((b), ",\"" name "\":")

static void actor_json(pw_buf *b, const pw_event_actor *a)
{
	pw_buf_puts(b, "{\"code\":");
	pw_buf_json_cstr(b, a->code);
	KEY(b, "country");
	pw_buf_json_cstr(b, a->country);
	KEY(b, "sector");
	pw_buf_json_cstr(b, a->sector);
	KEY(b, "text");
	pw_buf_json_cstr(b, a->text ? a->text : "");
	KEY(b, "start");
	pw_buf_put_u64(b, a->start);
	KEY(b, "end");
	pw_buf_put_u64(b, a->end);
	pw_buf_putc(b, '}');
}

/* A string value or null; long ones (a sentence, an explanation) are
 * scanned a word at a time from the start. */
static inline void str_value(pw_buf *b, const char *v, int is_long)
{
	if (!v)
		pw_buf_puts(b, "null");
	else if (is_long)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_json_cstr(b, v);
}

#define STR_FIELD(b, name, v) (KEY(b, name), str_value((b), (v), 0))

/* A string value through the memo (see events_write.h). */
static void memo_value(pw_buf *b, pw_json_memo *m, int field, const char *v, int is_long)
{
	size_t at = b->len;

	if (v && m && m->f[field].p == v) {
		size_t off = m->f[field].off, len = m->f[field].len;
		/* offsets, not pointers: reserving may move the buffer */
		if (pw_buf_reserve(b, len))
			return;
		memcpy(b->data + b->len, b->data + off, len);
		b->len += len;
		return;
	}
	str_value(b, v, is_long);
	if (v && m && !b->oom) {
		m->f[field].p = v;
		m->f[field].off = at;
		m->f[field].len = b->len - at;
	}
}

#define MEMO_FIELD(b, m, name, field, v, is_long) (KEY(b, name), memo_value((b), (m), (field), (v), (is_long)))

void pw_event_json(pw_buf *b, const pw_event *e)
{
	pw_event_json_memo(b, e, NULL);
}

void pw_event_json_memo(pw_buf *b, const pw_event *e, pw_json_memo *m)
{
	size_t c;

	pw_buf_puts(b, "{\"id\":");
	pw_buf_json_cstr(b, e->id);
	MEMO_FIELD(b, m, "doc", PW_JM_DOC, e->doc, 0);
	KEY(b, "sentence");
	pw_buf_put_u64(b, e->sentence);
	STR_FIELD(b, "date", e->date[0] ? e->date : NULL);
	MEMO_FIELD(b, m, "date_source", PW_JM_DATE_SOURCE, e->date_source, 0);
	KEY(b, "actor");
	actor_json(b, &e->actor);
	KEY(b, "recipient");
	if (e->has_recipient)
		actor_json(b, &e->recipient);
	else
		pw_buf_puts(b, "null");
	MEMO_FIELD(b, m, "event", PW_JM_EVENT, e->event, 0);
	MEMO_FIELD(b, m, "mode", PW_JM_MODE, e->mode ? e->mode : "", 0);
	pw_buf_puts(b, ",\"context\":[");
	for (c = 0; c < 4 && e->contexts[c]; c++) {
		if (!c) {
			memo_value(b, m, PW_JM_CONTEXT, e->contexts[0], 0);
			continue;
		}
		pw_buf_putc(b, ',');
		pw_buf_json_cstr(b, e->contexts[c]);
	}
	pw_buf_putc(b, ']');
	MEMO_FIELD(b, m, "security", PW_JM_SECURITY, e->security, 0);
	MEMO_FIELD(b, m, "modality", PW_JM_MODALITY, e->modality, 0);
	STR_FIELD(b, "cameo", e->cameo);
	KEY(b, "quad");
	pw_buf_put_i64(b, e->quad);
	KEY(b, "score");
	pw_buf_put_fixed1(b, e->score);
	STR_FIELD(b, "trigger", e->trigger);
	MEMO_FIELD(b, m, "text", PW_JM_TEXT, e->text, 1);
	if (e->pattern)
		MEMO_FIELD(b, m, "pattern", PW_JM_PATTERN, e->pattern, 0);
	if (e->why) {
		KEY(b, "why");
		str_value(b, e->why, 1);
	}
	if (e->source)
		MEMO_FIELD(b, m, "source", PW_JM_SOURCE, e->source, 0);
	if (e->url)
		MEMO_FIELD(b, m, "url", PW_JM_URL, e->url, 0);
	pw_buf_puts(b, "}\n");
}

int pw_events_write(FILE *f, const pw_event_list *l, pw_event_format fmt)
{
	pw_buf b;
	size_t i, n = pw_event_list_count(l);
	int rc = 0;

	if (!n)
		return 0;
	pw_buf_init(&b, pw_event_list_ctx(l));
	for (i = 0; i < n; i++) {
		const pw_event *e = pw_event_list_get(l, i);
		b.len = 0;
		if (fmt == PW_FMT_TSV)
			pw_event_tsv(&b, e);
		else if (fmt == PW_FMT_CSV)
			pw_event_csv(&b, e);
		else
			pw_event_json(&b, e);
		if (b.oom) {
			rc = PW_ENOMEM;
			break;
		}
		if (fwrite(b.data, 1, b.len, f) != b.len) {
			rc = PW_EIO;
			break;
		}
	}
	pw_buf_free(&b);
	return rc;
}
