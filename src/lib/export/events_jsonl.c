/*
 * Writing events: JSON lines per ../shared/spec/EVENTS.md (the default),
 * and the dispatch to the TSV and CSV writers. Fields are written in the
 * contract's order so diffs of outputs stay readable.
 */
#include "../core/internal.h"
#include "pactwatch/coder.h"
#include "events_write.h"
#include <stdio.h>

static void actor_json(pw_buf *b, const pw_event_actor *a)
{
	pw_buf_puts(b, "{\"code\":");
	pw_buf_json_str(b, a->code, strlen(a->code));
	pw_buf_puts(b, ",\"country\":");
	pw_buf_json_str(b, a->country, strlen(a->country));
	pw_buf_puts(b, ",\"sector\":");
	pw_buf_json_str(b, a->sector, strlen(a->sector));
	pw_buf_puts(b, ",\"text\":");
	pw_buf_json_str(b, a->text ? a->text : "", a->text ? strlen(a->text) : 0);
	pw_buf_puts(b, ",\"start\":");
	pw_buf_put_u64(b, a->start);
	pw_buf_puts(b, ",\"end\":");
	pw_buf_put_u64(b, a->end);
	pw_buf_putc(b, '}');
}

static void str_field(pw_buf *b, const char *name, const char *v)
{
	/* pieces, not printf: this runs for every field of every event */
	pw_buf_puts(b, ",\"");
	pw_buf_puts(b, name);
	pw_buf_puts(b, "\":");
	if (v)
		pw_buf_json_str(b, v, strlen(v));
	else
		pw_buf_puts(b, "null");
}

void pw_event_json(pw_buf *b, const pw_event *e)
{
	size_t c;

	pw_buf_puts(b, "{\"id\":");
	pw_buf_json_str(b, e->id, strlen(e->id));
	str_field(b, "doc", e->doc);
	pw_buf_puts(b, ",\"sentence\":");
	pw_buf_put_u64(b, e->sentence);
	str_field(b, "date", e->date[0] ? e->date : NULL);
	str_field(b, "date_source", e->date_source);
	pw_buf_puts(b, ",\"actor\":");
	actor_json(b, &e->actor);
	pw_buf_puts(b, ",\"recipient\":");
	if (e->has_recipient)
		actor_json(b, &e->recipient);
	else
		pw_buf_puts(b, "null");
	str_field(b, "event", e->event);
	str_field(b, "mode", e->mode ? e->mode : "");
	pw_buf_puts(b, ",\"context\":[");
	for (c = 0; c < 4 && e->contexts[c]; c++) {
		if (c)
			pw_buf_putc(b, ',');
		pw_buf_json_str(b, e->contexts[c], strlen(e->contexts[c]));
	}
	pw_buf_putc(b, ']');
	str_field(b, "security", e->security);
	str_field(b, "modality", e->modality);
	str_field(b, "cameo", e->cameo);
	pw_buf_puts(b, ",\"quad\":");
	pw_buf_put_i64(b, e->quad);
	pw_buf_puts(b, ",\"score\":");
	pw_buf_put_fixed1(b, e->score);
	str_field(b, "trigger", e->trigger);
	str_field(b, "text", e->text);
	if (e->pattern)
		str_field(b, "pattern", e->pattern);
	if (e->why)
		str_field(b, "why", e->why);
	if (e->source)
		str_field(b, "source", e->source);
	if (e->url)
		str_field(b, "url", e->url);
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
