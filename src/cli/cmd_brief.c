/*
 * pactwatch brief --since 7d|YYYY-MM-DD [--until D] [--today D] [--country CC]
 *                 [--format md|html] [--db PATH|postgresql://...] [-o FILE] [--data DIR]
 *
 * A digest of the period: what changed, new agreements, deliveries,
 * deployments, withdrawals, each with its sources. --today fixes the
 * reference date of relative periods (reproducible briefs and tests).
 */
#include "cli.h"
#include "pactwatch/brief.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
	"pactwatch brief --since 7d|YYYY-MM-DD [--until D] [--today D] [--country CC] "
	"[--format md|html] [--db PATH|postgresql://...] [-o FILE] [--data DIR]";

PW_CMD(brief);
PW_CMD(brief)
{
	pw_brief_options o = PW_BRIEF_OPTIONS_INIT;
	const char *since = NULL, *today = NULL, *db = getenv("PACTWATCH_DB"), *data = NULL,
		   *output = NULL;
	char since_buf[11], cc[4];
	pw_context *ctx = NULL;
	pw_store *s = NULL;
	FILE *f = stdout;
	int i, r, rc = PW_EXIT_OK;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			printf("usage: %s\n", USAGE);
			return 0;
		}
		if (!v) {
			fprintf(stderr, "pactwatch brief: %s needs a value\nusage: %s\n", a, USAGE);
			return PW_EXIT_USAGE;
		}
		if (!strcmp(a, "--since"))
			since = v;
		else if (!strcmp(a, "--until"))
			o.until = v;
		else if (!strcmp(a, "--today"))
			today = v;
		else if (!strcmp(a, "--db"))
			db = v;
		else if (!strcmp(a, "--data"))
			data = v;
		else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
			output = v;
		else if (!strcmp(a, "--country")) {
			size_t k;
			if (strlen(v) != 3) {
				fprintf(stderr, "pactwatch brief: --country wants an ISO3 code (MLI, NER...)\n");
				return PW_EXIT_USAGE;
			}
			for (k = 0; k < 3; k++)
				cc[k] = (char)(v[k] >= 'a' && v[k] <= 'z' ? v[k] - 32 : v[k]);
			cc[3] = 0;
			o.country = cc;
		} else if (!strcmp(a, "--format")) {
			if (!strcmp(v, "md") || !strcmp(v, "markdown"))
				o.format = PW_BRIEF_MD;
			else if (!strcmp(v, "html"))
				o.format = PW_BRIEF_HTML;
			else {
				fprintf(stderr, "pactwatch brief: --format md or html\n");
				return PW_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "pactwatch brief: unknown option '%s'\nusage: %s\n", a, USAGE);
			return PW_EXIT_USAGE;
		}
		i++;
	}
	if (!since || pw_brief_parse_since(since_buf, since, today)) {
		fprintf(stderr, "pactwatch brief: --since 7d, 4w, 1m or YYYY-MM-DD is required\nusage: %s\n",
			USAGE);
		return PW_EXIT_USAGE;
	}
	o.since = since_buf;
	if (!o.until && today)
		o.until = today;
	if (!(ctx = cli_context(data)))
		return PW_EXIT_DICT;
	if ((r = pw_store_open(&s, ctx, db && *db ? db : NULL))) {
		rc = cli_fail(ctx, "brief", r);
		goto out;
	}
	if (output && !(f = fopen(output, "w"))) {
		perror(output);
		rc = PW_EXIT_FAILURE;
		goto out;
	}
	if ((r = pw_brief_write(f, s, &o)))
		rc = cli_fail(ctx, "brief", r);
out:
	if (f && f != stdout)
		fclose(f);
	pw_store_close(s);
	pw_context_free(ctx);
	return rc;
}
