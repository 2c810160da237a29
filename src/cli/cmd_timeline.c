/* pactwatch timeline CC1 CC2 [--since D] [--until D] [--all] [--json]:
 * the dated events between two countries, with their sentences. */
#include "store_cli.h"
#include <stdio.h>
#include <stdlib.h>

static const char USAGE[] =
	"pactwatch timeline CC1 CC2 [--since D] [--until D] [--security S] [--all] [--json] "
	"[--db PATH|postgresql://...]";

PW_CMD(timeline);
PW_CMD(timeline)
{
	struct store_opts o;
	pw_context *ctx = NULL;
	pw_store *s;
	pw_event_rows *r;
	int help, rc;
	size_t i;

	rc = store_cli_parse(&o, argc, argv, USAGE,
			     "--db --data --json --since --until --security --all --limit", &help);
	if (rc || help)
		goto out;
	if (o.npos != 2) {
		fprintf(stderr, "usage: %s\n", USAGE);
		rc = PW_EXIT_USAGE;
		goto out;
	}
	if ((rc = store_cli_country(o.pos[0], "timeline")) || (rc = store_cli_country(o.pos[1], "timeline")))
		goto out;
	o.q.country = o.pos[0];
	o.q.country2 = o.pos[1];
	if (!(s = store_cli_open(&o, &ctx, "timeline", &rc)))
		goto out;
	if (o.json) {
		rc = store_cli_json(s, ctx, "timeline", PW_Q_TIMELINE, &o.q);
	} else if ((rc = pw_tracker_timeline(&r, s, &o.q))) {
		rc = cli_fail(ctx, "timeline", rc);
	} else {
		printf("%s - %s: %zu events\n", o.q.country, o.q.country2, r->n);
		for (i = 0; i < r->n; i++) {
			const pw_event *e = &r->rows[i].ev;
			char snip[160];
			store_cli_snippet(snip, sizeof(snip), e->text, 140);
			printf("%-10s %s->%s %-9s %-12s %-10s %s:%u  %s\n", e->date[0] ? e->date : "?",
			       e->actor.country, e->has_recipient ? e->recipient.country : "-", e->event,
			       e->security ? e->security : "-", e->modality ? e->modality : "", e->doc,
			       e->sentence, snip);
		}
		pw_event_rows_free(r);
	}
	pw_store_close(s);
out:
	pw_context_free(ctx);
	free(o.pos);
	return rc;
}
