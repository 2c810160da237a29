/* pactwatch changes --since D [--until D] [--country CC] [--json]:
 * partnerships that started, were agreed, became active, ended or came
 * back — the realignment alert. */
#include "store_cli.h"
#include <stdio.h>
#include <stdlib.h>

static const char USAGE[] =
	"pactwatch changes --since YYYY-MM-DD [--until D] [--country CC] [--domain D] [--limit N] "
	"[--json] [--db PATH|postgresql://...]";

PW_CMD(changes);
PW_CMD(changes)
{
	struct store_opts o;
	pw_context *ctx = NULL;
	pw_store *s;
	pw_change_list *l;
	int rc;
	size_t i;

	if (!(s = store_cli_start(&o, &ctx, argc, argv, USAGE,
				   "--db --data --json --since --until --country --domain --limit", "changes", &rc)))
		goto out;
	if (o.json) {
		rc = store_cli_json(s, ctx, "changes", PW_Q_CHANGES, &o.q);
	} else if ((rc = pw_tracker_changes(&l, s, &o.q))) {
		rc = cli_fail(ctx, "changes", rc);
	} else {
		printf("partnership changes%s%s (%zu)\n", o.q.since ? " since " : "",
		       o.q.since ? o.q.since : "", l->n);
		for (i = 0; i < l->n; i++) {
			const pw_change *c = &l->items[i];
			char snip[120] = "";
			if (c->evidence)
				store_cli_snippet(snip, sizeof(snip), c->evidence->ev.text, 90);
			printf("%-10s %s-%s %-13s %-9s -> %-9s %s\n", c->date, c->a, c->b, c->domain,
			       c->from, c->to, snip);
		}
		pw_change_list_free(l);
	}
	pw_store_close(s);
out:
	pw_context_free(ctx);
	free(o.pos);
	return rc;
}
