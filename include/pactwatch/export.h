/*
 * pactwatch — exports from the store: events (JSONL, Phoenix TSV, CSV) and
 * the partnership network (GraphML, GEXF for Gephi, CSV edge list), all
 * filtered by a pw_query (dates, country, domain, security, modality).
 */
#ifndef PACTWATCH_EXPORT_H
#define PACTWATCH_EXPORT_H

#include "common.h"
#include "events.h"
#include "store.h"
#include "tracker.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pw_graph_format {
	PW_GRAPH_GRAPHML = 0,
	PW_GRAPH_GEXF,
	PW_GRAPH_EDGES_CSV   /* header: source,target,domain,state,since,last,events */
} pw_graph_format;

/* Events matching q (as pw_tracker_events) in the contract's JSONL, the 26
 * Phoenix columns, or CSV with a header. PW_EIO on a write error. */
int pw_export_events(FILE *f, pw_store *s, const pw_query *q, pw_event_format fmt);

/* The partnership network as of q->as_of: nodes are countries, edges
 * partnerships (attributes: domain, state, since, last, events). */
int pw_export_network(FILE *f, pw_store *s, const pw_query *q, pw_graph_format fmt);
/* Write an already computed network. */
int pw_export_network_list(FILE *f, pw_context *ctx, const pw_partnership_list *l,
			   pw_graph_format fmt);

/* One stored event as a contract JSON object (no newline) appended to a
 * stdio stream. */
int pw_export_event_json(FILE *f, pw_context *ctx, const pw_stored_event *e);

#ifdef __cplusplus
}
#endif
#endif
