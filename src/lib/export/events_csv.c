/*
 * CSV: a header row and the contract's required fields flattened
 * (actor_code, actor_country, ...; context joined by ';'). RFC 4180 quoting:
 * a field with a comma, quote or newline is quoted, quotes doubled.
 */
#include "events_write.h"
#include "pactwatch/coder.h"
#include <stdio.h>

const char *pw_events_csv_header(void)
{
	return "id,doc,sentence,date,date_source,actor_code,actor_country,actor_sector,actor_text,"
	       "actor_start,actor_end,recipient_code,recipient_country,recipient_sector,recipient_text,"
	       "recipient_start,recipient_end,event,mode,context,security,modality,cameo,quad,score,"
	       "trigger,text\n";
}

static void cell(pw_buf *b, const char *s, int last)
{
	if (s && strpbrk(s, ",\"\r\n")) {
		pw_buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				pw_buf_putc(b, '"');
			pw_buf_putc(b, *s);
		}
		pw_buf_putc(b, '"');
	} else if (s) {
		pw_buf_puts(b, s);
	}
	pw_buf_putc(b, last ? '\n' : ',');
}

static void num(pw_buf *b, unsigned v, int present)
{
	if (present)
		pw_buf_printf(b, "%u", v);
	pw_buf_putc(b, ',');
}

void pw_event_csv(pw_buf *b, const pw_event *e)
{
	char ctxs[128] = "";
	size_t c;
	int r = e->has_recipient;

	for (c = 0; c < 4 && e->contexts[c]; c++) {
		if (c)
			strncat(ctxs, ";", sizeof(ctxs) - strlen(ctxs) - 1);
		strncat(ctxs, e->contexts[c], sizeof(ctxs) - strlen(ctxs) - 1);
	}
	cell(b, e->id, 0);
	cell(b, e->doc, 0);
	num(b, e->sentence, 1);
	cell(b, e->date, 0);
	cell(b, e->date_source, 0);
	cell(b, e->actor.code, 0);
	cell(b, e->actor.country, 0);
	cell(b, e->actor.sector, 0);
	cell(b, e->actor.text, 0);
	num(b, e->actor.start, 1);
	num(b, e->actor.end, 1);
	cell(b, r ? e->recipient.code : "", 0);
	cell(b, r ? e->recipient.country : "", 0);
	cell(b, r ? e->recipient.sector : "", 0);
	cell(b, r ? e->recipient.text : "", 0);
	num(b, e->recipient.start, r);
	num(b, e->recipient.end, r);
	cell(b, e->event, 0);
	cell(b, e->mode, 0);
	cell(b, ctxs, 0);
	cell(b, e->security ? e->security : "", 0);
	cell(b, e->modality, 0);
	cell(b, e->cameo, 0);
	pw_buf_printf(b, "%d,%.1f,", e->quad, e->score);
	cell(b, e->trigger, 0);
	cell(b, e->text, 1);
}
