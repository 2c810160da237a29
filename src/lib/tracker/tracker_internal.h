/*
 * Shared pieces of the tracker: the rules (data/tracker), the result
 * holder (an arena for every string and record of one answer) and event
 * row loading from the store.
 */
#ifndef PW_TRACKER_INTERNAL_H
#define PW_TRACKER_INTERNAL_H

#include "store/backend.h"

enum tr_state { TR_NONE = 0, TR_DISCUSSED, TR_AGREED, TR_ACTIVE, TR_ENDED };

const char *tr_state_name(enum tr_state s);

struct pw_tracker_rules {
	size_t nstates;
	struct { char *security; enum tr_state state; } *states;
	size_t ndomains;
	struct { int is_security; char *value; char *domain; } *domains;
	char *default_domain;
};

/* Load the rules into s->rules on first use. PW_EDICT names file:line. */
int tr_rules(pw_store *s, struct pw_tracker_rules **out);
/* State a counted event of this sub-type moves towards (TR_NONE: none). */
enum tr_state tr_rule_state(const struct pw_tracker_rules *r, const char *security);
/* Domain of an event from its sub-type and ';'-joined contexts. Borrowed. */
const char *tr_rule_domain(const struct pw_tracker_rules *r, const char *security,
			   const char *contexts);

/* Modalities the tracker counts: asserted and historical as fact, future
 * as intent (EVENTS.md). */
int tr_modality_counts(const char *modality);

/* A result under construction: an arena and a growable array of events. */
struct tr_res {
	pw_context *ctx;
	pw_arena arena;
	pw_stored_event **ev;
	size_t nev, cap;
};

struct tr_res *tr_res_new(pw_context *ctx);
void tr_res_free(struct tr_res *r);
char *tr_strdup(struct tr_res *r, const char *s);
/* A zeroed answer list of lsize bytes and its private part of psize bytes,
 * whose first member is its struct tr_res *, made here. 0 or PW_ENOMEM
 * (message set); the caller links them through the list's priv_. */
int tr_list_new(pw_store *s, size_t lsize, size_t psize, void **list, void **priv);

/* Columns selected for a full event row (alias e = events, d = documents). */
extern const char TR_EVENT_COLS[];
#define TR_EVENT_FROM " FROM events e LEFT JOIN documents d ON d.id = e.doc "

/* Run sql (selecting TR_EVENT_COLS) and append every row to r->ev. */
int tr_load_events(pw_store *s, struct tr_res *r, const char *sql, int np,
		   const char *const *params);
/* One event by (doc, id); *out NULL if absent. */
int tr_load_event(pw_store *s, struct tr_res *r, const char *doc, const char *id,
		  pw_stored_event **out);

/* Sort events by date, doc, id (NULL dates first). */
void tr_sort_events(pw_stored_event **ev, size_t n);

/* Days since 1970-01-01 of "YYYY-MM-DD"; INT32_MIN if malformed. */
long tr_days(const char *date);

/* JSON of one stored event (contract fields + title, source, url, domain). */
int tr_event_json(pw_buf *b, const pw_stored_event *e);

/* Build a WHERE clause from a query's filters on alias e. Appends to sql
 * and params (at most 12). */
void tr_where(pw_buf *sql, const char **params, int *np, const pw_query *q, int counted_only);

#endif
