/*
 * pactwatch — the event coder: documents in, events out.
 */
#ifndef PACTWATCH_CODER_H
#define PACTWATCH_CODER_H

#include "common.h"
#include "doc.h"
#include "events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pw_code_options {
	unsigned version;
	int explain;            /* fill pw_event.why/pattern with a readable account */
	int include_all_modalities; /* 1 (default): emit hypothetical/negated events too */
} pw_code_options;

#define PW_CODE_OPTIONS_VERSION 1
#define PW_CODE_OPTIONS_INIT {PW_CODE_OPTIONS_VERSION, 0, 1}

/* Load the actor and pattern dictionaries into ctx if not loaded yet
 * (also done lazily by pw_coder_code_doc). PW_EDICT names file:line. */
int pw_coder_load(pw_context *ctx);

/* Code one document (prepared first if needed). *out is a new list, free
 * with pw_event_list_free(); it may be empty. The list borrows nothing from
 * doc: strings are copied. */
int pw_coder_code_doc(pw_event_list **out, pw_context *ctx, pw_doc *doc,
		      const pw_code_options *opts);

/* Write events in a format to a buffer-like sink: returns 0 or PW_EIO. */
int pw_events_write(FILE *f, const pw_event_list *l, pw_event_format fmt);
/* The CSV header line (with newline) for PW_FMT_CSV. Static string. */
const char *pw_events_csv_header(void);

#ifdef __cplusplus
}
#endif
#endif
