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

static inline void str_value(pw_buf *b, const char *v)
{
	if (v)
		pw_buf_json_cstr(b, v);
	else
		pw_buf_puts(b, "null");
}

#define STR_FIELD(b, name, v) (KEY(b, name), str_value((b), (v)))

/* A sentence or an explanation: long, so scanned a word at a time from
 * the start. */
static void long_field(pw_buf *b, const char *key, size_t klen, const char *v)
{
	pw_buf_append(b, key, klen);
	if (v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

#define LONG_FIELD(b, name, v) long_field((b), ",\"" name "\":", sizeof(",\"" name "\":") - 1, (v))

void pw_event_json(pw_buf *b, const pw_event *e)
{
	size_t c;

	pw_buf_puts(b, "{\"id\":");
	pw_buf_json_cstr(b, e->id);
	STR_FIELD(b, "doc", e->doc);
	KEY(b, "sentence");
	pw_buf_put_u64(b, e->sentence);
	STR_FIELD(b, "date", e->date[0] ? e->date : NULL);
	STR_FIELD(b, "date_source", e->date_source);
	KEY(b, "actor");
	actor_json(b, &e->actor);
	KEY(b, "recipient");
	if (e->has_recipient)
		actor_json(b, &e->recipient);
	else
		pw_buf_puts(b, "null");
	STR_FIELD(b, "event", e->event);
	STR_FIELD(b, "mode", e->mode ? e->mode : "");
	pw_buf_puts(b, ",\"context\":[");
	for (c = 0; c < 4 && e->contexts[c]; c++) {
		if (c)
			pw_buf_putc(b, ',');
		pw_buf_json_cstr(b, e->contexts[c]);
	}
	pw_buf_putc(b, ']');
	STR_FIELD(b, "security", e->security);
	STR_FIELD(b, "modality", e->modality);
	STR_FIELD(b, "cameo", e->cameo);
	KEY(b, "quad");
	pw_buf_put_i64(b, e->quad);
	KEY(b, "score");
	pw_buf_put_fixed1(b, e->score);
	STR_FIELD(b, "trigger", e->trigger);
	LONG_FIELD(b, "text", e->text);
	if (e->pattern)
		STR_FIELD(b, "pattern", e->pattern);
	if (e->why)
		LONG_FIELD(b, "why", e->why);
	if (e->source)
		STR_FIELD(b, "source", e->source);
	if (e->url)
		STR_FIELD(b, "url", e->url);
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
