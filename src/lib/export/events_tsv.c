/*
 * Phoenix TSV: the 26 headerless columns of the Phoenix event data set, so
 * Phoenix/ICEWS tooling reads pactwatch output unchanged. Mapping:
 *  1 EventID              event id
 *  2 Date                 YYYYMMDD
 *  3-5 Year Month Day
 *  6 SourceActorFull      actor code ("RUSMIL")
 *  7 SourceActorEntity    actor country ("RUS", "IGO")
 *  8 SourceActorRole      actor sector ("MIL")
 *  9 SourceActorAttribute (empty: pactwatch has no attribute codes)
 * 10-13 Target...         the same for the recipient (empty when none)
 * 14 EventCode            CAMEO code
 * 15 EventRootCode        its first two digits
 * 16 QuadClass            PLOVER quad 1..4 (Phoenix's quad numbering)
 * 17 GoldsteinScore       the PLOVER score (same -10..10 scale)
 * 18 Issues               PLOVER contexts joined by ';' plus the security sub-type
 * 19-20 Lat Lon           empty (no geocoding)
 * 21 LocationName         empty
 * 22 StateName            empty
 * 23 CountryCode          empty
 * 24 SentenceID           "doc:sentence"
 * 25 URLs                 document url
 * 26 NewsSources          document source
 * Tabs and newlines inside fields are replaced by spaces.
 */
#include "events_write.h"
#include <stdio.h>

static void field(pw_buf *b, const char *s, int last)
{
	for (; s && *s; s++)
		pw_buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
	pw_buf_putc(b, last ? '\n' : '\t');
}

void pw_event_tsv(pw_buf *b, const pw_event *e)
{
	char ymd[9] = "", y[5] = "", m[3] = "", d[3] = "", root[3] = "", tmp[64], issues[128] = "";
	size_t c;

	if (strlen(e->date) == 10) {
		snprintf(ymd, sizeof(ymd), "%.4s%.2s%.2s", e->date, e->date + 5, e->date + 8);
		snprintf(y, sizeof(y), "%.4s", e->date);
		snprintf(m, sizeof(m), "%.2s", e->date + 5);
		snprintf(d, sizeof(d), "%.2s", e->date + 8);
	}
	snprintf(root, sizeof(root), "%.2s", e->cameo);
	field(b, e->id, 0);
	field(b, ymd, 0);
	field(b, y, 0);
	field(b, m, 0);
	field(b, d, 0);
	field(b, e->actor.code, 0);
	field(b, e->actor.country, 0);
	field(b, e->actor.sector, 0);
	field(b, "", 0);
	field(b, e->has_recipient ? e->recipient.code : "", 0);
	field(b, e->has_recipient ? e->recipient.country : "", 0);
	field(b, e->has_recipient ? e->recipient.sector : "", 0);
	field(b, "", 0);
	field(b, e->cameo, 0);
	field(b, root, 0);
	snprintf(tmp, sizeof(tmp), "%d", e->quad);
	field(b, tmp, 0);
	snprintf(tmp, sizeof(tmp), "%.1f", e->score);
	field(b, tmp, 0);
	for (c = 0; c < 4 && e->contexts[c]; c++) {
		if (c)
			strncat(issues, ";", sizeof(issues) - strlen(issues) - 1);
		strncat(issues, e->contexts[c], sizeof(issues) - strlen(issues) - 1);
	}
	if (e->security) {
		if (issues[0])
			strncat(issues, ";", sizeof(issues) - strlen(issues) - 1);
		strncat(issues, "security:", sizeof(issues) - strlen(issues) - 1);
		strncat(issues, e->security, sizeof(issues) - strlen(issues) - 1);
	}
	field(b, issues, 0);
	field(b, "", 0);
	field(b, "", 0);
	field(b, "", 0);
	field(b, "", 0);
	field(b, "", 0);
	snprintf(tmp, sizeof(tmp), "%.50s:%u", e->doc ? e->doc : "", e->sentence);
	field(b, tmp, 0);
	field(b, e->url, 0);
	field(b, e->source, 1);
}
