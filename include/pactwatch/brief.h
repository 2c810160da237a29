/*
 * pactwatch — the brief: a readable digest of what changed in a period
 * (partnerships started, agreed, ended; new agreements, deliveries,
 * deployments, withdrawals), each item with its sources. Markdown for
 * mail and wikis; HTML self-contained (inline CSS, an inline SVG map of the
 * pairs) for a browser or an attachment.
 */
#ifndef PACTWATCH_BRIEF_H
#define PACTWATCH_BRIEF_H

#include "common.h"
#include "store.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pw_brief_format { PW_BRIEF_MD = 0, PW_BRIEF_HTML = 1 } pw_brief_format;

typedef struct pw_brief_options {
	unsigned version;
	const char *since;          /* "YYYY-MM-DD", required */
	const char *until;          /* inclusive; NULL: no end */
	const char *country;        /* ISO3: only pairs with this country; NULL: all */
	pw_brief_format format;
	size_t max_sources;         /* sources listed per item; 0: 4 */
} pw_brief_options;

#define PW_BRIEF_OPTIONS_VERSION 1
#define PW_BRIEF_OPTIONS_INIT {PW_BRIEF_OPTIONS_VERSION, NULL, NULL, NULL, PW_BRIEF_MD, 0}

/* Write the brief to f. Country names and map positions come from
 * data/countries.tsv. Returns 0, PW_EINVAL (no since), PW_ESTORE, PW_EIO. */
int pw_brief_write(FILE *f, pw_store *s, const pw_brief_options *o);

/* Resolve "7d", "4w", "1m" (30 days) relative to `today` ("YYYY-MM-DD";
 * NULL: the current date), or a "YYYY-MM-DD" date, into out. 0 or PW_EINVAL. */
int pw_brief_parse_since(char out[11], const char *spec, const char *today);

#ifdef __cplusplus
}
#endif
#endif
