/* pactwatch incidents [--window DAYS] [--country CC] [--since D] ...:
 * reports of the same happening grouped, with their number of sources. */
#include "store_cli.h"
#include <stdio.h>
#include <stdlib.h>

static const char USAGE[] =
	"pactwatch incidents [--window DAYS] [--country CC] [--since D] [--until D] "
	"[--security S] [--domain D] [--limit N] [--json] [--db PATH|postgresql://...]";

PW_CMD(incidents);
PW_CMD(incidents)
{
	struct store_opts o;
	pw_context *ctx = NULL;
	pw_store *s;
	pw_incident_list *l;
	int rc;
	size_t i;

	if (!(s = store_cli_start(&o, &ctx, argc, argv, USAGE,
				   "--db --data --json --window --country --since "
				   "--until --security --domain --limit --all", "incidents", &rc)))
		goto out;
	if (o.json) {
		rc = store_cli_json(s, ctx, "incidents", PW_Q_INCIDENTS, &o.q);
	} else if ((rc = pw_tracker_incidents(&l, s, &o.q))) {
		rc = cli_fail(ctx, "incidents", rc);
	} else {
		printf("%zu incidents (window %d days)\n", l->n,
		       o.q.window_days > 0 ? o.q.window_days : 7);
		for (i = 0; i < l->n; i++) {
			const pw_incident *in = &l->items[i];
			char snip[100] = "";
			store_cli_snippet(snip, sizeof(snip), in->events[0]->ev.text, 70);
			printf("%s %s..%s %s-%s %-9s %-12s reports=%zu sources=%zu  %s\n", in->id,
			       in->first, in->last, in->a, in->b, in->event,
			       in->security ? in->security : "-", in->nevents, in->nsources, snip);
		}
		pw_incident_list_free(l);
	}
	pw_store_close(s);
out:
	pw_context_free(ctx);
	free(o.pos);
	return rc;
}
