/*
 * Internal: one event formatted into a buffer, per output format (used by
 * pw_events_write() and by other exporters that stream events).
 */
#ifndef PW_EVENTS_WRITE_H
#define PW_EVENTS_WRITE_H

#include "../core/internal.h"
#include "pactwatch/events.h"

void pw_event_json(pw_buf *b, const pw_event *e);
void pw_event_tsv(pw_buf *b, const pw_event *e);
void pw_event_csv(pw_buf *b, const pw_event *e);
/* The context a list was made on (its allocator), borrowed. */
pw_context *pw_event_list_ctx(const pw_event_list *l);

#endif
