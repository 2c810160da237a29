/*
 * Reading events already coded, in the contract's JSON lines (the output of
 * `pactwatch code`, of another run, or gold converted by gold2events.py),
 * grouped by document so the store can treat each group like a coded
 * document (`pactwatch ingest --events`).
 *
 * Groups are runs of consecutive lines with the same "doc": that is how the
 * coder writes them, and it keeps memory bounded on large files. A document
 * whose events reappear after another document's is reported and skipped
 * (the store would otherwise replace the first group by the second).
 */
#include "store/backend.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

struct pw_event_reader {
	pw_context *ctx;
	FILE *f;
	int own_f;
	char *path;
	uint64_t lineno, bytes;
	char *line;
	size_t line_cap;
	json_t *pending;        /* first event of the next group */
	uint64_t pending_line;
	pw_arena arena;         /* strings of the current group */
	pw_event *ev;
	size_t nev, cap;
	char *doc_id;           /* current group's doc (arena) */
	pw_doc doc;             /* synthesized document for the group */
	/* ids of documents already seen, open addressing on hash64 */
	uint64_t *seen;
	size_t nseen, seen_cap;
};

static int seen_add(pw_event_reader *r, const char *id)
{
	uint64_t h = pw_hash64(id, strlen(id), 7) | 1;
	size_t i;

	if (r->nseen * 2 >= r->seen_cap) {
		size_t ncap = r->seen_cap ? r->seen_cap * 2 : 1024, j;
		uint64_t *n = pw_calloc(r->ctx, ncap, sizeof(*n));
		if (!n)
			return PW_ENOMEM;
		for (j = 0; j < r->seen_cap; j++) {
			if (!r->seen[j])
				continue;
			for (i = r->seen[j] & (ncap - 1); n[i]; i = (i + 1) & (ncap - 1))
				;
			n[i] = r->seen[j];
		}
		pw_free(r->ctx, r->seen);
		r->seen = n;
		r->seen_cap = ncap;
	}
	for (i = h & (r->seen_cap - 1); r->seen[i]; i = (i + 1) & (r->seen_cap - 1))
		if (r->seen[i] == h)
			return 1;
	r->seen[i] = h;
	r->nseen++;
	return 0;
}

int pw_event_reader_open(pw_event_reader **out, pw_context *ctx, const char *path)
{
	pw_event_reader *r = pw_calloc(ctx, 1, sizeof(*r));

	*out = NULL;
	if (!r)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory");
	r->ctx = ctx;
	pw_arena_init(&r->arena, ctx, 64 * 1024);
	if (!strcmp(path, "-")) {
		r->f = stdin;
	} else if (!(r->f = fopen(path, "r"))) {
		int rc = pw_error_set(ctx, PW_EIO, "%s: %s", path, strerror(errno));
		pw_free(ctx, r);
		return rc;
	} else {
		r->own_f = 1;
	}
	r->path = pw_strdup(ctx, path);
	*out = r;
	return 0;
}

void pw_event_reader_free(pw_event_reader *r)
{
	if (!r)
		return;
	if (r->own_f)
		fclose(r->f);
	if (r->pending)
		json_decref(r->pending);
	free(r->line);
	pw_arena_free(&r->arena);
	pw_free(r->ctx, r->ev);
	pw_free(r->ctx, r->seen);
	pw_free(r->ctx, r->path);
	pw_free(r->ctx, r);
}

uint64_t pw_event_reader_bytes(const pw_event_reader *r)
{
	return r->bytes;
}

/* Next parsed JSON object, or NULL at end of input. Bad lines are reported
 * and skipped. */
static json_t *next_object(pw_event_reader *r, uint64_t *line)
{
	ssize_t n;

	while ((n = getline(&r->line, &r->line_cap, r->f)) > 0) {
		json_error_t err;
		json_t *j;
		char *p = r->line;

		r->bytes += (uint64_t)n;
		r->lineno++;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p)
			continue;
		j = json_loadb(r->line, (size_t)n, 0, &err);
		if (!j || !json_is_object(j) || !json_is_string(json_object_get(j, "doc"))) {
			pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->path, r->lineno, UINT64_MAX, NULL,
				     "%s", j ? "event without a \"doc\" string" : err.text);
			if (j)
				json_decref(j);
			continue;
		}
		*line = r->lineno;
		return j;
	}
	return NULL;
}

static const char *astr(pw_event_reader *r, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return NULL;
	return pw_arena_strndup(&r->arena, json_string_value(v), json_string_length(v));
}

static void fixed(char *dst, size_t cap, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	snprintf(dst, cap, "%s", json_is_string(v) ? json_string_value(v) : "");
}

static uint32_t u32(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) && json_integer_value(v) >= 0 ? (uint32_t)json_integer_value(v) : 0;
}

static void actor_of(pw_event_reader *r, pw_event_actor *a, json_t *o)
{
	fixed(a->code, sizeof(a->code), o, "code");
	fixed(a->country, sizeof(a->country), o, "country");
	fixed(a->sector, sizeof(a->sector), o, "sector");
	a->text = astr(r, o, "text");
	a->start = u32(o, "start");
	a->end = u32(o, "end");
}

/* Convert one contract object into r->ev[r->nev]; its strings go to the
 * arena. Returns 0 or PW_EPARSE with a reason in *why. */
static int convert(pw_event_reader *r, json_t *o, uint64_t line, const char **why)
{
	pw_event *e;
	json_t *v, *c;
	size_t i;

	if (r->nev == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		pw_event *n = pw_realloc(r->ctx, r->ev, ncap * sizeof(*n));
		if (!n)
			return PW_ENOMEM;
		r->ev = n;
		r->cap = ncap;
	}
	e = &r->ev[r->nev];
	memset(e, 0, sizeof(*e));
	if (!json_is_string(json_object_get(o, "event"))) {
		*why = "no \"event\" type";
		return PW_EPARSE;
	}
	v = json_object_get(o, "actor");
	if (!json_is_object(v)) {
		*why = "no \"actor\" object";
		return PW_EPARSE;
	}
	actor_of(r, &e->actor, v);
	v = json_object_get(o, "recipient");
	if (json_is_object(v)) {
		e->has_recipient = 1;
		actor_of(r, &e->recipient, v);
	}
	fixed(e->id, sizeof(e->id), o, "id");
	if (!e->id[0])
		snprintf(e->id, sizeof(e->id), "%s:line%llu", r->doc_id, (unsigned long long)line);
	e->doc = r->doc_id;
	e->sentence = u32(o, "sentence");
	fixed(e->date, sizeof(e->date), o, "date");
	if (e->date[0]) {
		char norm[11];
		if (pw_date_normalize(norm, e->date) == 0)
			memcpy(e->date, norm, sizeof(norm));
	}
	e->date_source = astr(r, o, "date_source");
	e->event = astr(r, o, "event");
	e->mode = astr(r, o, "mode");
	c = json_object_get(o, "context");
	if (json_is_array(c))
		for (i = 0; i < json_array_size(c) && i < PW_ARRAY_LEN(e->contexts); i++) {
			json_t *x = json_array_get(c, i);
			if (json_is_string(x))
				e->contexts[i] = pw_arena_strndup(&r->arena, json_string_value(x),
								  json_string_length(x));
		}
	e->security = astr(r, o, "security");
	e->modality = astr(r, o, "modality");
	if (!e->modality)
		e->modality = "asserted";
	fixed(e->cameo, sizeof(e->cameo), o, "cameo");
	v = json_object_get(o, "quad");
	e->quad = json_is_integer(v) ? (int)json_integer_value(v) : 0;
	e->score = json_number_value(json_object_get(o, "score"));
	e->trigger = astr(r, o, "trigger");
	e->text = astr(r, o, "text");
	e->pattern = astr(r, o, "pattern");
	e->source = astr(r, o, "source");
	e->url = astr(r, o, "url");
	r->nev++;
	return 0;
}

/* The next group of events with one "doc". Returns 1 with *doc (a
 * synthesized pw_doc: id, date, title, source, url; no text), *events
 * (borrowed until the next call) and *hash (of the group's canonical JSON);
 * 0 at the end; negative on failure. */
int pw_event_reader_next(pw_event_reader *r, const pw_doc **doc, const pw_event **events,
			 size_t *n, uint64_t *hash)
{
	uint64_t h = 0x4556u, line = 0;
	json_t *o;
	int rc;

again:
	pw_arena_reset(&r->arena);
	r->nev = 0;
	h = 0x4556u;
	o = r->pending;
	line = r->pending_line;
	r->pending = NULL;
	if (!o && !(o = next_object(r, &line)))
		return 0;
	r->doc_id = pw_arena_strndup(&r->arena, json_string_value(json_object_get(o, "doc")),
				     json_string_length(json_object_get(o, "doc")));
	if (!r->doc_id) {
		json_decref(o);
		return PW_ENOMEM;
	}
	memset(&r->doc, 0, sizeof(r->doc));
	r->doc.id = r->doc_id;
	for (;;) {
		const char *why = NULL;
		char *canon = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);

		if (canon) {
			h = pw_hash64(canon, strlen(canon), h);
			free(canon);
		}
		if (!r->doc.title)
			r->doc.title = (char *)astr(r, o, "title");
		rc = convert(r, o, line, &why);
		if (rc == PW_EPARSE)
			pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->path, line, UINT64_MAX, r->doc_id,
				     "event skipped: %s", why);
		json_decref(o);
		if (rc == PW_ENOMEM)
			return pw_error_set(r->ctx, rc, "out of memory");
		o = next_object(r, &line);
		if (!o)
			break;
		if (strcmp(json_string_value(json_object_get(o, "doc")), r->doc_id)) {
			r->pending = o;
			r->pending_line = line;
			break;
		}
	}
	if ((rc = seen_add(r, r->doc_id)) < 0)
		return pw_error_set(r->ctx, rc, "out of memory");
	if (rc == 1) {
		pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->path, line, UINT64_MAX, r->doc_id,
			     "events of this document are not contiguous in the input: group skipped "
			     "(sort the input by document)");
		goto again;
	}
	if (r->nev) {
		r->doc.date = r->ev[0].date[0] ? r->ev[0].date : NULL;
		r->doc.source = (char *)r->ev[0].source;
		r->doc.url = (char *)r->ev[0].url;
	}
	*doc = &r->doc;
	*events = r->ev;
	*n = r->nev;
	*hash = h ? h : 1;
	return 1;
}
