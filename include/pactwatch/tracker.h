/*
 * pactwatch — the partnership tracker: queries over the store.
 *
 * A partnership is an unordered pair of countries (ISO3; IGO/IMG endpoints
 * stay in the events but form no partnership) and a domain. Its state as of
 * a date is folded from the pair's dated security events (EVENTS.md):
 *
 *   discussed (talks, request; any `future` event: intent)
 *   agreed    (agreement)
 *   active    (training, arms, intelligence, exercise, operations,
 *              deployment, basing)
 *   ended     (suspension, withdrawal)
 *
 * `hypothetical` and `negated` events never count. The mapping of sub-types
 * to states and of event contexts to domains is data: data/tracker/ (states.tsv, domains.tsv).
 * Every answer carries its evidence (event, document, sentence, text,
 * source, url).
 *
 * Results are plain structs owned by one result object (free it with the
 * matching *_free); every string inside is borrowed from it. Each query is
 * also available as JSON through pw_tracker_json(), the one serialization the
 * CLI (--json) and the HTTP API share.
 */
#ifndef PACTWATCH_TRACKER_H
#define PACTWATCH_TRACKER_H

#include "common.h"
#include "events.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Filters shared by every query; NULL / 0 means "no filter". Dates are
 * "YYYY-MM-DD" and inclusive. */
typedef struct pw_query {
	unsigned version;
	const char *country;    /* ISO3: partners, changes, incidents, events, network */
	const char *country2;   /* ISO3: timeline (with country), or a second endpoint */
	const char *as_of;      /* partners, network: state as of this date (NULL: latest) */
	const char *since;      /* changes, timeline, events, dyads, incidents, network */
	const char *until;
	const char *domain;     /* partnership domain ("military", "intelligence", ...) */
	const char *security;   /* event security sub-type */
	const char *modality;   /* event modality */
	const char *text;       /* events: substring of the sentence (case-insensitive) */
	const char *by;         /* dyads: "day", "month" (default) or "year" */
	int window_days;        /* incidents: max gap between reports (default 7) */
	int all_modalities;     /* events/timeline: include hypothetical and negated */
	size_t limit;           /* max rows (0: no limit; events default: none) */
	size_t max_evidence;    /* evidence items per partnership (0: default 5) */
} pw_query;

#define PW_QUERY_VERSION 1
#define PW_QUERY_INIT {PW_QUERY_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
		       NULL, NULL, NULL, 0, 0, 0, 0}

/* A stored event: the contract's fields (pw_event) plus where it came from.
 * All strings are borrowed from the result that holds it. */
typedef struct pw_stored_event {
	pw_event ev;            /* ev.contexts NULL-terminated; ev.doc, ev.text ... */
	const char *title;      /* document title or NULL */
	const char *domain;     /* partnership domain of this event */
	const char *incident;   /* incidents(): the incident id it belongs to */
} pw_stored_event;

typedef struct pw_event_rows {
	size_t n;
	pw_stored_event *rows;
	void *priv_;
} pw_event_rows;

/* One state change of a partnership and the event that caused it. */
typedef struct pw_step {
	const char *from;       /* "none" for the first step */
	const char *to;
	char date[11];
	const char *doc;        /* the event that caused it */
	const char *event_id;
	const pw_stored_event *evidence; /* loaded for the latest max_evidence
					  * steps; NULL for older ones (doc and
					  * event_id still name them) */
} pw_step;

typedef struct pw_partnership {
	char a[4];              /* partners(): the queried country; else a < b */
	char b[4];
	const char *domain;
	const char *state;      /* discussed agreed active ended */
	char since[11];         /* date the current state began */
	char last[11];          /* date of the latest counted event */
	size_t nevents;         /* counted events up to as_of */
	size_t nsteps;
	pw_step *steps;         /* every transition, oldest first */
	size_t nevidence;
	const pw_stored_event **evidence; /* events supporting the current state, newest first */
} pw_partnership;

typedef struct pw_partnership_list {
	size_t n;
	pw_partnership *items;  /* sorted by state (active, agreed, discussed, ended), partner, domain */
	char as_of[11];
	void *priv_;
} pw_partnership_list;

typedef struct pw_change {
	char a[4], b[4];
	const char *domain;
	const char *from;
	const char *to;
	char date[11];
	const pw_stored_event *evidence;
} pw_change;

typedef struct pw_change_list {
	size_t n;
	pw_change *items;       /* by date, then pair, then domain */
	void *priv_;
} pw_change_list;

typedef struct pw_dyad {
	char period[11];        /* "2024-06-01", "2024-06" or "2024" */
	char a[4], b[4];        /* actor country -> recipient country (directed) */
	int quad;
	uint64_t count;
	double score_sum;
} pw_dyad;

typedef struct pw_dyad_list {
	size_t n;
	pw_dyad *items;         /* by period, a, b, quad */
	void *priv_;
} pw_dyad_list;

typedef struct pw_incident {
	char id[24];            /* "inc-<hex>", stable for the same first event */
	char a[32], b[32];      /* unordered pair, a < b: ISO3, or the actor code
				 * for IGO/IMG endpoints (ECOWAS and the UN differ) */
	const char *event;      /* PLOVER type */
	const char *security;   /* sub-type or NULL */
	char first[11], last[11];
	size_t nevents;
	size_t nsources;        /* distinct sources: source, else URL host, else doc */
	size_t ndocs;
	const pw_stored_event **events;
} pw_incident;

typedef struct pw_incident_list {
	size_t n;
	pw_incident *items;     /* by first date, then id */
	void *priv_;
} pw_incident_list;

/* Partnerships of q->country as of q->as_of (NULL: the latest date). */
int pw_tracker_partners(pw_partnership_list **out, pw_store *s, const pw_query *q);
/* Every partnership as of q->as_of, filtered by country/domain/since
 * (a partnership with an event on or after since)/until. */
int pw_tracker_network(pw_partnership_list **out, pw_store *s, const pw_query *q);
void pw_partnership_list_free(pw_partnership_list *l);

/* Transitions dated in [since, until] (the realignment alert). */
int pw_tracker_changes(pw_change_list **out, pw_store *s, const pw_query *q);
void pw_change_list_free(pw_change_list *l);

/* Events between q->country and q->country2 (either direction), by date.
 * Counted modalities only unless q->all_modalities. */
int pw_tracker_timeline(pw_event_rows **out, pw_store *s, const pw_query *q);
/* Event search: country (either side), since, until, security, modality,
 * text; all modalities unless q->modality is set. */
int pw_tracker_events(pw_event_rows **out, pw_store *s, const pw_query *q);
void pw_event_rows_free(pw_event_rows *r);

/* Event counts and score sums by period, directed country pair and quad. */
int pw_tracker_dyads(pw_dyad_list **out, pw_store *s, const pw_query *q);
void pw_dyad_list_free(pw_dyad_list *l);

/* Reports of the same happening grouped: same unordered pair, same PLOVER
 * type and security sub-type, each report within q->window_days (default 7)
 * of the previous one, across documents. Raw events stay in the store. */
int pw_tracker_incidents(pw_incident_list **out, pw_store *s, const pw_query *q);
void pw_incident_list_free(pw_incident_list *l);
/* The incident of il holding the event (same doc and id), or NULL: its
 * other reports are the event's corroborating sources. */
const pw_incident *pw_incident_find(const pw_incident_list *il, const pw_stored_event *ev);

typedef enum pw_query_kind {
	PW_Q_PARTNERS = 0,
	PW_Q_NETWORK,
	PW_Q_CHANGES,
	PW_Q_TIMELINE,
	PW_Q_EVENTS,
	PW_Q_DYADS,
	PW_Q_INCIDENTS,
	PW_Q_STATS
} pw_query_kind;

/* Run a query and serialize its answer as one JSON document (an object with
 * the query's parameters and an array of results). *out is a new
 * NUL-terminated string of *len bytes; free it with pw_tracker_json_free(). */
int pw_tracker_json(char **out, size_t *len, pw_store *s, pw_query_kind kind,
		    const pw_query *q);
void pw_tracker_json_free(pw_store *s, char *json);

#ifdef __cplusplus
}
#endif
#endif
