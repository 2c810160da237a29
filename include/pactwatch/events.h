/*
 * pactwatch — events: the coder's output, per ../shared/spec/EVENTS.md.
 *
 * pw_coder_code_doc() turns a prepared document into a list of events, one
 * per (actor, recipient) pair. Event strings are owned by the pw_event_list
 * and freed with it.
 */
#ifndef PACTWATCH_EVENTS_H
#define PACTWATCH_EVENTS_H

#include "common.h"
#include "doc.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One side of an event. */
typedef struct pw_event_actor {
	char code[32];     /* CAMEO-style code, e.g. "RUSMIL", "IGOWSTAFRAES" */
	char country[4];   /* ISO3, "IGO", "IMG", "NGO" */
	char sector[8];    /* "GOV", "MIL", "PMC", "REB", ... or "" */
	const char *text;  /* surface text as in the document */
	uint32_t start;    /* byte offsets into the event's sentence text */
	uint32_t end;
} pw_event_actor;

typedef struct pw_event {
	char id[96];           /* "<doc>:<sentence>:<n>" (truncated ids hashed) */
	const char *doc;       /* document id */
	uint32_t sentence;     /* 0-based sentence index in the document */
	char date[11];         /* YYYY-MM-DD, or "" if unknown */
	const char *date_source; /* "document", "text" */
	pw_event_actor actor;
	int has_recipient;
	pw_event_actor recipient;
	const char *event;     /* PLOVER type: "SUPPORT", ... */
	const char *mode;      /* PLOVER mode or "" */
	const char *contexts[4]; /* PLOVER contexts, NULL-terminated if < 4 */
	const char *security;  /* pactwatch security sub-type or NULL */
	const char *modality;  /* asserted future hypothetical negated historical */
	char cameo[6];
	int quad;              /* 1..4 */
	double score;
	const char *trigger;   /* the trigger words as in the text */
	const char *text;      /* the sentence */
	/* provenance for --explain and the store */
	const char *pattern;   /* "file:line" of the pattern that fired */
	const char *why;       /* why this modality / these actors, for --explain */
	const char *source;    /* document source, may be NULL */
	const char *url;       /* document url, may be NULL */
} pw_event;

typedef struct pw_event_list pw_event_list;

size_t pw_event_list_count(const pw_event_list *l);
/* Borrowed: valid while the list lives. */
const pw_event *pw_event_list_get(const pw_event_list *l, size_t i);
void pw_event_list_free(pw_event_list *l);

/* Output formats for events. */
typedef enum pw_event_format {
	PW_FMT_JSONL = 0,
	PW_FMT_TSV,     /* Phoenix 26 columns, headerless */
	PW_FMT_CSV      /* header + flattened required fields */
} pw_event_format;

#ifdef __cplusplus
}
#endif
#endif
