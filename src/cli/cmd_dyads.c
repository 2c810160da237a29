/* pactwatch dyads --by day|month|year [--json|--csv]: event counts and
 * score sums by period, directed country pair and quad class. */
#include "store_cli.h"
#include <stdio.h>
#include <stdlib.h>

static const char USAGE[] =
	"pactwatch dyads [--by day|month|year] [--since D] [--until D] [--country CC] "
	"[--security S] [--all] [--json|--csv] [--db PATH|postgresql://...]";

PW_CMD(dyads);
PW_CMD(dyads)
{
	struct store_opts o;
	pw_context *ctx = NULL;
	pw_store *s;
	pw_dyad_list *l;
	int rc;
	size_t i;

	if (!(s = store_cli_start(&o, &ctx, argc, argv, USAGE,
				   "--db --data --json --csv --by --since --until "
				   "--country --security --modality --all", "dyads", &rc)))
		goto out;
	if (o.json) {
		rc = store_cli_json(s, ctx, "dyads", PW_Q_DYADS, &o.q);
	} else if ((rc = pw_tracker_dyads(&l, s, &o.q))) {
		rc = cli_fail(ctx, "dyads", rc);
	} else {
		if (o.csv)
			printf("period,actor,recipient,quad,count,score_sum\n");
		else
			printf("%-10s %-6s %-9s %4s %7s %10s\n", "PERIOD", "ACTOR", "RECIPIENT", "QUAD",
			       "COUNT", "SCORE_SUM");
		for (i = 0; i < l->n; i++) {
			const pw_dyad *d = &l->items[i];
			if (o.csv)
				printf("%s,%s,%s,%d,%llu,%.1f\n", d->period, d->a, d->b, d->quad,
				       (unsigned long long)d->count, d->score_sum);
			else
				printf("%-10s %-6s %-9s %4d %7llu %10.1f\n", d->period, d->a, d->b, d->quad,
				       (unsigned long long)d->count, d->score_sum);
		}
		pw_dyad_list_free(l);
	}
	pw_store_close(s);
out:
	pw_context_free(ctx);
	free(o.pos);
	return rc;
}
