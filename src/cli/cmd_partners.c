/*
 * pactwatch partners CC [--as-of D] [--domain X] [--json]
 *   each partner of a country: domain, state, since when, and evidence.
 * Also the option parsing shared by the store commands (store_cli.h).
 */
#include "store_cli.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int want(const char *allowed, const char *opt)
{
	const char *p = allowed;
	size_t l = strlen(opt);

	while ((p = strstr(p, opt))) {
		if ((p == allowed || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
			return 1;
		p += l;
	}
	return 0;
}

static int valid_date(const char *d)
{
	int i;

	if (strlen(d) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : !isdigit((unsigned char)d[i]))
			return 0;
	return 1;
}

int store_cli_parse(struct store_opts *o, int argc, char **argv, const char *usage,
		    const char *allowed, int *help)
{
	pw_query q0 = PW_QUERY_INIT;
	static const char *const valued[] = {"--db", "--data", "--as-of", "--since", "--until",
		"--domain", "--country", "--security", "--modality", "--text", "--limit", "--by",
		"--window", "--what", "--format", "-o", "--evidence", "--batch", "--input", "--date",
		NULL};
	int i, k;

	memset(o, 0, sizeof(*o));
	o->q = q0;
	o->db = getenv("PACTWATCH_DB");
	*help = 0;
	o->pos = calloc((size_t)argc + 1, sizeof(*o->pos));
	if (!o->pos)
		return PW_EXIT_FAILURE;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			printf("usage: %s\n", usage);
			*help = 1;
			return 0;
		}
		if (a[0] != '-' || !strcmp(a, "-")) {
			o->pos[o->npos++] = argv[i];
			continue;
		}
		if (!want(allowed, a)) {
			fprintf(stderr, "pactwatch %s: unknown option %s\nusage: %s\n", argv[0], a, usage);
			return PW_EXIT_USAGE;
		}
		for (k = 0; valued[k] && strcmp(valued[k], a); k++)
			;
		if (valued[k]) {
			if (i + 1 >= argc) {
				fprintf(stderr, "pactwatch %s: %s needs a value\nusage: %s\n", argv[0], a, usage);
				return PW_EXIT_USAGE;
			}
			v = argv[++i];
		}
		if (!strcmp(a, "--db")) o->db = v;
		else if (!strcmp(a, "--data")) o->data = v;
		else if (!strcmp(a, "--json")) o->json = 1;
		else if (!strcmp(a, "--csv")) o->csv = 1;
		else if (!strcmp(a, "--all")) o->q.all_modalities = 1;
		else if (!strcmp(a, "--as-of")) o->q.as_of = v;
		else if (!strcmp(a, "--since")) o->q.since = v;
		else if (!strcmp(a, "--until")) o->q.until = v;
		else if (!strcmp(a, "--domain")) o->q.domain = v;
		else if (!strcmp(a, "--country")) o->q.country = v;
		else if (!strcmp(a, "--security")) o->q.security = v;
		else if (!strcmp(a, "--modality")) o->q.modality = v;
		else if (!strcmp(a, "--text")) o->q.text = v;
		else if (!strcmp(a, "--by")) o->q.by = v;
		else if (!strcmp(a, "--limit")) o->q.limit = (size_t)strtoul(v, NULL, 10);
		else if (!strcmp(a, "--evidence")) o->q.max_evidence = (size_t)strtoul(v, NULL, 10);
		else if (!strcmp(a, "--window")) o->q.window_days = atoi(v);
		else if (!strcmp(a, "--what")) o->what = v;
		else if (!strcmp(a, "--format")) o->format = v;
		else if (!strcmp(a, "-o")) o->output = v;
		/* --batch, --input, --date, --events, --quiet, --progress: ingest reads argv itself */
		if (v && (!strcmp(a, "--as-of") || !strcmp(a, "--since") || !strcmp(a, "--until")) &&
		    !valid_date(v)) {
			fprintf(stderr, "pactwatch %s: %s wants a date YYYY-MM-DD, not '%s'\n", argv[0], a, v);
			return PW_EXIT_USAGE;
		}
	}
	if (o->q.country && store_cli_country((char *)o->q.country, argv[0]))
		return PW_EXIT_USAGE;
	return 0;
}

int store_cli_country(char *cc, const char *cmd)
{
	size_t i, n = strlen(cc);

	for (i = 0; i < n; i++)
		cc[i] = (char)toupper((unsigned char)cc[i]);
	if (n != 3 || !isalpha((unsigned char)cc[0]) || !isalpha((unsigned char)cc[1]) ||
	    !isalpha((unsigned char)cc[2])) {
		fprintf(stderr, "pactwatch %s: '%s' is not an ISO 3166-1 alpha-3 code (e.g. NER, RUS)\n",
			cmd, cc);
		return PW_EXIT_USAGE;
	}
	return 0;
}

pw_store *store_cli_start(struct store_opts *o, pw_context **ctx, int argc, char **argv,
			  const char *usage, const char *allowed, const char *cmd, int *rc)
{
	int help;

	*rc = store_cli_parse(o, argc, argv, usage, allowed, &help);
	if (*rc || help)
		return NULL;
	if (o->npos) {
		fprintf(stderr, "usage: %s\n", usage);
		*rc = PW_EXIT_USAGE;
		return NULL;
	}
	return store_cli_open(o, ctx, cmd, rc);
}

pw_store *store_cli_open(struct store_opts *o, pw_context **ctx, const char *cmd, int *rc)
{
	pw_store *s = NULL;
	int r;

	*ctx = cli_context(o->data);
	if (!*ctx) {
		*rc = PW_EXIT_FAILURE;
		return NULL;
	}
	r = pw_store_open(&s, *ctx, o->db);
	if (r) {
		*rc = cli_fail(*ctx, cmd, r);
		pw_context_free(*ctx);
		*ctx = NULL;
		return NULL;
	}
	*rc = 0;
	return s;
}

int store_cli_json(pw_store *s, pw_context *ctx, const char *cmd, pw_query_kind kind,
		   const pw_query *q)
{
	char *js = NULL;
	size_t len = 0;
	int rc = pw_tracker_json(&js, &len, s, kind, q);

	if (rc)
		return cli_fail(ctx, cmd, rc);
	fwrite(js, 1, len, stdout);
	fputc('\n', stdout);
	pw_tracker_json_free(s, js);
	return fflush(stdout) ? PW_EXIT_FAILURE : 0;
}

void store_cli_snippet(char *out, size_t cap, const char *text, size_t n)
{
	size_t i = 0, k = 0;

	if (!text)
		text = "";
	while (text[i] && k + 4 < cap && i < n) {
		char c = text[i++];
		out[k++] = c == '\n' || c == '\t' ? ' ' : c;
	}
	/* do not cut a UTF-8 sequence in half */
	while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80 && text[i] &&
	       ((unsigned char)text[i] & 0xC0) == 0x80)
		k--;
	if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0 && text[i])
		k--;
	if (text[i] && k + 4 <= cap) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = 0;
}

static const char USAGE[] =
	"pactwatch partners CC [--as-of YYYY-MM-DD] [--domain D] [--evidence N] [--json] "
	"[--db PATH|postgresql://...]";

PW_CMD(partners);
PW_CMD(partners)
{
	struct store_opts o;
	pw_context *ctx = NULL;
	pw_store *s;
	pw_partnership_list *l;
	int help, rc;
	size_t i;

	rc = store_cli_parse(&o, argc, argv, USAGE,
			     "--db --data --json --as-of --domain --evidence", &help);
	if (rc || help)
		goto out;
	if (o.npos != 1) {
		fprintf(stderr, "usage: %s\n", USAGE);
		rc = PW_EXIT_USAGE;
		goto out;
	}
	if ((rc = store_cli_country(o.pos[0], "partners")))
		goto out;
	o.q.country = o.pos[0];
	if (!(s = store_cli_open(&o, &ctx, "partners", &rc)))
		goto out;
	if (o.json) {
		rc = store_cli_json(s, ctx, "partners", PW_Q_PARTNERS, &o.q);
	} else if ((rc = pw_tracker_partners(&l, s, &o.q))) {
		rc = cli_fail(ctx, "partners", rc);
	} else {
		printf("%s partnerships as of %s (%zu)\n", o.q.country,
		       o.q.as_of ? o.q.as_of : "the latest date", l->n);
		if (l->n)
			printf("%-8s %-13s %-10s %-10s %-10s %6s  %s\n", "PARTNER", "DOMAIN", "STATE",
			       "SINCE", "LAST", "EVENTS", "EVIDENCE");
		for (i = 0; i < l->n; i++) {
			const pw_partnership *p = &l->items[i];
			char snip[96] = "";
			if (p->nevidence)
				store_cli_snippet(snip, sizeof(snip), p->evidence[0]->ev.text, 70);
			printf("%-8s %-13s %-10s %-10s %-10s %6zu  %s%s%s\n", p->b, p->domain, p->state,
			       p->since, p->last, p->nevents, p->nevidence ? p->evidence[0]->ev.doc : "",
			       p->nevidence ? ": " : "", snip);
		}
		pw_partnership_list_free(l);
	}
	pw_store_close(s);
out:
	pw_context_free(ctx);
	free(o.pos);
	return rc;
}
