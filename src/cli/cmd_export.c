/* pactwatch export --what events|network|dump [--format ...] [filters] [-o FILE]
 *   events:  jsonl (default), tsv (Phoenix), csv
 *   network: graphml (default), gexf, edges (CSV edge list)
 *   dump:    the store's canonical contents (tests, backups compare) */
#include "store_cli.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
	"pactwatch export --what events|network|dump [--format jsonl|tsv|csv|graphml|gexf|edges] "
	"[--since D] [--until D] [--as-of D] [--country CC] [--domain D] [--security S] "
	"[--modality M] [-o FILE] [--db PATH|postgresql://...]";

PW_CMD(export);
PW_CMD(export)
{
	struct store_opts o;
	pw_context *ctx = NULL;
	pw_store *s = NULL;
	FILE *f = stdout;
	int help, rc, r = 0;
	const char *what, *fmt;

	rc = store_cli_parse(&o, argc, argv, USAGE, "--db --data --what --format -o --since --until "
			     "--as-of --country --domain --security --modality --text --all", &help);
	if (rc || help)
		goto out;
	what = o.what ? o.what : "events";
	fmt = o.format;
	if (o.npos || (strcmp(what, "events") && strcmp(what, "network") && strcmp(what, "dump"))) {
		fprintf(stderr, "usage: %s\n", USAGE);
		rc = PW_EXIT_USAGE;
		goto out;
	}
	if (!fmt)
		fmt = !strcmp(what, "network") ? "graphml" : "jsonl";
	if (!strcmp(what, "events") ? strcmp(fmt, "jsonl") && strcmp(fmt, "tsv") && strcmp(fmt, "csv")
	    : !strcmp(what, "network") ? strcmp(fmt, "graphml") && strcmp(fmt, "gexf") && strcmp(fmt, "edges")
	    : 0) {
		fprintf(stderr, "pactwatch export: format '%s' does not apply to %s\nusage: %s\n", fmt,
			what, USAGE);
		rc = PW_EXIT_USAGE;
		goto out;
	}
	if (!(s = store_cli_open(&o, &ctx, "export", &rc)))
		goto out;
	if (o.output && !(f = fopen(o.output, "w"))) {
		fprintf(stderr, "pactwatch export: %s: %s\n", o.output, strerror(errno));
		rc = PW_EXIT_FAILURE;
		goto out;
	}
	if (!strcmp(what, "dump"))
		r = pw_store_dump(f, s);
	else if (!strcmp(what, "events"))
		r = pw_export_events(f, s, &o.q, !strcmp(fmt, "tsv") ? PW_FMT_TSV
						 : !strcmp(fmt, "csv") ? PW_FMT_CSV : PW_FMT_JSONL);
	else
		r = pw_export_network(f, s, &o.q, !strcmp(fmt, "gexf") ? PW_GRAPH_GEXF
						  : !strcmp(fmt, "edges") ? PW_GRAPH_EDGES_CSV
						  : PW_GRAPH_GRAPHML);
	if (r)
		rc = cli_fail(ctx, "export", r);
	if (f != stdout && fclose(f) && !rc) {
		fprintf(stderr, "pactwatch export: %s: %s\n", o.output, strerror(errno));
		rc = PW_EXIT_FAILURE;
	}
out:
	pw_store_close(s);
	pw_context_free(ctx);
	free(o.pos);
	return rc;
}
