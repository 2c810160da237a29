/*
 * Internal: one event formatted into a buffer, per output format (used by
 * pw_events_write() and by other exporters that stream events).
 */
#ifndef PW_EVENTS_WRITE_H
#define PW_EVENTS_WRITE_H

#include "../core/internal.h"
#include "pactwatch/events.h"

void pw_event_json(pw_buf *b, const pw_event *e);

/* The JSON of string fields already written for earlier events of one
 * document, by field: a value with the same pointer (the document id, the
 * event type, the sentence of several events, ...) is copied from where it
 * was written, not escaped again. Only for a buffer that keeps the earlier
 * events' bytes; start each document with a zeroed memo. */
enum { PW_JM_DOC, PW_JM_DATE_SOURCE, PW_JM_EVENT, PW_JM_MODE, PW_JM_CONTEXT, PW_JM_SECURITY,
       PW_JM_MODALITY, PW_JM_TEXT, PW_JM_PATTERN, PW_JM_SOURCE, PW_JM_URL, PW_JM_COUNT };
typedef struct pw_json_memo {
	struct { const char *p; size_t off, len; } f[PW_JM_COUNT];
} pw_json_memo;
void pw_event_json_memo(pw_buf *b, const pw_event *e, pw_json_memo *m);
void pw_event_tsv(pw_buf *b, const pw_event *e);
void pw_event_csv(pw_buf *b, const pw_event *e);
/* The context a list was made on (its allocator), borrowed. */
pw_context *pw_event_list_ctx(const pw_event_list *l);

#endif
